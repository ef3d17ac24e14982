import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";
import type { ListStatus, ListType, PublicationState, SubjectKind } from "../../domain/vocabulary";

export interface ListEntryTable {
  id: Generated<string>;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  list: ListType;
  status: ListStatus;
  grounds: string;
  facts: string;
  basis: string;
  document_number: string;
  recognized_by: string;
  recognized_on: DateColumn;
  valid_until: DateColumn | null;
  status_reason: string | null;
  /** The day an upheld objection corrected it (JRP art. 16): the entry was wrong and left the list. */
  corrected_on: ColumnType<DateColumn | null, DateColumn | null | undefined, DateColumn | null>;
  /** When the entry was entered, by the service's clock (the database's time only for rows seeded around it). */
  created_at: DatabaseDefault<Date>;
  /** Disclosure snapshot (JRP art. 8) so the public list is searchable without crossing subgraphs. */
  subject_name: string;
  subject_kind: SubjectKind;
  region: string | null;
  /** When the entry left ACTIVE (removed, repaired, expired). */
  status_changed_on: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  /** A RED entry taken off by a black listing (JRP art. 4): that black entry, whose removal gives it back. */
  removed_by_entry: ColumnType<string | null, string | null | undefined, string | null>;
  /** The fields JRP art. 8 requires on a published entry, as they were at recognition. */
  disclosure: ColumnType<ListDisclosure, string | undefined, string>;
  /** The day the entry reached the city platform (JRP art. 9); null for seeded history. */
  pushed_on: ColumnType<DateColumn | null, DateColumn | null | undefined>;
  /** Pushed later than 7 working days after recognition (JRP art. 9), counted against the unit. */
  pushed_late: ColumnType<boolean, boolean | undefined, boolean>;
  /** The credit centre's review before publication (policies/publication.ts); null: the item needs none. */
  publication: ColumnType<
    PublicationState | null,
    PublicationState | null | undefined,
    PublicationState | null
  >;
  /** REDACTED: what the public tier reads in place of the item's free text; the original stays for its subject, provider and the centre. */
  publication_text: ColumnType<string | null, string | null | undefined, string | null>;
  /** RETURNED: why the centre returned the item to its provider. */
  publication_note: ColumnType<string | null, string | null | undefined, string | null>;
  publication_decided_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

/** JRP art. 8 disclosure fields; identifiers are masked when served, not when stored. */
export type ListDisclosure = {
  sex?: "MALE" | "FEMALE" | null;
  birthDate?: string | null;
  employer?: string | null;
  registeredAddress?: string | null;
  nature?: string | null;
  legalRepresentative?: string | null;
};

export type ListEntryRow = Selectable<ListEntryTable>;
export type NewListEntryRow = Insertable<ListEntryTable>;
export type ListEntryUpdate = Updateable<ListEntryTable>;
