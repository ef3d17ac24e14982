import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestDatabase, type TestDatabase } from "../harness";

/**
 * Statements of concurrent requests never share a transaction, on PostgreSQL (a pool of sessions) and
 * on PGlite (one session, held by one caller at a time — db/connect.ts).
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
  await sql`create table session_probe (label text not null)`.execute(database.connection.db);
});
afterAll(async () => database?.stop());

const labels = async () =>
  (
    await sql<{ label: string }>`select label from session_probe order by label`.execute(
      database.connection.db,
    )
  ).rows.map((row) => row.label);

describe("database sessions", () => {
  it("a statement sent while another request's transaction is open is not rolled back with it", async () => {
    const db = database.connection.db;
    let opened!: () => void;
    const transactionOpen = new Promise<void>((resolve) => (opened = resolve));
    const failing = db.transaction().execute(async (trx) => {
      await sql`insert into session_probe (label) values ('inside, rolled back')`.execute(trx);
      opened();
      await new Promise((resolve) => setTimeout(resolve, 100));
      throw new Error("the batch fails");
    });
    await transactionOpen;
    const outside = sql`insert into session_probe (label) values ('outside, committed')`.execute(db);
    await expect(failing).rejects.toThrow("the batch fails");
    await outside;
    expect(await labels()).toEqual(["outside, committed"]);
  });

  it("two transactions at once each commit or roll back only their own statements", async () => {
    const db = database.connection.db;
    await sql`delete from session_probe`.execute(db);
    const run = (label: string, fail: boolean) =>
      db.transaction().execute(async (trx) => {
        for (let step = 0; step < 5; step++) {
          await sql`insert into session_probe (label) values (${`${label} ${step}`})`.execute(trx);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        if (fail) throw new Error(`${label} fails`);
      });
    const results = await Promise.allSettled([
      run("a", true),
      run("b", false),
      run("c", true),
      run("d", false),
    ]);
    expect(results.map((result) => result.status)).toEqual([
      "rejected",
      "fulfilled",
      "rejected",
      "fulfilled",
    ]);
    expect(await labels()).toEqual(["b 0", "b 1", "b 2", "b 3", "b 4", "d 0", "d 1", "d 2", "d 3", "d 4"]);
  });
});
