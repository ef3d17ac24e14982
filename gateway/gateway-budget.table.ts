import type { ColumnType } from "kysely";

/** A caller's token bucket, shared by every gateway replica on PostgreSQL (gateway/shared-budgets.ts). */
export interface GatewayRateBucketTable {
  /** Which budget: the per-caller rate, or the refusals charged to an address. */
  budget: string;
  caller: string;
  tokens: number;
  /** Whether the last take was granted (so one statement both spends and says whether it could). */
  granted: boolean;
  refilled_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

/** One request's work in flight at some gateway replica, until it ends or its lease runs out (a replica that died). */
export interface GatewayAdmissionTable {
  id: string;
  cost: number;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

/** The gateway's budgets shared by its replicas on PostgreSQL: only the gateway names them. */
export interface GatewayTables {
  gateway_rate_buckets: GatewayRateBucketTable;
  gateway_admissions: GatewayAdmissionTable;
}
