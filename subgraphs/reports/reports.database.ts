import type { CreditReportTable } from "./credit-report.table";

/** The reports slice's tables: the credit reports issued, known by the hash of their verification code. */
export interface ReportsTables {
  credit_reports: CreditReportTable;
}

/**
 * What the reports slice's SQL may name: its own tables. It reads subjects, records, lists and the other slices
 * below it only through their registries.
 */
export type ReportsDatabase = ReportsTables;
