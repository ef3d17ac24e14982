import type { AccessFilter } from "../../policies/accessible-by";
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import { entryRestedOnColumn, listEntriesRelation } from "../lists/list-entry.registry";
import type { MeasuresDatabase } from "./measures.database";
import type { MeasureApplicationRow, MeasureRow, NewMeasureApplicationRow } from "./measure.table";
import type { ListType, Scenario } from "../../domain/vocabulary";

export async function listMeasures(
  db: Kysely<MeasuresDatabase>,
  filter: { list: ListType | null; scenario: Scenario | null },
): Promise<MeasureRow[]> {
  let query = db.selectFrom("measures").selectAll().orderBy("code");
  if (filter.list) query = query.where("list", "=", filter.list);
  if (filter.scenario) query = query.where((eb) => eb(eb.val(filter.scenario), "=", eb.fn.any("scenarios")));
  return query.execute();
}

export async function listMeasuresByCodes(
  db: Kysely<MeasuresDatabase>,
  codes: readonly string[],
): Promise<MeasureRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom("measures").selectAll().where("code", "in", codes).execute();
}

/** An application row with the units that recognised the entries it rests on (its policy's `entryRecognizedBy`). */
export type AppliedMeasureRow = MeasureApplicationRow & { entry_recognized_by: string[] };

/**
 * The list entries (`applied_entry`) the application under `application` rested on: its subject's entries its
 * measure acts on. Measures on responsible persons rest on an organisation's entry, not the person's, and are
 * not matched here.
 */
function entriesAppliedOn(eb: ExpressionBuilder<MeasuresDatabase, any>, application: string) {
  return eb
    .selectFrom(["measures as applied_measure", listEntriesRelation(eb).as("applied_entry")])
    .whereRef("applied_measure.code", "=", `${application}.measure_code`)
    .where("applied_measure.target", "=", "SUBJECT")
    .where((inner) =>
      entryRestedOnColumn(inner, "applied_entry", {
        subjectId: `${application}.subject_id`,
        list: "applied_measure.list",
        grounds: "applied_measure.grounds",
        date: `${application}.applied_on`,
        reportedAt: `${application}.created_at`,
      }),
    );
}

/** `entryRecognizedBy` in SQL: the application rested on an entry `unit` recognised. */
export function appliedOnEntryOf(eb: ExpressionBuilder<MeasuresDatabase, any>, unit: string) {
  return eb.exists(
    entriesAppliedOn(eb, "measure_applications")
      .select(sql`1`.as("one"))
      .where("applied_entry.recognized_by", "=", unit),
  );
}

function entryUnits(eb: ExpressionBuilder<MeasuresDatabase, any>) {
  return sql<
    string[]
  >`array(${entriesAppliedOn(eb, "measure_applications").select("applied_entry.recognized_by").distinct()})`.as(
    "entry_recognized_by",
  );
}

export async function listApplicationsBySubjectIds(
  db: Kysely<MeasuresDatabase>,
  subjectIds: readonly string[],
  access: AccessFilter,
): Promise<AppliedMeasureRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("measure_applications")
    .selectAll()
    .select(entryUnits)
    .where("subject_id", "in", subjectIds)
    .where(access)
    .orderBy("applied_on", "desc")
    .orderBy("id")
    .execute();
}

/** The applications in a period that rested on entries `unit` recognised (the policy filters in SQL too). */
export async function listApplicationsOnEntriesOf(
  db: Kysely<MeasuresDatabase>,
  unit: string,
  period: Readonly<{ from: string; to: string }>,
  access: AccessFilter,
): Promise<AppliedMeasureRow[]> {
  return db
    .selectFrom("measure_applications")
    .selectAll()
    .select(entryUnits)
    .where((eb) => appliedOnEntryOf(eb, unit))
    .where("applied_on", ">=", period.from)
    .where("applied_on", "<=", period.to)
    .where(access)
    .orderBy("applied_on", "desc")
    .orderBy("id")
    .execute();
}

/** Applications in a period per unit whose entries they rested on, and outcome (an application on two units' entries counts for each). */
export async function countApplicationsByEntryUnit(
  db: Kysely<MeasuresDatabase>,
  period: Readonly<{ from: string; to: string }>,
  units: (unitColumn: string) => AccessFilter,
) {
  return db
    .selectFrom("measure_applications")
    .innerJoin("measures as applied_measure", "applied_measure.code", "measure_applications.measure_code")
    .innerJoin(
      (eb) => listEntriesRelation(eb).as("applied_entry"),
      (join) =>
        join.on((eb) =>
          eb.and([
            eb("applied_measure.target", "=", "SUBJECT"),
            entryRestedOnColumn(eb, "applied_entry", {
              subjectId: "measure_applications.subject_id",
              list: "applied_measure.list",
              grounds: "applied_measure.grounds",
              date: "measure_applications.applied_on",
              reportedAt: "measure_applications.created_at",
            }),
          ]),
        ),
    )
    .select((eb) => [
      "applied_entry.recognized_by as unit",
      "measure_applications.outcome",
      eb.fn.count<string>("measure_applications.id").distinct().as("count"),
    ])
    .where("measure_applications.applied_on", ">=", period.from)
    .where("measure_applications.applied_on", "<=", period.to)
    .where(units("applied_entry.recognized_by"))
    .groupBy(["applied_entry.recognized_by", "measure_applications.outcome"])
    .orderBy("measure_applications.outcome")
    .execute();
}

export async function insertMeasureApplication(
  db: Kysely<MeasuresDatabase>,
  row: NewMeasureApplicationRow,
): Promise<MeasureApplicationRow> {
  return db.insertInto("measure_applications").values(row).returningAll().executeTakeFirstOrThrow();
}

/** Applications per measure and outcome in a period, with distinct subjects and reporters per measure. */
export async function listMeasureStats(db: Kysely<MeasuresDatabase>, from: string | null, to: string | null) {
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
