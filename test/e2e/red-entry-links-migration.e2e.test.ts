import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateToLatest } from "../../db/migrate";
import { registerSubjects } from "../../subgraphs/subjects/subject.registry";
import { uscc } from "../fixtures";
import { startTestDatabase, type TestDatabase } from "../harness";

/**
 * The migration that links red entries to the black entry that took them (JRP art. 4): entries taken before it
 * are linked from the reason the listing wrote, and what a black entry that was never in force took (its
 * validity ended before it was entered) is given back — its red entries, unless the subject has another black
 * entry that has not ended, and its suspended honours.
 */
const BEFORE = "2026_12_07_14_00_00_add_audit_item_ids";
let database: TestDatabase;
const db = () => database.connection.db;
const ids: Record<string, string> = {};

async function entry(
  subject: { id: string; identifier: string },
  list: "RED" | "BLACK",
  documentNumber: string,
  fields: Record<string, unknown>,
) {
  const row = await db()
    .insertInto("list_entries")
    .values({
      subject_id: subject.id,
      subject_identifier: subject.identifier,
      subject_name: "迁移公司",
      subject_kind: "LEGAL_PERSON",
      region: "320800",
      list,
      status: "ACTIVE",
      grounds: list === "RED" ? "R03_MEDIA_TRUSTWORTHY" : "B07_REFUSE_JUDGEMENT",
      facts: "事实",
      basis: "JRP",
      document_number: documentNumber,
      recognized_by: "HA-COURT",
      recognized_on: "2021-03-01",
      valid_until: list === "BLACK" ? "2027-03-01" : null,
      status_reason: null,
      disclosure: JSON.stringify({}),
      ...fields,
    } as never)
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

beforeAll(async () => {
  database = await startTestDatabase({}, BEFORE);
  const subjects = await registerSubjects(
    db(),
    [0, 1, 2].map((n) => ({
      identifier: uscc(790 + n),
      name: `迁移公司${n}`,
      kind: "LEGAL_PERSON" as const,
      sex: null,
      birthDate: null,
      region: "320800",
    })),
  );
  const [expired, blocked, live] = [...subjects.values()];
  const took = (documentNumber: string) => ({
    status: "REMOVED",
    status_changed_on: "2026-11-01",
    status_reason: `JRP art. 4: entered the black list by HA-COURT, document ${documentNumber}`,
  });
  // Never in force: valid until 2024, entered (pushed) in 2026.
  ids.neverInForce = await entry(expired!, "BLACK", "MIG-B-1", {
    valid_until: "2024-03-01",
    pushed_on: "2026-11-01",
  });
  ids.redOfExpired = await entry(expired!, "RED", "MIG-R-1", took("MIG-B-1"));
  ids.neverInForceToo = await entry(blocked!, "BLACK", "MIG-B-2", {
    valid_until: "2024-03-01",
    pushed_on: "2026-11-01",
  });
  ids.blockingBlack = await entry(blocked!, "BLACK", "MIG-B-3", {
    recognized_on: "2026-10-01",
    valid_until: "2099-10-01",
    pushed_on: "2026-10-02",
  });
  ids.redOfBlocked = await entry(blocked!, "RED", "MIG-R-2", took("MIG-B-2"));
  ids.inForce = await entry(live!, "BLACK", "MIG-B-4", {
    recognized_on: "2026-10-01",
    valid_until: "2099-10-01",
    pushed_on: "2026-10-02",
  });
  ids.redOfLive = await entry(live!, "RED", "MIG-R-4", took("MIG-B-4"));
  await db()
    .insertInto("credit_records")
    .values({
      subject_id: expired!.id,
      subject_identifier: expired!.identifier,
      category: "POSITIVE",
      kind: "HONOUR_AWARD",
      severity: null,
      tier: "PUBLIC",
      title: "诚信示范企业",
      provider: "HA-CIVIL",
      document_number: "MIG-H-1",
      decided_on: "2026-05-01",
      expires_on: null,
      status: "SUSPENDED",
      status_reason: "JRP art. 14(11)",
      suspended_by_entry: ids.neverInForce,
      attributes: "{}",
    })
    .execute();
  await migrateToLatest(db());
});
afterAll(async () => database?.stop());

const red = (id: string) =>
  db()
    .selectFrom("list_entries")
    .select(["status", "removed_by_entry"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();

describe("linking red entries taken by black entries", () => {
  it("gives back a red entry taken by a black entry that was never in force", async () => {
    expect(await red(ids.redOfExpired!)).toEqual({ status: "ACTIVE", removed_by_entry: null });
  });

  it("keeps one off while the subject has another black entry that has not ended, linked to the one that took it", async () => {
    expect(await red(ids.redOfBlocked!)).toEqual({
      status: "REMOVED",
      removed_by_entry: ids.neverInForceToo,
    });
  });

  it("links a red entry taken by a black entry in force, which its removal then gives back", async () => {
    expect(await red(ids.redOfLive!)).toEqual({ status: "REMOVED", removed_by_entry: ids.inForce });
  });

  it("publishes again an honour a never-in-force black entry suspended", async () => {
    const honour = await db()
      .selectFrom("credit_records")
      .select(["status", "suspended_by_entry"])
      .where("document_number", "=", "MIG-H-1")
      .executeTakeFirstOrThrow();
    expect(honour).toEqual({ status: "ACTIVE", suspended_by_entry: null });
  });
});
