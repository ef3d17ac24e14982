import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";

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

let federation: TestFederation;
let personEntryId: string;

beforeAll(async () => {
  federation = await startTestFederation({ now: "2026-12-01T10:00:00+08:00" });
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const recognize = async (identifier: string, name: string, kind: string, documentNumber: string) => {
    const result = await federation.query<{ recognizeListEntry: { id: string } }>(`mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`, {
      token: provider,
      variables: { input: { subject: { identifier, name, kind }, list: "BLACK", grounds: "B03_MARKET_FRAUD", facts: "销售不合格产品", basis: "JRP 第六条", documentNumber, recognizedOn: "2026-11-02" } },
    });
    expect(result.errors).toBeUndefined();
    return result.data!.recognizeListEntry.id;
  };
  await recognize(COMPANY, "淮安市搜索测试贸易有限公司", "LEGAL_PERSON", "SEARCH-1");
  await recognize(ASSOCIATION, "淮安市搜索测试商会", "OTHER_ORGANIZATION", "SEARCH-2");
  // A person on the black list: the public may read them by ID number, never find them by name.
  personEntryId = await recognize(PERSON, "搜索测试张某", "NATURAL_PERSON", "SEARCH-3");
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);
});
afterAll(async () => federation?.stop());

describe("searchOrganisations (public search by name)", () => {
  it("finds legal persons and other organisations by part of their name, by name, audited with each one named", async () => {
    const result = await federation.query<{ searchOrganisations: Array<{ identifier: string; name: string; kind: string }> }>(SEARCH, { variables: { name: " 搜索测试 " } });
    expect(result.errors).toBeUndefined();
    expect(result.data!.searchOrganisations).toEqual([
      { identifier: ASSOCIATION, name: "淮安市搜索测试商会", kind: "OTHER_ORGANIZATION" },
      { identifier: COMPANY, name: "淮安市搜索测试贸易有限公司", kind: "LEGAL_PERSON" },
    ]);
    const auditor = await federation.token({ role: "AUDITOR" });
    const events = await federation.query<{ auditEvents: { edges: Array<{ node: { role: string; subjects: string[] } }> } }>(
      `query ($filter: AuditFilter) { auditEvents(filter: $filter, first: 10) { edges { node { role subjects } } } }`,
      { token: auditor, variables: { filter: { subject: COMPANY, role: "PUBLIC" } } },
    );
    expect(events.data!.auditEvents.edges.map((edge) => edge.node)).toContainEqual({ role: "PUBLIC", subjects: expect.arrayContaining([COMPANY, ASSOCIATION]) });
  });

  it("never finds a natural person, for the public or a signed-in organisation, though the public may read that person by ID", async () => {
    const byId = await federation.query<{ subject: { name: string } | null }>(`query ($id: String!) { subject(identifier: $id) { name } }`, { variables: { id: PERSON } });
    expect(byId.data!.subject).toEqual({ name: "搜索测试张某" });
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-SEARCH" });
    for (const token of [undefined, bank]) {
      const result = await federation.query<{ searchOrganisations: unknown[] }>(SEARCH, { token, purpose: token ? "CREDIT_LENDING" : undefined, variables: { name: "张某" } });
      expect(result.errors).toBeUndefined();
      expect(result.data!.searchOrganisations).toEqual([]);
    }
  });

  it("limits the answer and refuses a name too short, too long or a page too large as BAD_USER_INPUT; an auditor reads no subjects", async () => {
    const limited = await federation.query<{ searchOrganisations: unknown[] }>(SEARCH, { variables: { name: "搜索测试", first: 1 } });
    expect(limited.data!.searchOrganisations).toHaveLength(1);
    const literal = await federation.query<{ searchOrganisations: unknown[] }>(SEARCH, { variables: { name: "%%" } });
    expect(literal.data!.searchOrganisations).toEqual([]);
    const pasted = await federation.query<{ searchOrganisations: unknown[] }>(SEARCH, { variables: { name: "搜索\u200b测试" } });
    expect(pasted.data!.searchOrganisations).toHaveLength(2);
    expect(errorCodes(await federation.query(SEARCH, { variables: { name: "搜索\u0000测试" } }))).toEqual(["BAD_USER_INPUT"]);
    for (const variables of [{ name: "搜" }, { name: "   " }, { name: "搜".repeat(101) }, { name: "搜索测试", first: 51 }, { name: "搜索测试", first: 0 }]) {
      const refused = await federation.query(SEARCH, { variables });
      expect({ variables, codes: errorCodes(refused), status: refused.status }).toEqual({ variables, codes: ["BAD_USER_INPUT"], status: expect.any(Number) });
      expect(refused.status).toBeLessThan(500);
    }
    const auditor = await federation.token({ role: "AUDITOR" });
    expect(errorCodes(await federation.query(SEARCH, { token: auditor, variables: { name: "搜索测试" } }))).toEqual(["FORBIDDEN"]);
  });
});

describe("ListFilter.id (an entry's disclosure page)", () => {
  it("answers the one entry in force with its disclosure, a person's identifier masked; nothing for an entry of the other list", async () => {
    const result = await federation.query<{ publicBlacklist: { totalCount: number; edges: Array<{ node: { id: string; disclosure: { name: string; identifier: string; kind: string } } }> } }>(ENTRY, {
      variables: { filter: { id: personEntryId } },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.publicBlacklist.totalCount).toBe(1);
    expect(result.data!.publicBlacklist.edges[0]!.node).toEqual({ id: personEntryId, disclosure: { name: "搜索测试张某", identifier: `${PERSON.slice(0, 6)}********${PERSON.slice(-4)}`, kind: "NATURAL_PERSON" } });
    const red = await federation.query<{ publicRedlist: { totalCount: number } }>(`query ($filter: ListFilter) { publicRedlist(filter: $filter) { totalCount } }`, { variables: { filter: { id: personEntryId } } });
    expect(red.data!.publicRedlist.totalCount).toBe(0);
  });

  it("refuses an id that is not an entry's id as BAD_USER_INPUT, never a database error", async () => {
    for (const id of ["not-an-id", "1 or 1=1", "00000000-0000-0000-0000-00000000000g"]) {
      const refused = await federation.query(ENTRY, { variables: { filter: { id } } });
      expect({ id, codes: errorCodes(refused) }).toEqual({ id, codes: ["BAD_USER_INPUT"] });
    }
    const unknown = await federation.query<{ publicBlacklist: { totalCount: number } }>(ENTRY, { variables: { filter: { id: "00000000-0000-4000-8000-000000000000" } } });
    expect(unknown.data!.publicBlacklist.totalCount).toBe(0);
  });
});
