import { rulesToAST } from "@casl/ability/extra";
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { Action, AppAbility } from "./ability";

/**
 * A builder inside any slice's query. The compiler names no table: it refers to columns only by the names a
 * slice's `PolicyColumns` give, under that slice's aliases, so neither the database nor the tables in scope are
 * known here; each slice's predicates are typed with its own database.
 */
type AnyBuilder = ExpressionBuilder<any, any>;

/** A compiled policy: the `where` a repository adds so that a query returns only permitted rows. */
export type AccessFilter = (eb: AnyBuilder) => Expression<SqlBool>;

/**
 * How one policy field reads in SQL for one table: a column (compared with the rule's operator); for a
 * computed boolean like `current` or `consented`, a predicate; for a computed set like
 * `entryRecognizedBy`, a membership test of the rule's value (the rule's `{ field: value }` on an array).
 */
export type PolicyColumn =
  | Readonly<{ column: string }>
  | Readonly<{ predicate: (eb: AnyBuilder) => Expression<SqlBool> }>
  | Readonly<{ contains: (eb: AnyBuilder, value: string) => Expression<SqlBool> }>;

export type PolicyColumns = Readonly<Record<string, PolicyColumn>>;

type Condition =
  | { operator: "and" | "or"; value: Condition[] }
  | { operator: "not"; value: Condition[] | Condition }
  | { operator: string; field: string; value: unknown };

export class UntranslatablePolicyError extends Error {
  override readonly name = "UntranslatablePolicyError";
}

const COMPARISONS: Record<string, "=" | "<>" | "in" | "not in" | "<" | "<=" | ">" | ">="> = {
  eq: "=",
  ne: "<>",
  in: "in",
  nin: "not in",
  lt: "<",
  lte: "<=",
  gt: ">",
  gte: ">=",
};

/**
 * Compiles what `ability` allows for `action` on `subjectType` into a Kysely `where` expression over the
 * table described by `columns`, so list queries fetch only permitted rows. No rule matches nothing
 * (`false`); a field or operator the map cannot express throws rather than widening access.
 */
export function accessibleBy(
  ability: AppAbility,
  action: Action,
  subjectType:
    | "Subject"
    | "CreditRecord"
    | "RelatedEntry"
    | "ListEntry"
    | "Objection"
    | "MeasureApplication"
    | "Notice"
    | "Consent"
    | "AuditEvent"
    | "RepairCase"
    | "UnitReport",
  columns: PolicyColumns,
): AccessFilter {
  const ast = rulesToAST(ability, action, subjectType) as Condition | null;
  return (eb) => (ast ? compile(eb, ast, columns) : sql<SqlBool>`false`);
}

function compile(eb: AnyBuilder, condition: Condition, columns: PolicyColumns): Expression<SqlBool> {
  if (condition.operator === "and" || condition.operator === "or") {
    const parts = (condition.value as Condition[]).map((part) => compile(eb, part, columns));
    if (parts.length === 0) return condition.operator === "and" ? sql<SqlBool>`true` : sql<SqlBool>`false`;
    return condition.operator === "and" ? eb.and(parts) : eb.or(parts);
  }
  if (condition.operator === "not") {
    const inner = Array.isArray(condition.value)
      ? { operator: "and" as const, value: condition.value }
      : (condition.value as Condition);
    return eb.not(compile(eb, inner, columns));
  }
  const { field, value } = condition as { field: string; value: unknown; operator: string };
  const mapping = columns[field];
  if (!mapping) throw new UntranslatablePolicyError(`policy field ${field} has no SQL mapping`);
  if ("predicate" in mapping) {
    if ((condition.operator !== "eq" && condition.operator !== "ne") || typeof value !== "boolean") {
      throw new UntranslatablePolicyError(
        `computed field ${field} supports only equality with true or false`,
      );
    }
    const positive = (condition.operator === "eq") === value;
    return positive ? mapping.predicate(eb) : eb.not(mapping.predicate(eb));
  }
  if ("contains" in mapping) {
    if (condition.operator !== "eq" || typeof value !== "string") {
      throw new UntranslatablePolicyError(`computed set ${field} supports only membership of one value`);
    }
    return mapping.contains(eb, value);
  }
  const operator = COMPARISONS[condition.operator];
  if (!operator)
    throw new UntranslatablePolicyError(`policy operator ${condition.operator} has no SQL translation`);
  if ((operator === "in" || operator === "not in") && Array.isArray(value) && value.length === 0) {
    return operator === "in" ? sql<SqlBool>`false` : sql<SqlBool>`true`;
  }
  return eb(eb.ref(mapping.column), operator, value as never);
}
