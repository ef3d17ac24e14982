import type { Kysely } from "kysely";
import type { CreditReportRow, NewCreditReportRow } from "./credit-report.table";
import type { ReportsDatabase } from "./reports.database";

export async function insertCreditReport(
  db: Kysely<ReportsDatabase>,
  report: NewCreditReportRow & { id: string },
): Promise<CreditReportRow> {
  return db.insertInto("credit_reports").values(report).returningAll().executeTakeFirstOrThrow();
}

export async function findCreditReportByCodeHash(
  db: Kysely<ReportsDatabase>,
  codeHash: string,
): Promise<CreditReportRow | undefined> {
  return db.selectFrom("credit_reports").selectAll().where("code_hash", "=", codeHash).executeTakeFirst();
}

export async function findCreditReportById(
  db: Kysely<ReportsDatabase>,
  id: string,
): Promise<CreditReportRow | undefined> {
  return db.selectFrom("credit_reports").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function listCreditReportsBySubjectIdentifier(
  db: Kysely<ReportsDatabase>,
  subjectIdentifier: string,
): Promise<CreditReportRow[]> {
  return db
    .selectFrom("credit_reports")
    .selectAll()
    .where("subject_identifier", "=", subjectIdentifier)
    .orderBy("issued_at", "desc")
    .orderBy("id")
    .limit(200)
    .execute();
}

/** Revokes once: a revoked report keeps its first revocation time. */
export async function revokeCreditReportById(
  db: Kysely<ReportsDatabase>,
  id: string,
  at: Date,
): Promise<CreditReportRow> {
  await db
    .updateTable("credit_reports")
    .set({ revoked_at: at })
    .where("id", "=", id)
    .where("revoked_at", "is", null)
    .execute();
  return db.selectFrom("credit_reports").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}
