import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { ListEntryRow } from "./list-entry.table";

/**
 * A list entry in force on `today`: ACTIVE and within its validity, the last day included (an expired entry is
 * no longer a basis for measures, JRP art. 12). One rule, two faces: `test` for a row in memory, `where` for SQL
 * over the list entries table under `alias`; a property test pins them together on both databases. Other
 * slices use it through the lists registry.
 */
export const entryInForce = {
  test(
    entry: Readonly<{ status: string; valid_until: ListEntryRow["valid_until"] }>,
    today: string,
  ): boolean {
    return entry.status === "ACTIVE" && (entry.valid_until === null || entry.valid_until >= today);
  },
  where<DB, TB extends keyof DB & string>(
    eb: ExpressionBuilder<DB, TB>,
    alias: string,
    today: string,
  ): Expression<SqlBool> {
    const column = (name: "status" | "valid_until") => eb.ref(`${alias}.${name}` as never);
    return eb.and([
      eb(column("status"), "=", "ACTIVE" as never),
      eb.or([eb(column("valid_until"), "is", null), eb(column("valid_until"), ">=", today as never)]),
    ]);
  },
};
