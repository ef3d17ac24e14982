import type { AuditLogTables } from "../audit-log/audit-event.table";
import type { GatewayTables } from "../gateway/gateway-budget.table";
import type { ListsTables } from "../subgraphs/lists/lists.database";
import type { MeasuresTables } from "../subgraphs/measures/measures.database";
import type { RecordsTables } from "../subgraphs/records/records.database";
import type { RepairTables } from "../subgraphs/repair/repair.database";
import type { ReportsTables } from "../subgraphs/reports/reports.database";
import type { PersonLookupTables } from "../subgraphs/shared/person-lookup.table";
import type { SubjectsTables } from "../subgraphs/subjects/subjects.database";

/**
 * Every table, assembled from the slices that own them (and the audit chain's, the gateway's and the shared
 * person lookups'): for migrations, the seed and the tools that read across the whole database. A slice's own
 * SQL is typed with its slice's database (e.g. `RecordsDatabase`), in which another slice's table does not exist.
 */
export interface Database
  extends SubjectsTables,
    RecordsTables,
    ListsTables,
    AuditLogTables,
    RepairTables,
    MeasuresTables,
    ReportsTables,
    GatewayTables,
    PersonLookupTables {}
