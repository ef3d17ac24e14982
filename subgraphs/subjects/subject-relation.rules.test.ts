import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { assertFacesAgree, nearbyDay } from "../../test/rule-faces";
import { relationHeld, type RelationPeriod } from "./subject-relation.rules";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(() => database?.stop());

describe("relationHeld", () => {
  it("selects in SQL exactly the relations it holds held on the day in memory", async () => {
    await assertFacesAgree(database.connection.db, {
      table: "subject_relations",
      rows: fc.record({
        valid_from: fc.option(nearbyDay, { nil: null }),
        valid_to: fc.option(nearbyDay, { nil: null }),
      }),
      day: nearbyDay,
      // Callers compare with a date column; the day is given as one.
      rule: {
        test: (row: RelationPeriod, day: string) => relationHeld.test(row, day),
        where: (eb, alias, day: string) => relationHeld.where(eb, alias, sql<string>`cast(${day} as date)`),
      },
    });
  });
});
