import { subject as policySubject } from "@casl/ability";
import type { CreditRecordRow, RecordCategory } from "../../db/database";
import { chinaDateOf } from "../../domain/dates";
import { discloseReadable } from "../shared/disclose";
import type { CreditRecordContext } from "./credit-record.loaders";
import { CreditRecord } from "./credit-record.type";

/** Still publishable: active and not past its expiry (PCIM art. 27: expired items are no longer published). */
export function isCurrentRecord(row: Pick<CreditRecordRow, "status" | "expires_on">, today: string): boolean {
  return row.status === "ACTIVE" && (row.expires_on === null || row.expires_on >= today);
}

function asCreditRecordPolicy(row: CreditRecordRow, today: string) {
  return policySubject("CreditRecord", {
    subjectIdentifier: row.subject_identifier,
    tier: row.tier,
    category: row.category,
    provider: row.provider,
    current: isCurrentRecord(row, today),
  });
}

export function toCreditRecord(row: CreditRecordRow, today: string): CreditRecord {
  return Object.assign(new CreditRecord(), {
    id: row.id,
    subject: { id: row.subject_id },
    category: row.category,
    severity: row.severity,
    tier: row.tier,
    title: row.title,
    provider: row.provider,
    decidedOn: row.decided_on,
    expiresOn: row.expires_on,
    status: isCurrentRecord(row, today) || row.status !== "ACTIVE" ? row.status : "EXPIRED",
  });
}

function discloseRecords(context: CreditRecordContext, rows: readonly CreditRecordRow[]): CreditRecord[] {
  const today = chinaDateOf(context.now);
  return discloseReadable(context, rows, {
    entityType: "CreditRecord",
    policyOf: (row) => asCreditRecordPolicy(row, today),
    subjectIdOf: (row) => row.subject_id,
    tierOf: (row) => row.tier,
    toType: (row) => toCreditRecord(row, today),
  });
}

/** `Subject.records`: only what the viewer may read; what it may not is absent, not counted. */
export async function listSubjectRecords(
  context: CreditRecordContext,
  subjectId: string,
  category: RecordCategory | null,
): Promise<CreditRecord[]> {
  const rows = await context.loaders.recordsBySubjectId.load(subjectId);
  return discloseRecords(context, category ? rows.filter((row) => row.category === category) : rows);
}

/** `_entities` for CreditRecord: a record the viewer may not read resolves to nothing. */
export async function resolveCreditRecordById(context: CreditRecordContext, id: string): Promise<CreditRecord | null> {
  const row = await context.loaders.recordById.load(id);
  return row ? (discloseRecords(context, [row])[0] ?? null) : null;
}
