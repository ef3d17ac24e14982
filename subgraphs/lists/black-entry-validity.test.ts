import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/** docs/api.md "A black-list entry always has validUntil" (PCIM art. 27, JRP arts. 8, 12). */
const FRESH = uscc(960);
const OLD = uscc(961);
const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id validUntil } }`;
const SCREEN = `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_RESOURCE_TRADING) { identifier decision } }`;

let slice: SliceTest;
let freshId: string;
let oldId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-12-01T10:00:00+08:00" });
  const provider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
  const recognize = async (identifier: string, recognizedOn: string, documentNumber: string) => {
    const result = await slice.execute<{ recognizeListEntry: { id: string; validUntil: string } }>(
      "lists",
      RECOGNIZE,
      {
        viewer: provider,
        variables: {
          input: {
            subject: { identifier, name: `有效期公司${documentNumber}`, kind: "LEGAL_PERSON" },
            list: "BLACK",
            grounds: "B03_MARKET_FRAUD",
            facts: "销售不合格产品",
            basis: "JRP 第六条",
            documentNumber,
            recognizedOn,
          },
        },
      },
    );
    expect(result.errors).toBeUndefined();
    return result.data!.recognizeListEntry;
  };
  const fresh = await recognize(FRESH, "2026-11-02", "VAL-1");
  const old = await recognize(OLD, "2023-10-09", "VAL-2");
  expect([fresh.validUntil, old.validUntil]).toEqual(["2029-11-02", "2026-10-09"]);
  [freshId, oldId] = [fresh.id, old.id];
});
afterAll(async () => slice?.stop());

describe("a black-list entry recognised without validUntil", () => {
  it("is valid 36 months from recognition: published and a basis for measures until then, neither after", async () => {
    const listed = await slice.execute<{
      publicBlacklist: {
        edges: Array<{
          node: { id: string; validUntil: string; recognizedBy: string; recognizedByName: string };
        }>;
      };
    }>(
      "lists",
      `{ publicBlacklist(first: 100) { edges { node { id validUntil recognizedBy recognizedByName } } } }`,
    );
    const ids = listed.data!.publicBlacklist.edges.map((edge) => edge.node.id);
    expect(ids).toContain(freshId);
    // The unit is disclosed by its name (JRP art. 8, data/units.yaml).
    expect(listed.data!.publicBlacklist.edges.find((edge) => edge.node.id === freshId)!.node).toMatchObject({
      recognizedBy: "HA-SAMR",
      recognizedByName: "淮安市市场监督管理局",
    });
    expect(ids).not.toContain(oldId);

    const government: SliceViewer = { role: "GOVERNMENT", org: "HA-GOV" };
    const screened = await slice.execute<{ screen: Array<{ identifier: string; decision: string }> }>(
      "measures",
      SCREEN,
      { viewer: { ...government, purpose: "PUBLIC_RESOURCE_TRADING" }, variables: { ids: [FRESH, OLD] } },
    );
    const decisions = Object.fromEntries(
      screened.data!.screen.map((result) => [result.identifier, result.decision]),
    );
    // In force, it brings 「限制参与公共资源交易活动」 (JRP art. 14(5)): REVIEW, the text leaving the centre discretion.
    expect(decisions[FRESH]).toBe("REVIEW");
    expect(decisions[OLD]).toBe("PASS");
  });

  it("cannot be stored without a validity, even around the service", async () => {
    const row = await slice.db
      .selectFrom("list_entries")
      .selectAll()
      .where("id", "=", freshId)
      .executeTakeFirstOrThrow();
    const { id: _id, ...copy } = row;
    await expect(
      slice.db
        .insertInto("list_entries")
        .values({
          ...copy,
          document_number: "VAL-3",
          valid_until: null,
          disclosure: JSON.stringify(row.disclosure),
        } as never)
        .execute(),
    ).rejects.toThrow(/list_entries_black_has_validity/);
  });
});

describe("the push to the city platform (JRP art. 9: within 7 working days)", () => {
  it("accepts a late push and flags it, counting working days", async () => {
    const provider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
    const push = async (n: number, recognizedOn: string) =>
      (
        await slice.execute<{ recognizeListEntry: { pushedOn: string; pushedLate: boolean } }>(
          "lists",
          `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { pushedOn pushedLate } }`,
          {
            viewer: provider,
            variables: {
              input: {
                subject: { identifier: uscc(n), name: `推送公司${n}`, kind: "LEGAL_PERSON" },
                list: "BLACK",
                grounds: "B09_REFUSE_CORRECTION",
                facts: "拒不改正",
                basis: "JRP 第六条",
                documentNumber: `PUSH-${n}`,
                recognizedOn,
              },
            },
          },
        )
      ).data!.recognizeListEntry;
    // Recognised Friday 20 November: the seventh working day is Tuesday 1 December, today.
    expect(await push(962, "2026-11-20")).toEqual({ pushedOn: "2026-12-01", pushedLate: false });
    // Recognised Thursday 19 November: the seventh working day was Monday 30 November.
    expect(await push(963, "2026-11-19")).toEqual({ pushedOn: "2026-12-01", pushedLate: true });
  });
});

describe("a validity longer than the cap (PCIM art. 27: 3 years unless a law sets otherwise)", () => {
  it("is refused without a cited law and accepted with one", async () => {
    const provider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
    const recognize = (n: number, basis: string) =>
      slice.execute(
        "lists",
        `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { validUntil } }`,
        {
          viewer: provider,
          variables: {
            input: {
              subject: { identifier: uscc(n), name: `长期公司${n}`, kind: "LEGAL_PERSON" },
              list: "BLACK",
              grounds: "B01_HEALTH_SAFETY",
              facts: "严重危害公共安全",
              basis,
              documentNumber: `LONG-${n}`,
              recognizedOn: "2026-11-02",
              validUntil: "2999-12-31",
            },
          },
        },
      );
    const refused = await recognize(964, "JRP 第六条");
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(refused.errors)).toContain("2029-11-02");
    expect((await recognize(965, "《中华人民共和国食品安全法》第一百三十五条")).data).toEqual({
      recognizeListEntry: { validUntil: "2999-12-31" },
    });
  });
});
