import fc from "fast-check";
import { afterAll, beforeAll, describe, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { assertFacesAgree } from "../../test/rule-faces";
import { consentValid } from "./consent.rules";

let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(() => database?.stop());

/** Instants a few milliseconds apart, so that a consent often begins, ends or is revoked exactly at `now`. */
const instant = fc
  .integer({ min: 0, max: 6 })
  .map((offset) => new Date(Date.UTC(2026, 11, 31, 15, 59, 59, 997 + offset)));

describe("consentValid", () => {
  it("selects in SQL exactly the consents it holds valid in memory", async () => {
    await assertFacesAgree(database.connection.db, {
      table: "consents",
      rows: fc.record({
        valid_from: instant,
        valid_until: instant,
        revoked_at: fc.option(instant, { nil: null }),
      }),
      day: instant,
      rule: consentValid,
    });
  });
});
