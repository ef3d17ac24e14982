import type { Expression, ExpressionBuilder, SqlBool } from "kysely";
import type { ConsentRow } from "./consent.table";

/**
 * A consent valid at `now`: begun, not ended (its end excluded) and not revoked. Whose it is and for whom
 * (grantee, purpose) the policy adds (policies/consent.ts). One rule, two faces: `test` for a row in memory,
 * `where` for SQL over the consents table under `alias`; a property test pins them together on both databases.
 * Other slices and the policies use it through the subjects registry.
 */
export const consentValid = {
  test(consent: Readonly<Pick<ConsentRow, "valid_from" | "valid_until" | "revoked_at">>, now: Date): boolean {
    return consent.revoked_at === null && consent.valid_from <= now && consent.valid_until > now;
  },
  where<DB, TB extends keyof DB & string>(
    eb: ExpressionBuilder<DB, TB>,
    alias: string,
    now: Date,
  ): Expression<SqlBool> {
    const column = (name: "valid_from" | "valid_until" | "revoked_at") => eb.ref(`${alias}.${name}` as never);
    return eb.and([
      eb(column("valid_from"), "<=", now as never),
      eb(column("valid_until"), ">", now as never),
      eb(column("revoked_at"), "is", null),
    ]);
  },
};
