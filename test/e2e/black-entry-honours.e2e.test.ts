import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { daysAgo, uscc } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";

/** JRP art. 14(11) 「及时撤销严重失信主体已取得的荣誉称号」: a black listing takes the subject's honours off publication. */
const LISTED = uscc(970);
const OTHER = uscc(971);
const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`;
const RECORDS_OF = `query ($id: String!) { subject(identifier: $id) { records { title category status statusReason } } }`;
const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`;

type Row = { title: string; status: string; statusReason: string | null };

let federation: TestFederation;

const company = (identifier: string) => ({
  identifier,
  name: `荣誉公司${identifier.slice(-4)}`,
  kind: "LEGAL_PERSON",
});
const honour = (identifier: string, documentNumber: string) => ({
  subject: company(identifier),
  category: "POSITIVE",
  kind: "HONOUR_AWARD",
  tier: "PUBLIC",
  title: "省级诚信示范企业",
  documentNumber,
  decidedOn: daysAgo(100),
});

async function recordsOf(identifier: string, token?: string): Promise<Row[]> {
  const result = await federation.query<{ subject: { records: Row[] } | null }>(RECORDS_OF, {
    token,
    variables: { id: identifier },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.subject?.records ?? [];
}

beforeAll(async () => {
  federation = await startTestFederation();
  const submitted = await federation.query(SUBMIT, {
    token: await federation.token({ role: "PROVIDER", org: "HA-CIVIL" }),
    variables: {
      records: [
        honour(LISTED, "HON-1"),
        { ...honour(LISTED, "VOL-1"), kind: "VOLUNTEER_SERVICE", title: "志愿服务" },
        honour(OTHER, "HON-2"),
      ],
    },
  });
  expect(submitted.errors).toBeUndefined();
});
afterAll(async () => federation?.stop());

describe("a subject entering the black list (JRP art. 14(11))", () => {
  let requestId: string;

  beforeAll(async () => {
    expect((await recordsOf(LISTED)).map((row) => [row.title, row.status])).toEqual(
      expect.arrayContaining([
        ["省级诚信示范企业", "ACTIVE"],
        ["志愿服务", "ACTIVE"],
      ]),
    );
    const recognized = await federation.query(RECOGNIZE, {
      token: await federation.token({ role: "PROVIDER", org: "HA-COURT" }),
      variables: {
        input: {
          subject: company(LISTED),
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行生效判决",
          basis: "JRP 第六条",
          documentNumber: "HON-B-1",
          recognizedOn: daysAgo(3),
        },
      },
    });
    expect(recognized.errors).toBeUndefined();
    requestId = recognized.headers.get("x-request-id")!;
  });

  it("is no longer published as honoured: its honour record leaves the public file, its other merits and others' honours stay", async () => {
    expect((await recordsOf(LISTED)).map((row) => row.title)).toEqual(["志愿服务"]);
    expect(await recordsOf(OTHER)).toEqual([
      expect.objectContaining({ title: "省级诚信示范企业", status: "ACTIVE" }),
    ]);
  });

  it("still sees its honour itself, SUSPENDED, with the entry that suspended it", async () => {
    const own = await recordsOf(LISTED, await federation.token({ role: "SUBJECT", subject: LISTED }));
    expect(own.find((row) => row.title === "省级诚信示范企业")).toEqual({
      title: "省级诚信示范企业",
      category: "POSITIVE",
      status: "SUSPENDED",
      statusReason: expect.stringMatching(/JRP art\. 14\(11\).*HA-COURT, document HON-B-1/),
    });
  });

  it("is audited as part of the recognition: the mutation's event names the credit records it changed", async () => {
    const db = federation.connection.db;
    const [event] = await db
      .selectFrom("audit_events")
      .select(["id", "operation_type"])
      .where("request_id", "=", requestId)
      .execute();
    expect(event).toMatchObject({ operation_type: "mutation" });
    const accesses = await db
      .selectFrom("audit_accesses")
      .select(["entity_type", "subject_identifier", "count"])
      .where("event_id", "=", event!.id)
      .execute();
    expect(accesses).toContainEqual({ entity_type: "CreditRecord", subject_identifier: LISTED, count: 1 });
  });
});

describe("a black entry removed as wrong", () => {
  it("gives back the honours its recognition suspended, audited with the removal", async () => {
    const WRONGED = uscc(972);
    const court = await federation.token({ role: "PROVIDER", org: "HA-COURT" });
    expect(
      (
        await federation.query(SUBMIT, {
          token: await federation.token({ role: "PROVIDER", org: "HA-CIVIL" }),
          variables: { records: [honour(WRONGED, "HON-3")] },
        })
      ).errors,
    ).toBeUndefined();
    const recognized = await federation.query<{ recognizeListEntry: { id: string } }>(RECOGNIZE, {
      token: court,
      variables: {
        input: {
          subject: company(WRONGED),
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行生效判决",
          basis: "JRP 第六条",
          documentNumber: "HON-B-2",
          recognizedOn: daysAgo(3),
        },
      },
    });
    expect(await recordsOf(WRONGED)).toEqual([]);
    const removed = await federation.query(
      `mutation ($id: ID!) { removeListEntry(id: $id, reason: "认定错误，已撤销") { status } }`,
      {
        token: court,
        variables: { id: recognized.data!.recognizeListEntry.id },
      },
    );
    expect(removed.errors).toBeUndefined();
    expect(await recordsOf(WRONGED)).toEqual([
      expect.objectContaining({ title: "省级诚信示范企业", status: "ACTIVE", statusReason: null }),
    ]);
    const db = federation.connection.db;
    const [event] = await db
      .selectFrom("audit_events")
      .select("id")
      .where("request_id", "=", removed.headers.get("x-request-id")!)
      .execute();
    const accesses = await db
      .selectFrom("audit_accesses")
      .select(["entity_type", "subject_identifier"])
      .where("event_id", "=", event!.id)
      .execute();
    expect(accesses).toContainEqual({ entity_type: "CreditRecord", subject_identifier: WRONGED });
  });
});

describe("a black entry corrected after an upheld objection (JRP art. 16)", () => {
  it("gives back the honours its recognition suspended, as a removal as wrong does", async () => {
    const CORRECTED = uscc(973);
    const court = await federation.token({ role: "PROVIDER", org: "HA-COURT" });
    const centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    expect(
      (
        await federation.query(SUBMIT, {
          token: await federation.token({ role: "PROVIDER", org: "HA-CIVIL" }),
          variables: { records: [honour(CORRECTED, "HON-4")] },
        })
      ).errors,
    ).toBeUndefined();
    const recognized = await federation.query<{ recognizeListEntry: { id: string } }>(RECOGNIZE, {
      token: court,
      variables: {
        input: {
          subject: company(CORRECTED),
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行生效判决",
          basis: "JRP 第六条",
          documentNumber: "HON-B-3",
          recognizedOn: daysAgo(3),
        },
      },
    });
    expect(await recordsOf(CORRECTED)).toEqual([]);
    const filed = await federation.query<{ fileObjection: { id: string } }>(
      `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      {
        token: await federation.token({ role: "SUBJECT", subject: CORRECTED }),
        variables: {
          input: {
            targetId: recognized.data!.recognizeListEntry.id,
            ground: "WRONG_OR_INCOMPLETE",
            statement: "判决已履行完毕，认定有误",
          },
        },
      },
    );
    expect(filed.errors).toBeUndefined();
    for (const to of ["UNDER_REVIEW", "CORRECTED"]) {
      const moved = await federation.query(
        `mutation ($id: ID!, $to: ObjectionState!) { moveObjection(id: $id, to: $to, note: "认定有误") { state } }`,
        { token: centre, variables: { id: filed.data!.fileObjection.id, to } },
      );
      expect(moved.errors).toBeUndefined();
    }
    expect(await recordsOf(CORRECTED)).toEqual([
      expect.objectContaining({ title: "省级诚信示范企业", status: "ACTIVE", statusReason: null }),
    ]);
  });
});
