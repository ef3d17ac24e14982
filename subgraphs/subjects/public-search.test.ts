import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { publishPendingItems } from "../../test/publication";

/**
 * What the public portal needs beyond the lists: `searchOrganisations(name)` finds legal
 * persons and other organisations by part of their name — never a natural person, even one the public may
 * read — and `ListFilter.id` names one entry in force, for its disclosure page.
 */
const COMPANY = uscc(970);
const ASSOCIATION = uscc(971);
const PERSON = citizenId(972);
const SEARCH = `query ($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }`;
const ENTRY = `query ($filter: ListFilter) { publicBlacklist(filter: $filter) { totalCount edges { node { id disclosure { name identifier kind } } } } }`;

let slice: SliceTest;
let personEntryId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-12-01T10:00:00+08:00" });
  const provider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
  const recognize = async (identifier: string, name: string, kind: string, documentNumber: string) => {
    const result = await slice.execute<{ recognizeListEntry: { id: string } }>(
      "lists",
      `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: { identifier, name, kind },
            list: "BLACK",
            grounds: "B03_MARKET_FRAUD",
            facts: "销售不合格产品",
            basis: "JRP 第六条",
            documentNumber,
            recognizedOn: "2026-11-02",
          },
        },
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.recognizeListEntry.id;
  };
  await recognize(COMPANY, "淮安市搜索测试贸易有限公司", "LEGAL_PERSON", "SEARCH-1");
  await recognize(ASSOCIATION, "淮安市搜索测试商会", "OTHER_ORGANIZATION", "SEARCH-2");
  // A person on the black list: the public may read them by ID number, never find them by name.
  personEntryId = await recognize(PERSON, "搜索测试张某", "NATURAL_PERSON", "SEARCH-3");
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(slice);
});
afterAll(async () => slice?.stop());

describe("searchOrganisations (public search by name)", () => {
  it("finds legal persons and other organisations by part of their name, by name", async () => {
    const result = await slice.execute<{
      searchOrganisations: Array<{ identifier: string; name: string; kind: string }>;
    }>("subjects", SEARCH, { variables: { name: " 搜索测试 " } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.searchOrganisations).toEqual([
      { identifier: ASSOCIATION, name: "淮安市搜索测试商会", kind: "OTHER_ORGANIZATION" },
      { identifier: COMPANY, name: "淮安市搜索测试贸易有限公司", kind: "LEGAL_PERSON" },
    ]);
    // That the search is audited with each organisation named is the gateway's: test/e2e/audit.e2e.test.ts.
  });

  it("never finds a natural person, for the public or a signed-in organisation, though the public may read that person by ID", async () => {
    const byId = await slice.readSubject<{ name: string } | null>(PERSON, { subjects: "name" });
    expect(byId.data!.subject).toEqual({ name: "搜索测试张某" });
    const bank: SliceViewer = { role: "ORGANIZATION", org: "BANK-SEARCH" };
    for (const token of [undefined, bank]) {
      const result = await slice.execute<{ searchOrganisations: unknown[] }>("subjects", SEARCH, {
        viewer: token ? { ...token, purpose: "CREDIT_LENDING" } : undefined,
        variables: { name: "张某" },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.searchOrganisations).toEqual([]);
    }
  });

  it("limits the answer and refuses a name too short, too long or a page too large as BAD_USER_INPUT; an auditor reads no subjects", async () => {
    const limited = await slice.execute<{ searchOrganisations: unknown[] }>("subjects", SEARCH, {
      variables: { name: "搜索测试", first: 1 },
    });
    expect(limited.data!.searchOrganisations).toHaveLength(1);
    const literal = await slice.execute<{ searchOrganisations: unknown[] }>("subjects", SEARCH, {
      variables: { name: "%%" },
    });
    expect(literal.data!.searchOrganisations).toEqual([]);
    const pasted = await slice.execute<{ searchOrganisations: unknown[] }>("subjects", SEARCH, {
      variables: { name: "搜索\u200b测试" },
    });
    expect(pasted.data!.searchOrganisations).toHaveLength(2);
    // A NUL in the name is refused by the gateway's input hygiene: test/security/client-errors.e2e.test.ts.
    for (const variables of [
      { name: "搜" },
      { name: "   " },
      { name: "搜".repeat(101) },
      { name: "搜索测试", first: 51 },
      { name: "搜索测试", first: 0 },
    ]) {
      const refused = await slice.execute("subjects", SEARCH, { variables });
      expect({ variables, codes: errorCodes(refused), status: refused.status }).toEqual({
        variables,
        codes: ["BAD_USER_INPUT"],
        status: expect.any(Number),
      });
      expect(refused.status).toBeLessThan(500);
    }
    const auditor: SliceViewer = { role: "AUDITOR" };
    expect(
      errorCodes(
        await slice.execute("subjects", SEARCH, { viewer: auditor, variables: { name: "搜索测试" } }),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("ListFilter.id (an entry's disclosure page)", () => {
  it("answers the one entry in force with its disclosure, a person's identifier masked; nothing for an entry of the other list", async () => {
    const result = await slice.execute<{
      publicBlacklist: {
        totalCount: number;
        edges: Array<{
          node: { id: string; disclosure: { name: string; identifier: string; kind: string } };
        }>;
      };
    }>("lists", ENTRY, {
      variables: { filter: { id: personEntryId } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.publicBlacklist.totalCount).toBe(1);
    expect(result.data!.publicBlacklist.edges[0]!.node).toEqual({
      id: personEntryId,
      disclosure: {
        name: "搜索测试张某",
        identifier: `${PERSON.slice(0, 6)}********${PERSON.slice(-4)}`,
        kind: "NATURAL_PERSON",
      },
    });
    const red = await slice.execute<{ publicRedlist: { totalCount: number } }>(
      "lists",
      `query ($filter: ListFilter) { publicRedlist(filter: $filter) { totalCount } }`,
      { variables: { filter: { id: personEntryId } } },
    );
    expect(red.data!.publicRedlist.totalCount).toBe(0);
  });

  it("refuses an id that is not an entry's id as BAD_USER_INPUT, never a database error", async () => {
    for (const id of ["not-an-id", "1 or 1=1", "00000000-0000-0000-0000-00000000000g"]) {
      const refused = await slice.execute("lists", ENTRY, { variables: { filter: { id } } });
      expect({ id, codes: errorCodes(refused) }).toEqual({ id, codes: ["BAD_USER_INPUT"] });
    }
    const unknown = await slice.execute<{ publicBlacklist: { totalCount: number } }>("lists", ENTRY, {
      variables: { filter: { id: "00000000-0000-4000-8000-000000000000" } },
    });
    expect(unknown.data!.publicBlacklist.totalCount).toBe(0);
  });
});
