import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { Tier } from "../../domain/vocabulary";

/** A signed credit report and its verification code; the code itself is never stored, only its SHA-256. */
export interface CreditReportTable {
  id: Generated<string>;
  subject_id: string;
  subject_identifier: string;
  code_hash: string;
  purpose: string;
  tiers: Tier[];
  /** The canonical content as signed (platform/report-signature.ts#canonicalJson). */
  content: ColumnType<Record<string, unknown>, string, never>;
  content_signature: string;
  /** SHA-256 of the signed PDF file, so a file shown later can be matched to this report. */
  file_sha256: string;
  key_id: string;
  issued_at: Date;
  valid_until: Date;
  revoked_at: Date | null;
}

export type CreditReportRow = Selectable<CreditReportTable>;
export type NewCreditReportRow = Insertable<CreditReportTable>;
