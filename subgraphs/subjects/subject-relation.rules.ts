import type { Expression, ExpressionBuilder, SqlBool } from "kysely";

/** A relation's period: from `valid_from` (null: since before dates were recorded) until `valid_to`, exclusive (null: now). */
export type RelationPeriod = Readonly<{ valid_from: string | null; valid_to: string | null }>;

/**
 * Whether a person held the role on a day (PCIM art. 26 「负有责任的」: the persons responsible when the
 * dishonesty was recognised or decided, not whoever holds the office today). One rule, two faces: `test` for a
 * relation in memory, `where` for SQL over the relations under `alias` on a day given as an expression (the
 * caller's date column, or a value); a property test pins them together on both databases. Other slices use it
 * through the subjects registry.
 */
export const relationHeld = {
  test(relation: RelationPeriod, on: string): boolean {
    return (
      (relation.valid_from === null || relation.valid_from <= on) &&
      (relation.valid_to === null || on < relation.valid_to)
    );
  },
  where<DB, TB extends keyof DB & string>(
    eb: ExpressionBuilder<DB, TB>,
    alias: string,
    on: Expression<string>,
  ): Expression<SqlBool> {
    const column = (name: "valid_from" | "valid_to") => eb.ref(`${alias}.${name}` as never);
    return eb.and([
      eb.or([eb(column("valid_from"), "is", null), eb(column("valid_from"), "<=", on as never)]),
      eb.or([eb(column("valid_to"), "is", null), eb(on as never, "<", column("valid_to"))]),
    ]);
  },
};
