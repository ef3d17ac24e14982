import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "../platform/errors";
import { startTestFederation } from "./harness";
import { takeTestPglite } from "./recycled-databases";

/** The database a suite gets next, and whether it is the one just handed back (a marker survives in PGlite's own session only). */
async function next() {
  const connection = await takeTestPglite();
  if (!connection) throw new Error("no PGlite template: the global setup builds one");
  return connection;
}

async function backendStart(connection: Pick<Awaited<ReturnType<typeof next>>, "db">): Promise<string> {
  const result = await sql<{ started: string }>`select pg_postmaster_start_time()::text as started`.execute(
    connection.db,
  );
  return result.rows[0]!.started;
}

describe("embedded test databases handed from suite to suite", () => {
  it("hands the next suite the same database with nothing of the last one's: rows, the audit's rows, the catalogues, sequences, session settings", async () => {
    const first = await next();
    const started = await backendStart(first);
    const catalogues = async (connection: typeof first) => ({
      units: await connection.db.selectFrom("units").selectAll().orderBy("code").execute(),
      measures: await connection.db.selectFrom("measures").selectAll().orderBy("code").execute(),
    });
    const loaded = await catalogues(first);
    expect(loaded.units.length, "a suite's database has the reference catalogues").toBeGreaterThan(0);
    await first.db.insertInto("units").values({ code: "LEFT-BEHIND", name: "留下", registers: [] }).execute();
    await first.db
      .updateTable("units")
      .set({ name: "改过的名称" })
      .where("code", "=", loaded.units[0]!.code)
      .execute();
    await first.db.deleteFrom("measures").where("code", "=", loaded.measures[0]!.code).execute();
    await sql`begin`.execute(first.db);
    await first.db
      .insertInto("workflow_events")
      .values({
        workflow: "OBJECTION",
        case_id: "00000000-0000-4000-8000-000000000002",
        from_state: "FILED",
        to_state: "UNDER_REVIEW",
        actor: "a",
        role: "SUBJECT",
        note: "n",
        at: new Date("2026-12-02T00:00:00+08:00"),
      })
      .execute();
    await sql`rollback`.execute(first.db);
    await sql`update audit_chain_head set length = 9 where id = 1`.execute(first.db);
    await first.db
      .insertInto("workflow_events")
      .values({
        workflow: "OBJECTION",
        case_id: "00000000-0000-4000-8000-000000000001",
        from_state: "FILED",
        to_state: "UNDER_REVIEW",
        actor: "a",
        role: "SUBJECT",
        note: "n",
        at: new Date("2026-12-02T00:00:00+08:00"),
      })
      .execute();
    await sql`set timezone = 'America/New_York'`.execute(first.db);
    await first.close();

    const second = await next();
    expect(await backendStart(second), "the same database, not a new one").toBe(started);
    expect(await catalogues(second)).toEqual(loaded);
    expect(
      await sql`select id, length from audit_chain_head order by id`
        .execute(second.db)
        .then((result) => result.rows),
    ).toEqual([{ id: 1, length: "0" }]);
    expect(
      (
        await sql<{ migrations: number }>`select count(*)::int as migrations from kysely_migration`.execute(
          second.db,
        )
      ).rows[0]!.migrations,
    ).toBeGreaterThan(20);
    const event = await second.db
      .insertInto("workflow_events")
      .values({
        workflow: "OBJECTION",
        case_id: "00000000-0000-4000-8000-000000000001",
        from_state: "FILED",
        to_state: "UNDER_REVIEW",
        actor: "a",
        role: "SUBJECT",
        note: "n",
        at: new Date("2026-12-02T00:00:00+08:00"),
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    expect(Number(event.id), "sequences start again, also one only a rolled-back insert moved").toBe(1);
    expect((await sql<{ TimeZone: string }>`show timezone`.execute(second.db)).rows[0]!.TimeZone).not.toBe(
      "America/New_York",
    );
    await second.close();
  });

  // With DATABASE_URL set a federation gets a new PostgreSQL database instead: nothing is handed on there.
  it.skipIf(process.env.DATABASE_URL !== undefined)(
    "hands on the database of a whole federation that served requests (else every suite would open its own again)",
    async () => {
      const federation = await startTestFederation({ seed: "demo" });
      const started = await backendStart(federation.connection);
      const answer = await federation.query(`{ measures(list: BLACK) { code } }`);
      expect(answer.errors).toBeUndefined();
      await federation.stop();
      const after = await next();
      expect(await backendStart(after)).toBe(started);
      await after.close();
    },
  );

  it("answers a handed-back connection's late statements as a closed database, and never with the next suite's data", async () => {
    const first = await next();
    await first.close();
    const second = await next();
    await second.db
      .insertInto("units")
      .values({ code: "NEXT-SUITE", name: "下一个", registers: [] })
      .execute();
    const late = await first.db
      .selectFrom("units")
      .selectAll()
      .execute()
      .catch((error: unknown) => error);
    expect(isDatabaseUnavailable(late)).toBe(true);
    await second.close();
  });

  it("closes a database whose schema a suite changed, and a suite's open transaction does not outlive it", async () => {
    const first = await next();
    const started = await backendStart(first);
    await sql`alter table units add column painted text`.execute(first.db);
    await first.close();
    const second = await next();
    expect(await backendStart(second), "a new database").not.toBe(started);
    const startedSecond = await backendStart(second);
    await sql`begin`.execute(second.db);
    await second.db
      .insertInto("units")
      .values({ code: "UNCOMMITTED", name: "未提交", registers: [] })
      .execute();
    await second.close();
    const third = await next();
    expect(await backendStart(third)).toBe(startedSecond);
    expect(
      await third.db.selectFrom("units").selectAll().where("code", "=", "UNCOMMITTED").execute(),
    ).toEqual([]);
    await third.close();
  });

  it.each([
    ["a dropped trigger", sql`drop trigger audit_events_no_truncate on audit_events`],
    ["foreign keys switched off", sql`alter table subject_relations disable trigger all`],
    ["the planner's statistics", sql`analyze units`],
  ])("closes a database left with %s", async (_change, statement) => {
    const changed = await next();
    const started = await backendStart(changed);
    await statement.execute(changed.db);
    await changed.close();
    const after = await next();
    expect(await backendStart(after)).not.toBe(started);
    await after.close();
  });
});
