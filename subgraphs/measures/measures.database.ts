import type { MeasureApplicationTable, MeasureTable } from "./measure.table";

/** The measures slice's tables: only its repositories name them. */
export interface MeasuresTables {
  measures: MeasureTable;
  measure_applications: MeasureApplicationTable;
}

/**
 * What the measures slice's SQL may name: its own tables. The entries an application rests on are joined
 * through the lists' registry (`listEntriesRelation`), built on the lists' own database type.
 */
export type MeasuresDatabase = MeasuresTables;
