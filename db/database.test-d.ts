import type { ExpressionBuilder, Kysely } from "kysely";
import type { AuditDatabase } from "../subgraphs/audit/audit.database";
import type { ListsDatabase } from "../subgraphs/lists/lists.database";
import type { MeasuresDatabase } from "../subgraphs/measures/measures.database";
import type { RecordsDatabase } from "../subgraphs/records/records.database";
import type { RepairDatabase } from "../subgraphs/repair/repair.database";
import type { SubjectsDatabase } from "../subgraphs/subjects/subjects.database";
import type { Database } from "./database";

// Checked by `npm run typecheck`, never run: a slice's SQL names its own tables and what lower rungs publish;
// naming another slice's table does not compile. Each `@ts-expect-error` fails the check if that line compiles.

export function ownTablesAndPublishedOnes(
  dbs: Readonly<{
    subjects: Kysely<SubjectsDatabase>;
    records: Kysely<RecordsDatabase>;
    lists: Kysely<ListsDatabase>;
    audit: Kysely<AuditDatabase>;
    repair: Kysely<RepairDatabase>;
    measures: Kysely<MeasuresDatabase>;
  }>,
) {
  return [
    dbs.subjects.selectFrom("subject_relations").selectAll(),
    dbs.records.selectFrom("credit_records").selectAll(),
    // Published by subjects: the consent policy runs inside records' statements.
    dbs.records.selectFrom("consents").select("id"),
    dbs.lists.selectFrom("notices").selectAll(),
    dbs.audit.selectFrom("audit_event_log").selectAll(),
    dbs.repair.selectFrom("workflow_events").selectAll(),
    dbs.measures.selectFrom("measure_applications").selectAll(),
  ];
}

export function anotherSlicesTable(
  dbs: Readonly<{
    subjects: Kysely<SubjectsDatabase>;
    records: Kysely<RecordsDatabase>;
    lists: Kysely<ListsDatabase>;
    audit: Kysely<AuditDatabase>;
    repair: Kysely<RepairDatabase>;
    measures: Kysely<MeasuresDatabase>;
  }>,
) {
  return [
    // @ts-expect-error the subjects slice is the lowest rung: records are not its table.
    dbs.subjects.selectFrom("credit_records"),
    // @ts-expect-error records read no list entry (subjects publish only their consents).
    dbs.records.selectFrom("list_entries"),
    // @ts-expect-error lists do not name the subjects' relations: they use the registry's `personRelations`.
    dbs.lists.selectFrom("subject_relations"),
    // @ts-expect-error audit reads revoked consents through the subjects' registry, not their table.
    dbs.audit.selectFrom("consents"),
    // @ts-expect-error repair changes list entries only through the lists' registry.
    dbs.repair.updateTable("list_entries"),
    // @ts-expect-error measures join entries through the lists' registry (`listEntriesRelation`).
    dbs.measures.selectFrom("list_entries"),
    // @ts-expect-error no slice names the gateway's budgets.
    dbs.measures.selectFrom("gateway_rate_buckets"),
  ];
}

/** A predicate inside a slice's statement: a subquery on another slice's table does not compile either. */
export function anotherSlicesTableInAPredicate(eb: ExpressionBuilder<RepairDatabase, "objections">) {
  // @ts-expect-error repair reads records through the records' registry.
  return eb.exists(eb.selectFrom("credit_records").select("id"));
}

/** The whole database, for migrations, the seed and tools, holds every slice's tables. */
export function theWholeDatabase(db: Kysely<Database>) {
  return [
    db.selectFrom("credit_records").select("id"),
    db.selectFrom("list_entries").select("id"),
    db.selectFrom("gateway_admissions").select("id"),
    db.selectFrom("person_lookups").select("person"),
  ];
}
