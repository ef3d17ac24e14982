import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import type { Database } from "../../db/database";
import type { AccessFilter } from "../../policies/accessible-by";

// The lists slice's published face: which entries a measure rests on, and a unit's listings in a period.

/**
 * Whether the entry under `alias` is what a measure applied on `date` rested on (JRP art. 14, 「依法依规」): the
 * subject's entry on the measure's list, with grounds its basis covers (no grounds: every grounds), in force
 * that day — recognised, within its validity, and not yet off the list. `refs` name the caller's columns.
 */
export function entryRestedOnColumn(
  eb: ExpressionBuilder<any, any>,
  alias: string,
  refs: Readonly<{ subjectId: string; list: string; grounds: string; date: string }>,
): Expression<SqlBool> {
  const ref = (column: string) => eb.ref(`${alias}.${column}`);
  const date = eb.ref(refs.date);
  return eb.and([
    eb(ref("subject_id"), "=", eb.ref(refs.subjectId)),
    eb(ref("list"), "=", eb.ref(refs.list)),
    eb.or([sql<SqlBool>`cardinality(${eb.ref(refs.grounds)}) = 0`, sql<SqlBool>`${ref("grounds")} = any(${eb.ref(refs.grounds)})`]),
    eb(ref("recognized_on"), "<=", date),
    eb.or([eb(ref("valid_until"), "is", null), eb(ref("valid_until"), ">=", date)]),
    eb.or([eb(ref("status"), "=", "ACTIVE"), eb(ref("status_changed_on"), ">", date)]),
  ]);
}

/**
 * Per recognising unit, one statement: entries recognised in the period, and entries pushed to the platform in
 * the period later than JRP art. 9's 7 working days (counted against the unit, art. 22(2)). `units` compiles
 * the reader's policy over a unit column.
 */
export async function countListingsByUnit(db: Kysely<Database>, period: Readonly<{ from: string; to: string }>, units: (unitColumn: string) => AccessFilter) {
  const recognized = (eb: ExpressionBuilder<Database, "list_entries">) => eb.between("recognized_on", period.from, period.to);
  const pushedLate = (eb: ExpressionBuilder<Database, "list_entries">) => eb.and([eb("pushed_late", "=", true), eb.between("pushed_on", period.from, period.to)]);
  return db
    .selectFrom("list_entries")
    .select((eb) => [
      "recognized_by as unit",
      eb.fn.countAll<string>().filterWhere(recognized).as("recognized"),
      eb.fn.countAll<string>().filterWhere(pushedLate).as("pushed_late"),
    ])
    .where((eb) => eb.or([recognized(eb), pushedLate(eb)]))
    .where(units("list_entries.recognized_by"))
    .groupBy("recognized_by")
    .execute();
}
