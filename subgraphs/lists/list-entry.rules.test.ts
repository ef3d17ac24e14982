import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { ListStatus } from "../../domain/vocabulary";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { assertFacesAgree, nearbyDay } from "../../test/rule-faces";
import { entryInForce } from "./list-entry.rules";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(() => database?.stop());

describe("entryInForce", () => {
  it("selects in SQL exactly the entries it holds in force in memory", async () => {
    await assertFacesAgree(database.connection.db, {
      table: "list_entries",
      rows: fc.record({
        status: fc.constantFrom(...Object.values(ListStatus)),
        valid_until: fc.option(nearbyDay, { nil: null }),
      }),
      day: nearbyDay,
      rule: entryInForce,
    });
  });
});
