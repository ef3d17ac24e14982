import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { Database, ListType, MeasureApplicationRow, MeasureRow, Scenario } from "../../db/database";

export async function listMeasures(
  db: Kysely<Database>,
  filter: { list: ListType | null; scenario: Scenario | null },
): Promise<MeasureRow[]> {
  let query = db.selectFrom("measures").selectAll().orderBy("code");
  if (filter.list) query = query.where("list", "=", filter.list);
  if (filter.scenario) query = query.where((eb) => eb(eb.val(filter.scenario), "=", eb.fn.any("scenarios")));
  return query.execute();
}

export async function listMeasuresByCodes(db: Kysely<Database>, codes: readonly string[]): Promise<MeasureRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom("measures").selectAll().where("code", "in", codes).execute();
}

export async function listApplicationsBySubjectIds(
  db: Kysely<Database>,
  subjectIds: readonly string[],
  access: (eb: ExpressionBuilder<any, any>) => Expression<SqlBool>,
): Promise<MeasureApplicationRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("measure_applications")
    .selectAll()
    .where("subject_id", "in", subjectIds)
    .where(access)
    .orderBy("applied_on", "desc")
    .orderBy("id")
    .execute();
}
