import type { ListEntryTable } from "./list-entry.table";
import type { NoticeTable } from "./notice.table";

/** The lists slice's tables: only its repositories name them. */
export interface ListsTables {
  list_entries: ListEntryTable;
  notices: NoticeTable;
}

/**
 * What the lists slice's SQL may name: its own tables. It reads the subjects' relations through their
 * registry's derived table (`personRelations`), built on the subjects' own database type; lists publish no
 * table, their entries reach other slices through the registry's relation and predicates.
 */
export type ListsDatabase = ListsTables;
