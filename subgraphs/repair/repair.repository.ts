import type { AccessFilter } from "../../policies/accessible-by";
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { NewObjectionRow, ObjectionRow } from "./objection.table";
import type { NewRepairCaseRow, RepairCaseRow } from "./repair-case.table";
import type { WorkflowEventRow } from "./workflow-event.table";
import { chinaDateOf } from "../../domain/dates";
import type { Deadline } from "../../domain/working-days";
import { REPAIR_BARRING_KINDS } from "./repair-eligibility.rules";
import {
  correctEntry,
  findListEntry,
  listBlackListings,
  markEntryRepaired,
} from "../lists/list-entry.registry";
import {
  archiveRepairedRecord,
  correctRecord,
  findCreditRecord,
  listRecordHistory,
} from "../records/credit-record.registry";

const latestDate = (a: string, b: string) => (a > b ? a : b);

export type WorkflowTarget = Readonly<{
  type: "CREDIT_RECORD" | "LIST_ENTRY";
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  provider: string;
  kind: string;
  category: string;
  severity: string | null;
  status: string;
  decidedOn: string;
  /** When it was published on the platform: stored, or decided if that is later. */
  publishedOn: string;
  /** Until when the item is in use: a record's expiry, an entry's validity. */
  validUntil: string | null;
  list: string | null;
}>;

/**
 * The item an objection or repair is about. The repair subgraph owns the workflows; the items live in
 * the records and lists slices, which the workflows read through their registries and change only in
 * `applyCorrection` / `archiveRepaired` (JRP art. 20: no change outside these procedures).
 */
export async function findWorkflowTarget(
  db: Kysely<RepairDatabase>,
  id: string,
): Promise<WorkflowTarget | null> {
  const record = await findCreditRecord(db, id);
  if (record) {
    return {
      type: "CREDIT_RECORD",
      id,
      subjectId: record.subject_id,
      subjectIdentifier: record.subject_identifier,
      provider: record.provider,
      kind: record.kind,
      category: record.category,
      severity: record.severity,
      status: record.status,
      decidedOn: record.decided_on,
      publishedOn: latestDate(record.decided_on, chinaDateOf(record.created_at)),
      validUntil: record.expires_on,
      list: null,
    };
  }
  const entry = await findListEntry(db, id);
  if (!entry) return null;
  return {
    type: "LIST_ENTRY",
    id,
    subjectId: entry.subject_id,
    subjectIdentifier: entry.subject_identifier,
    provider: entry.recognized_by,
    kind: `${entry.list}:${entry.grounds}`,
    category: entry.list === "BLACK" ? "NEGATIVE" : "POSITIVE",
    severity: null,
    status: entry.status,
    decidedOn: entry.recognized_on,
    publishedOn: latestDate(entry.recognized_on, entry.pushed_on ?? entry.recognized_on),
    validUntil: entry.valid_until,
    list: entry.list,
  };
}

/** The subject's history for repair eligibility: negative and marker records, black listings, completed repairs. */
export async function loadRepairHistory(db: Kysely<RepairDatabase>, subjectIdentifier: string) {
  const [records, blackListings, repairs] = await Promise.all([
    listRecordHistory(db, subjectIdentifier, REPAIR_BARRING_KINDS),
    listBlackListings(db, subjectIdentifier),
    db
      .selectFrom("repair_cases")
      .select(["completed_on", "target_kind", "provider"])
      .where("subject_identifier", "=", subjectIdentifier)
      .where("state", "=", "COMPLETED")
      .execute(),
  ]);
  return {
    records: records.map((record) => ({
      id: record.id,
      kind: record.kind,
      category: record.category,
      severity: record.severity,
      status: record.status,
      decidedOn: record.decided_on,
      provider: record.provider,
    })),
    blackListings: blackListings.map((listing) => ({
      id: listing.id,
      recognizedOn: listing.recognized_on,
      status: listing.status,
      provider: listing.recognized_by,
    })),
    repairs: repairs.map((repair) => ({
      completedOn: repair.completed_on!,
      kind: repair.target_kind,
      provider: repair.provider,
    })),
  };
}

/** A deadline as its two columns; no deadline clears both. */
export function dueOnColumns(deadline: Deadline | null): {
  due_on: string | null;
  due_on_provisional: boolean;
} {
  return { due_on: deadline?.dueOn ?? null, due_on_provisional: deadline?.provisional ?? false };
}

export async function insertObjection(
  db: Kysely<RepairDatabase>,
  row: NewObjectionRow,
): Promise<ObjectionRow> {
  return db.insertInto("objections").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findObjectionById(
  db: Kysely<RepairDatabase>,
  id: string,
): Promise<ObjectionRow | undefined> {
  return db.selectFrom("objections").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateObjectionState(
  db: Kysely<RepairDatabase>,
  id: string,
  changes: Pick<ObjectionRow, "state" | "state_changed_on" | "due_on" | "due_on_provisional">,
): Promise<ObjectionRow> {
  return db
    .updateTable("objections")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function insertRepairCase(
  db: Kysely<RepairDatabase>,
  row: NewRepairCaseRow,
): Promise<RepairCaseRow> {
  return db.insertInto("repair_cases").values(row).returningAll().executeTakeFirstOrThrow();
}

export async function findRepairCaseById(
  db: Kysely<RepairDatabase>,
  id: string,
): Promise<RepairCaseRow | undefined> {
  return db.selectFrom("repair_cases").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function updateRepairCase(
  db: Kysely<RepairDatabase>,
  id: string,
  changes: Partial<
    Pick<
      RepairCaseRow,
      "state" | "state_changed_on" | "due_on" | "due_on_provisional" | "completed_on" | "provider_opinion"
    >
  > & { archived_original?: string },
): Promise<RepairCaseRow> {
  return db
    .updateTable("repair_cases")
    .set(changes)
    .where("id", "=", id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function openRepairCaseFor(
  db: Kysely<RepairDatabase>,
  targetId: string,
): Promise<RepairCaseRow | undefined> {
  return db
    .selectFrom("repair_cases")
    .selectAll()
    .where("target_id", "=", targetId)
    .where("state", "not in", ["COMPLETED", "REJECTED"])
    .executeTakeFirst();
}

export async function insertWorkflowEvent(
  db: Kysely<RepairDatabase>,
  event: Omit<WorkflowEventRow, "id">,
): Promise<void> {
  await db.insertInto("workflow_events").values(event).execute();
}

export async function listWorkflowEvents(
  db: Kysely<RepairDatabase>,
  caseIds: readonly string[],
): Promise<WorkflowEventRow[]> {
  if (caseIds.length === 0) return [];
  return db.selectFrom("workflow_events").selectAll().where("case_id", "in", caseIds).orderBy("id").execute();
}

/** Corrects the item an upheld objection is about, through its own slice (records or lists). */
export async function applyCorrection(
  db: Kysely<RepairDatabase>,
  target: WorkflowTarget,
  purge: boolean,
  on: string,
  note: string,
): Promise<void> {
  if (target.type === "CREDIT_RECORD") await correctRecord(db, target.id, { purge, on, note });
  else await correctEntry(db, target.id, { on, note });
}

/** Completes a repair through the item's own slice: it leaves publication; its original is returned for the case's archive. */
export async function archiveRepaired(
  db: Kysely<RepairDatabase>,
  target: WorkflowTarget,
  on: string,
  caseId: string,
): Promise<Record<string, unknown>> {
  const original =
    target.type === "CREDIT_RECORD"
      ? await archiveRepairedRecord(db, target.id)
      : await markEntryRepaired(db, target.id, on, caseId);
  return { ...original };
}

/** The policy field `appealed` of an objection in SQL: its history has a step to APPEALED. */
export function objectionWentToAppeal(eb: ExpressionBuilder<RepairDatabase, any>): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom("workflow_events")
      .select(sql`1`.as("one"))
      .whereRef("workflow_events.case_id", "=", "objections.id")
      .where("workflow_events.workflow", "=", "OBJECTION")
      .where("workflow_events.to_state", "=", "APPEALED"),
  );
}

export const OPEN_OBJECTION_STATES = ["SUBMITTED", "UNDER_REVIEW", "PROVIDER_VERIFYING", "APPEALED"] as const;

export async function listOpenObjectionTargets(
  db: Kysely<RepairDatabase>,
  targetIds: readonly string[],
): Promise<string[]> {
  if (targetIds.length === 0) return [];
  const rows = await db
    .selectFrom("objections")
    .select("target_id")
    .distinct()
    .where("target_id", "in", targetIds)
    .where("state", "in", [...OPEN_OBJECTION_STATES])
    .execute();
  return rows.map((row) => row.target_id);
}

export async function listPublicityByTargets(db: Kysely<RepairDatabase>, targetIds: readonly string[]) {
  if (targetIds.length === 0) return [];
  return db
    .selectFrom("repair_cases")
    .select(["target_id", "due_on"])
    .where("target_id", "in", targetIds)
    .where("state", "=", "IN_PUBLICITY")
    .execute();
}

export async function listRepairCases(
  db: Kysely<RepairDatabase>,
  filter: { subjectIds?: readonly string[]; state?: string | null; access: AccessFilter },
) {
  if (filter.subjectIds?.length === 0) return [];
  return db
    .selectFrom("repair_cases")
    .selectAll()
    .$if(filter.subjectIds !== undefined, (qb) => qb.where("subject_id", "in", filter.subjectIds!))
    .$if(Boolean(filter.state), (qb) => qb.where("state", "=", filter.state!))
    .where(filter.access)
    .orderBy("created_at", "desc")
    .limit(500)
    .execute();
}

export type ProvisionalDeadlineRow = Readonly<{
  id: string;
  state: string;
  filed_on: string | null;
  state_changed_on: string;
  due_on: string;
}>;

/** Open cases whose deadline was counted through a year without its notice. */
export async function listProvisionalDeadlines(
  db: Kysely<RepairDatabase>,
): Promise<{ objections: ProvisionalDeadlineRow[]; repairCases: ProvisionalDeadlineRow[] }> {
  const [objections, repairCases] = await Promise.all([
    db
      .selectFrom("objections")
      .select(["id", "state", "filed_on", "state_changed_on", "due_on"])
      .where("due_on_provisional", "=", true)
      .where("due_on", "is not", null)
      .execute(),
    db
      .selectFrom("repair_cases")
      .select(["id", "state", sql<null>`null`.as("filed_on"), "state_changed_on", "due_on"])
      .where("due_on_provisional", "=", true)
      .where("due_on", "is not", null)
      .execute(),
  ]);
  return {
    objections: objections as ProvisionalDeadlineRow[],
    repairCases: repairCases as ProvisionalDeadlineRow[],
  };
}

/**
 * Makes a provisional deadline official, only if the case is still as it was read (same state, step
 * start and date, still provisional): two processes confirming at once confirm it once, and a step taken
 * meanwhile is never overwritten. True when this call did.
 */
export async function confirmDeadline(
  db: Kysely<RepairDatabase>,
  table: "objections" | "repair_cases",
  row: ProvisionalDeadlineRow,
  dueOn: string,
): Promise<boolean> {
  const updated = await db
    .updateTable(table)
    .set({ due_on: dueOn, due_on_provisional: false })
    .where("id", "=", row.id)
    .where("state", "=", row.state)
    .where("state_changed_on", "=", row.state_changed_on)
    .where("due_on", "=", row.due_on)
    .where("due_on_provisional", "=", true)
    .returning("id")
    .executeTakeFirst();
  return updated !== undefined;
}
