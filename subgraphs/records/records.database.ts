import type { SubjectsPublished } from "../subjects/subject.registry";
import type { CreditRecordTable, RecordKindTable, RecordRelationTable } from "./credit-record.table";

/** The records slice's tables: only its repositories name them. */
export interface RecordsTables {
  credit_records: CreditRecordTable;
  record_kinds: RecordKindTable;
  record_relations: RecordRelationTable;
}

/**
 * What the records slice's SQL may name: its own tables and what subjects publish (the consents its reads
 * are filtered by). Records publish no table: other slices read them through the registry's predicates.
 */
export type RecordsDatabase = RecordsTables & SubjectsPublished;
