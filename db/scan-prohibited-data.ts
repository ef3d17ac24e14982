import { sql, type Kysely } from "kysely";
import { namesNaturalPerson } from "../domain/identifiers";
import { findProhibitedDataAbout, type ProhibitedFinding } from "../domain/prohibited-data";
import type { Database } from "./database";

/** A stored value that carries prohibited data: where it is, never what it says. */
export type StoredFinding = Readonly<{
  table: string;
  id: string;
  column: string;
  path: string;
  category: string;
}>;

const BATCH = 1_000;
/** Registered names are checked as names when they are set (domain/subject-ref.ts); identifiers never are. */
const NOT_SCANNED = /(^|_)(name|identifier)$/;
/** The column naming whose data a row is, by the table's shape: it decides the scope (PCIM art. 14). */
const SUBJECT_COLUMNS = ["subject_identifier", "identifier"];

/**
 * Scans every text and JSON column of every table for prohibited data (PCIM art. 14), in batches by `id`:
 * data stored before the detector knew a term, or by a path around it. Tables without an `id` (the
 * migrations') are skipped. A row whose subject is an organisation is searched in its person fields only; a
 * row naming no subject is searched whole. Reads only.
 */
export async function scanStoredProhibitedData(db: Kysely<Database>): Promise<StoredFinding[]> {
  const { rows: columns } = await sql<{ table_name: string; column_name: string }>`
    select c.table_name, c.column_name from information_schema.columns c
    where c.table_schema = current_schema()
      and c.data_type in ('text', 'character varying', 'json', 'jsonb')
      and exists (select 1 from information_schema.columns k where k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = 'id')
    order by c.table_name, c.ordinal_position`.execute(db);
  const byTable = new Map<string, string[]>();
  const subjectColumnOf = new Map<string, string>();
  for (const { table_name, column_name } of columns) {
    if (SUBJECT_COLUMNS.includes(column_name) && subjectColumnOf.get(table_name) !== SUBJECT_COLUMNS[0])
      subjectColumnOf.set(table_name, column_name);
    if (!NOT_SCANNED.test(column_name))
      byTable.set(table_name, [...(byTable.get(table_name) ?? []), column_name]);
  }
  const findings: StoredFinding[] = [];
  for (const [table, names] of byTable) {
    const subjectColumn = subjectColumnOf.get(table);
    let after: string | null = null;
    for (;;) {
      const { rows } = await sql<Record<string, unknown>>`
        select id::text as id, ${subjectColumn ? sql`${sql.ref(subjectColumn)}::text as scan_subject,` : sql``} ${sql.join(names.map((name) => sql.ref(name)))} from ${sql.table(table)}
        where ${after === null ? sql`true` : sql`id::text > ${after}`} order by id::text limit ${BATCH}`.execute(
        db,
      );
      for (const row of rows) {
        const about =
          typeof row.scan_subject === "string" && !namesNaturalPerson(row.scan_subject)
            ? "LEGAL_PERSON"
            : "NATURAL_PERSON";
        for (const column of names) {
          findings.push(
            ...findProhibitedDataAbout(about, row[column], column).map((finding: ProhibitedFinding) => ({
              table,
              id: String(row.id),
              column,
              path: finding.path,
              category: finding.category.name,
            })),
          );
        }
      }
      if (rows.length < BATCH) break;
      after = String(rows.at(-1)!.id);
    }
  }
  return findings;
}
