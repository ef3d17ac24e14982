import type { ColumnType } from "kysely";

/**
 * A natural person one caller not entitled to them looked up, per budget key (an actor or a network), within the
 * hour it was first counted: the per-person budget and the MASKED_LIST_WALK alert (subgraphs/shared/person-lookups.ts).
 */
export interface PersonLookupTable {
  caller: string;
  /** SHA-256 of the citizen ID: distinct persons are counted, the ID is not kept. */
  person: string;
  /** The ID as the public lists mask it (first 6 and last 4). */
  masked: string;
  role: string;
  org: string | null;
  looked_up_at: ColumnType<Date, Date | string, Date | string>;
}

/** Every subgraph counts the persons it discloses here (person-lookups.ts), so the table is shared, not a slice's. */
export interface PersonLookupTables {
  person_lookups: PersonLookupTable;
}
