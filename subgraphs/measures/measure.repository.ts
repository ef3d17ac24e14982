import type { AccessFilter } from "../../policies/accessible-by";
import type { Kysely } from "kysely";
import type { Database, ListType, MeasureApplicationRow, MeasureRow, NewMeasureApplicationRow, Scenario } from "../../db/database";

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
  access: AccessFilter,
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

export async function insertMeasureApplication(db: Kysely<Database>, row: NewMeasureApplicationRow): Promise<MeasureApplicationRow> {
  return db.insertInto("measure_applications").values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applications per measure and outcome in a period, with distinct subjects and reporters per measure. */
export async function listMeasureStats(db: Kysely<Database>, from: string | null, to: string | null) {
  return db
    .selectFrom("measure_applications as application")
    .innerJoin("measures as measure", "measure.code", "application.measure_code")
    .selectAll("measure")
    .select((eb) => [
      "application.outcome",
      eb.fn.countAll<string>().as("count"),
      eb
        .selectFrom("measure_applications as other")
        .select((inner) => inner.fn.count<string>("other.subject_id").distinct().as("n"))
        .whereRef("other.measure_code", "=", "measure.code")
        .$if(from !== null, (qb) => qb.where("other.applied_on", ">=", from!))
        .$if(to !== null, (qb) => qb.where("other.applied_on", "<=", to!))
        .as("subjects"),
      eb
        .selectFrom("measure_applications as other")
        .select((inner) => inner.fn.count<string>("other.reported_by").distinct().as("n"))
        .whereRef("other.measure_code", "=", "measure.code")
        .$if(from !== null, (qb) => qb.where("other.applied_on", ">=", from!))
        .$if(to !== null, (qb) => qb.where("other.applied_on", "<=", to!))
        .as("reporters"),
    ])
    .$if(from !== null, (qb) => qb.where("application.applied_on", ">=", from!))
    .$if(to !== null, (qb) => qb.where("application.applied_on", "<=", to!))
    .groupBy(["measure.code", "application.outcome"])
    .orderBy("measure.code")
    .orderBy("application.outcome")
    .execute();
}
