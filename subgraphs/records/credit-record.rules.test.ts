import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { RecordStatus } from "../../domain/vocabulary";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { assertFacesAgree, nearbyDay } from "../../test/rule-faces";
import { recordCurrent } from "./credit-record.rules";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(() => database?.stop());

describe("recordCurrent", () => {
  it("selects in SQL exactly the records it holds current in memory", async () => {
    await assertFacesAgree(database.connection.db, {
      table: "credit_records",
      rows: fc.record({
        status: fc.constantFrom(...Object.values(RecordStatus)),
        expires_on: fc.option(nearbyDay, { nil: null }),
      }),
      day: nearbyDay,
      rule: recordCurrent,
    });
  });
});
