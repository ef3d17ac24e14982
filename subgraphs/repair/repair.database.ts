import type { ObjectionTable } from "./objection.table";
import type { RepairCaseTable } from "./repair-case.table";
import type { WorkflowEventTable } from "./workflow-event.table";

/** The repair slice's tables (objections, repair cases and both workflows' events): only its repositories name them. */
export interface RepairTables {
  objections: ObjectionTable;
  repair_cases: RepairCaseTable;
  workflow_events: WorkflowEventTable;
}

/**
 * What the repair slice's SQL may name: its own tables. The records and entries it objects to or repairs are
 * read and changed through their registries, each on its own slice's database type.
 */
export type RepairDatabase = RepairTables;
