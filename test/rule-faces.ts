import fc from "fast-check";
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from "kysely";
import { expect } from "vitest";
import type { Database } from "../db/database";

/** A rule with two faces: `test` for a row in memory, `where` for SQL over a table under an alias. */
export type RuleFaces<Row, Day> = Readonly<{
  test(row: Row, day: Day): boolean;
  where(eb: ExpressionBuilder<any, any>, alias: string, day: Day): Expression<SqlBool>;
}>;

/**
 * Pins a rule's two faces together: for generated rows and a generated day, the rows are inserted into a
 * table with the rule's columns as the owning `table` types them (a temporary one, dropped with its
 * transaction), and `where` must select exactly the rows for which `test` is true.
 */
export async function assertFacesAgree<Row extends Readonly<Record<string, unknown>>, Day>(
  db: Kysely<Database>,
  options: Readonly<{
    table: keyof Database & string;
    rows: fc.Arbitrary<Row>;
    day: fc.Arbitrary<Day>;
    rule: RuleFaces<Row, Day>;
    numRuns?: number;
  }>,
): Promise<void> {
  const { table, rule } = options;
  const columns = Object.keys(fc.sample(options.rows, 1)[0]!);
  const copied = sql.join(columns.map((column) => sql.ref(column)));
  await fc.assert(
    fc.asyncProperty(fc.array(options.rows, { maxLength: 12 }), options.day, async (rows, day) => {
      const selected = await db.transaction().execute(async (trx) => {
        await sql`create temporary table rule_probe on commit drop as select ${copied} from ${sql.table(table)} with no data`.execute(
          trx,
        );
        await sql`alter table rule_probe add column probe_index integer not null`.execute(trx);
        const probe = trx as unknown as Kysely<{
          rule_probe: Record<string, unknown> & { probe_index: number };
        }>;
        if (rows.length > 0)
          await probe
            .insertInto("rule_probe")
            .values(rows.map((row, index) => ({ ...row, probe_index: index })))
            .execute();
        const found = await probe
          .selectFrom("rule_probe as probe")
          .select("probe.probe_index")
          .where((eb) => rule.where(eb, "probe", day))
          .execute();
        return found.map((row) => row.probe_index).sort((a, b) => a - b);
      });
      expect(selected).toEqual(rows.flatMap((row, index) => (rule.test(row, day) ? [index] : [])));
    }),
    { numRuns: options.numRuns ?? 100 },
  );
}

/** Days around a year's end, few enough that rows and the day often fall on the same one. */
export const nearbyDay = fc
  .integer({ min: 0, max: 9 })
  .map((offset) => new Date(Date.UTC(2026, 11, 27 + offset)).toISOString().slice(0, 10));
