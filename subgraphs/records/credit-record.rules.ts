import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { CreditRecordRow } from "./credit-record.table";

/**
 * A record current on `today`, still publishable: ACTIVE and not past its expiry, the last day included (PCIM
 * art. 27: expired items are no longer published). One rule, two faces: `test` for a row in memory, `where` for
 * SQL over the records table under `alias`; a property test pins them together on both databases. Other slices
 * use it through the records registry.
 */
export const recordCurrent = {
  test(
    record: Readonly<{ status: string; expires_on: CreditRecordRow["expires_on"] }>,
    today: string,
  ): boolean {
    return record.status === "ACTIVE" && (record.expires_on === null || record.expires_on >= today);
  },
  where<DB, TB extends keyof DB & string>(
    eb: ExpressionBuilder<DB, TB>,
    alias: string,
    today: string,
  ): Expression<SqlBool> {
    const column = (name: "status" | "expires_on") => eb.ref(`${alias}.${name}` as never);
    return eb.and([
      eb(column("status"), "=", "ACTIVE" as never),
      eb.or([eb(column("expires_on"), "is", null), eb(column("expires_on"), ">=", today as never)]),
    ]);
  },
};
