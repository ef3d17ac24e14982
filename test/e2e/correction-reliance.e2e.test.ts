import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";

// A correction reaches the organisations that were shown *that item* under a consent or duty valid then
// (JRP art. 16, PCIM art. 21): reading the subject's other items, before this one was uploaded, is not reading it.

let federation: TestFederation;
const PERSON = citizenId(970);
const BANK = "BANK-RELIANCE";
const LEGACY_BANK = "BANK-LEGACY";
const PROVIDER = "HA-NDRC";
const READ_AUTHORIZED = `query ($id: String!) { subject(identifier: $id) { records(tier: AUTHORIZED) { id title } } }`;
const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`;
const GRANT = `mutation ($input: ConsentInput!) { grantConsent(input: $input) { id } }`;
const REVOKE = `mutation ($id: ID!) { revokeConsent(id: $id) { valid } }`;
const FILE = `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`;
const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state } }`;
const NOTICES = `{ myNotices { kind correctedItemId message } }`;
const REACH = `query ($id: ID!) { correctionReach(objectionId: $id) { recipients { org readItem } } }`;

let readId: string;
let uploadedLaterId: string;
const objections: Record<"read" | "uploadedLater", string> = { read: "", uploadedLater: "" };

const pledge = (title: string, documentNumber: string, decidedOn: string) => ({
  subject: { identifier: PERSON, name: "依赖人", kind: "NATURAL_PERSON" },
  category: "OTHER",
  kind: "PLEDGE_MORTGAGE",
  tier: "AUTHORIZED",
  title,
  documentNumber,
  decidedOn,
});

async function correct(targetId: string): Promise<string> {
  const subject = await federation.token({ role: "SUBJECT", subject: PERSON });
  const centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  const provider = await federation.token({ role: "PROVIDER", org: PROVIDER });
  const filed = await federation.query<{ fileObjection: { id: string } }>(FILE, {
    token: subject,
    variables: { input: { targetId, ground: "WRONG_OR_INCOMPLETE", statement: "信息有误" } },
  });
  expect(filed.errors).toBeUndefined();
  const id = filed.data!.fileObjection.id;
  for (const [token, to] of [
    [centre, "UNDER_REVIEW"],
    [centre, "PROVIDER_VERIFYING"],
    [provider, "CORRECTED"],
  ] as const) {
    expect(
      (await federation.query(MOVE, { token, variables: { id, to, note: "登记有误" } })).errors,
    ).toBeUndefined();
  }
  return id;
}

beforeAll(async () => {
  federation = await startTestFederation({ now: "2026-11-10T10:00:00+08:00" });
  const provider = await federation.token({ role: "PROVIDER", org: PROVIDER });
  const subject = await federation.token({ role: "SUBJECT", subject: PERSON });
  const bank = await federation.token({ role: "ORGANIZATION", org: BANK });
  const first = await federation.query<{ submitRecords: { ids: string[] } }>(SUBMIT, {
    token: provider,
    variables: { records: [pledge("不动产抵押登记", "REL-1", daysAgo(30, federation.clock.now()))] },
  });
  expect(first.errors).toBeUndefined();
  readId = first.data!.submitRecords.ids[0]!;

  const granted = await federation.query<{ grantConsent: { id: string } }>(GRANT, {
    token: subject,
    variables: {
      input: {
        grantee: BANK,
        purpose: "CREDIT_LENDING",
        validUntil: new Date(federation.clock.now().getTime() + 30 * 86_400_000).toISOString(),
        evidence: "签字授权书",
      },
    },
  });
  expect(granted.errors).toBeUndefined();
  const read = await federation.query<{ subject: { records: Array<{ id: string }> } }>(READ_AUTHORIZED, {
    token: bank,
    purpose: "CREDIT_LENDING",
    variables: { id: PERSON },
  });
  expect(read.data!.subject.records.map((record) => record.id)).toEqual([readId]);
  expect(
    (await federation.query(REVOKE, { token: subject, variables: { id: granted.data!.grantConsent.id } }))
      .errors,
  ).toBeUndefined();

  // Uploaded after the consent ended, decided before the bank's read: the bank was never shown it.
  federation.clock.set("2026-11-12T10:00:00+08:00");
  const later = await federation.query<{ submitRecords: { ids: string[] } }>(SUBMIT, {
    token: provider,
    variables: { records: [pledge("动产质押登记", "REL-2", daysAgo(60, federation.clock.now()))] },
  });
  expect(later.errors).toBeUndefined();
  uploadedLaterId = later.data!.submitRecords.ids[0]!;

  // An event written before access sets named items (canonical form 2): it says only that LEGACY_BANK was given
  // the subject's AUTHORIZED records on 11 November, so it counts as a reader of every such item then published.
  const db = federation.connection.db;
  const file = await db
    .selectFrom("subjects")
    .select("id")
    .where("identifier", "=", PERSON)
    .executeTakeFirstOrThrow();
  const eventId = randomUUID();
  await sql`
    insert into audit_events (id, request_id, at, actor, role, org, purpose, outcome, error_codes, duration_ms, chain_index, prev_hash, hash, canonical_form)
    values (${eventId}, 'legacy-read', ${new Date("2026-11-11T10:00:00+08:00")}, 'legacy-officer', 'ORGANIZATION', ${LEGACY_BANK}, 'CREDIT_LENDING', 'OK', '{}', 1, 1000000, '', '', 2)`.execute(
    db,
  );
  await sql`
    insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts)
    values (${eventId}, 'records', 'CreditRecord', '{AUTHORIZED}', array[${file.id}]::uuid[], array[${PERSON}], '{1}')`.execute(
    db,
  );

  federation.clock.set("2026-11-13T10:00:00+08:00");
  objections.read = await correct(readId);
  objections.uploadedLater = await correct(uploadedLaterId);
});
afterAll(async () => federation?.stop());

describe("correction notices rest on the item's own disclosure", () => {
  it("reach the bank for the item it was shown under the consent, and not for one uploaded after the consent ended", async () => {
    const answer = await federation.query<{
      myNotices: Array<{ kind: string; correctedItemId: string; message: string }>;
    }>(NOTICES, { token: await federation.token({ role: "ORGANIZATION", org: BANK }) });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.myNotices.map((notice) => notice.correctedItemId)).toEqual([readId]);
    expect(JSON.stringify(answer.data)).not.toContain("动产质押登记");
  });

  it("correctionReach names the bank for the item it read, and for the item no one was shown only the reader of an event too old to tell", async () => {
    const centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const reachOf = async (id: string) =>
      (
        await federation.query<{
          correctionReach: { recipients: Array<{ org: string; readItem: boolean }> };
        }>(REACH, { token: centre, variables: { id } })
      ).data!.correctionReach.recipients;
    expect(await reachOf(objections.read)).toEqual(
      expect.arrayContaining([
        { org: BANK, readItem: true },
        { org: LEGACY_BANK, readItem: true },
      ]),
    );
    expect(await reachOf(objections.read)).toHaveLength(2);
    expect(await reachOf(objections.uploadedLater)).toEqual([{ org: LEGACY_BANK, readItem: true }]);
  });

  it("read events written before items were named as the subject's kind of data at the item's tier: the most they tell", async () => {
    const answer = await federation.query<{ myNotices: Array<{ correctedItemId: string }> }>(NOTICES, {
      token: await federation.token({ role: "ORGANIZATION", org: LEGACY_BANK }),
    });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.myNotices.map((notice) => notice.correctedItemId).sort()).toEqual(
      [readId, uploadedLaterId].sort(),
    );
  });
});
