import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/**
 * What a black listing takes (JRP art. 4: the subject's red entries; art. 14(11): its honours' publication) it
 * takes only while it is in force (PCIM art. 27, JRP art. 12), and gives back when it is removed or corrected as
 * wrong (JRP arts. 3 and 12: as if it never was). The clock is pinned to 20 November 2026 (China time).
 */
let slice: SliceTest;
const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id status } }`;
const REMOVE = `mutation ($id: ID!, $reason: String!) { removeListEntry(id: $id, reason: $reason) { status } }`;
const RED_LIST = `query ($id: ID!) { publicRedlist(first: 10, filter: { id: $id }) { edges { node { id } } } }`;

const SUBJECT = { expired: uscc(740), removed: uscc(741), twice: uscc(742), corrected: uscc(743) };
const company = (identifier: string) => ({
  identifier,
  name: `效果公司${identifier.slice(-4)}`,
  kind: "LEGAL_PERSON",
});

async function recognize(
  unit: string,
  identifier: string,
  list: "RED" | "BLACK",
  documentNumber: string,
  recognizedOn: string,
  validUntil?: string,
) {
  const grounds = list === "RED" ? "R03_MEDIA_TRUSTWORTHY" : "B07_REFUSE_JUDGEMENT";
  const result = await slice.execute<{ recognizeListEntry: { id: string } }>("lists", RECOGNIZE, {
    viewer: { role: "PROVIDER", org: unit },
    variables: {
      input: {
        subject: company(identifier),
        list,
        grounds,
        facts: list === "RED" ? "诚信经营典型" : "拒不履行生效判决",
        basis: "JRP",
        documentNumber,
        recognizedOn,
        validUntil,
      },
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.recognizeListEntry.id;
}

async function remove(unit: string, id: string) {
  const result = await slice.execute("lists", REMOVE, {
    viewer: { role: "PROVIDER", org: unit },
    variables: { id, reason: "认定错误" },
  });
  expect(result.errors).toBeUndefined();
}

async function ownFile(identifier: string) {
  const result = await slice.readSubject<{
    listEntries: Array<{ id: string; list: string; status: string }>;
    records: Array<{ title: string; status: string }>;
  }>(
    identifier,
    { lists: "listEntries(includeInactive: true) { id list status }", records: "records { title status }" },
    {
      viewer: { role: "SUBJECT", subject: identifier },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.subject;
}

const statusOf = async (identifier: string, id: string) =>
  (await ownFile(identifier)).listEntries.find((entry) => entry.id === id)!.status;
const onPublicRedList = async (id: string) =>
  (await slice.execute<{ publicRedlist: { edges: unknown[] } }>("lists", RED_LIST, { variables: { id } }))
    .data!.publicRedlist.edges.length === 1;

const red: Record<keyof typeof SUBJECT, string> = { expired: "", removed: "", twice: "", corrected: "" };

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const honours = Object.values(SUBJECT).map((identifier, index) => ({
    subject: company(identifier),
    category: "POSITIVE",
    kind: "HONOUR_AWARD",
    tier: "PUBLIC",
    title: "省级诚信示范企业",
    documentNumber: `EFF-HON-${index}`,
    decidedOn: "2026-05-01",
  }));
  const submitted = await slice.execute(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      viewer: { role: "PROVIDER", org: "HA-CIVIL" },
      variables: { records: honours },
    },
  );
  expect(submitted.errors).toBeUndefined();
  for (const [key, identifier] of Object.entries(SUBJECT))
    red[key as keyof typeof SUBJECT] = await recognize(
      "HA-MEDIA",
      identifier,
      "RED",
      `EFF-R-${key}`,
      "2026-06-01",
    );
});
afterAll(async () => slice?.stop());

describe("a black entry that was never in force (recognised 2021, ended 2024, entered 2026)", () => {
  beforeAll(async () => {
    await recognize("HA-COURT", SUBJECT.expired, "BLACK", "EFF-B-expired", "2021-03-01", "2024-03-01");
  });

  it("takes no red entry: it stays on the public red list", async () => {
    expect(await statusOf(SUBJECT.expired, red.expired)).toBe("ACTIVE");
    expect(await onPublicRedList(red.expired)).toBe(true);
  });

  it("suspends no honour", async () => {
    expect((await ownFile(SUBJECT.expired)).records).toEqual([
      { title: "省级诚信示范企业", status: "ACTIVE" },
    ]);
  });
});

describe("a red entry taken by a black entry in force", () => {
  it("comes back when the black entry is removed", async () => {
    const black = await recognize("HA-COURT", SUBJECT.removed, "BLACK", "EFF-B-removed", "2026-11-10");
    expect(await statusOf(SUBJECT.removed, red.removed)).toBe("REMOVED");
    expect(await onPublicRedList(red.removed)).toBe(false);
    await remove("HA-COURT", black);
    expect(await statusOf(SUBJECT.removed, red.removed)).toBe("ACTIVE");
    expect(await onPublicRedList(red.removed)).toBe(true);
    expect((await ownFile(SUBJECT.removed)).records).toEqual([
      { title: "省级诚信示范企业", status: "ACTIVE" },
    ]);
  });

  it("waits, with the honours, while another black entry of the subject is in force (JRP arts. 4, 14(11)), and comes back when that one is removed", async () => {
    const first = await recognize("HA-COURT", SUBJECT.twice, "BLACK", "EFF-B-twice-1", "2026-11-10");
    const second = await recognize("HA-TAX", SUBJECT.twice, "BLACK", "EFF-B-twice-2", "2026-11-12");
    await remove("HA-COURT", first);
    expect(await statusOf(SUBJECT.twice, red.twice)).toBe("REMOVED");
    expect((await ownFile(SUBJECT.twice)).records).toEqual([
      { title: "省级诚信示范企业", status: "SUSPENDED" },
    ]);
    await remove("HA-TAX", second);
    expect(await statusOf(SUBJECT.twice, red.twice)).toBe("ACTIVE");
    expect((await ownFile(SUBJECT.twice)).records).toEqual([{ title: "省级诚信示范企业", status: "ACTIVE" }]);
  });

  it("comes back when the black entry is corrected after an upheld objection", async () => {
    const black = await recognize("HA-COURT", SUBJECT.corrected, "BLACK", "EFF-B-corrected", "2026-11-10");
    expect(await statusOf(SUBJECT.corrected, red.corrected)).toBe("REMOVED");
    const filed = await slice.execute<{ fileObjection: { id: string } }>(
      "repair",
      `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      {
        viewer: { role: "SUBJECT", subject: SUBJECT.corrected },
        variables: { input: { targetId: black, ground: "WRONG_OR_INCOMPLETE", statement: "认定有误" } },
      },
    );
    expect(filed.errors).toBeUndefined();
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    const court: SliceViewer = { role: "PROVIDER", org: "HA-COURT" };
    for (const [token, to] of [
      [centre, "UNDER_REVIEW"],
      [centre, "PROVIDER_VERIFYING"],
      [court, "CORRECTED"],
    ] as const) {
      const moved = await slice.execute(
        "repair",
        `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state } }`,
        {
          viewer: token,
          variables: { id: filed.data!.fileObjection.id, to, note: "认定错误" },
        },
      );
      expect(moved.errors).toBeUndefined();
    }
    expect(await statusOf(SUBJECT.corrected, red.corrected)).toBe("ACTIVE");
    expect(await onPublicRedList(red.corrected)).toBe(true);
  });
});
