import { Kysely, sql } from "kysely";
import { createHash } from "node:crypto";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connect, type DatabaseConnection } from "./connect";

import type { Database } from "./database";
import { migrateToLatest, migrateUpTo } from "./migrate";
import { openPglite, pgliteDialect, readPgliteTemplate } from "./pglite";

const MIGRATIONS = (await readdir(path.join(import.meta.dirname, "migrations")))
  .filter((file) => /^\d{4}_.*\.ts$/.test(file) && !file.endsWith(".test.ts"))
  .map((file) => file.slice(0, -3))
  .sort();

async function appliedMigrations(connection: DatabaseConnection): Promise<string[]> {
  const tables = await connection.db.introspection.getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === "kysely_migration")) return [];
  const rows = await connection.db
    .selectFrom("kysely_migration" as never)
    .select("name" as never)
    .orderBy("name" as never)
    .execute();
  return rows.map((row) => (row as { name: string }).name);
}

async function sharedBuffers(connection: DatabaseConnection): Promise<string> {
  return (await sql<{ shared_buffers: string }>`show shared_buffers`.execute(connection.db)).rows[0]!
    .shared_buffers;
}

describe("a new embedded database starts from the migrated template", () => {
  let folder: string;
  const opened: DatabaseConnection[] = [];
  const open = async (dataDir: string, startFrom?: "template" | "empty") => {
    const connection = await connect({ kind: "pglite", dataDir }, startFrom ? { startFrom } : {});
    opened.push(connection);
    return connection;
  };
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), "pglite-template-"));
    // The tests' global setup ran `npm run build`, which wrote it.
    expect(await readPgliteTemplate()).toBeDefined();
  });
  afterAll(async () => {
    for (const connection of opened) await connection.close();
    await rm(folder, { recursive: true, force: true });
  });

  it("is unpacked once while databases are being opened: the same tar each time, also to callers at once", async () => {
    const [first, concurrent] = await Promise.all([readPgliteTemplate(), readPgliteTemplate()]);
    expect(first!.type).toBe("application/x-tar");
    expect(concurrent).toBe(first);
    expect(await readPgliteTemplate()).toBe(first);
  });

  it("in memory: every migration already applied, so migrating applies none; 16 MB of shared buffers (its pages are in memory already)", async () => {
    const connection = await open("memory://");
    expect(await appliedMigrations(connection)).toEqual(MIGRATIONS);
    expect(await migrateToLatest(connection.db)).toEqual([]);
    expect(await sharedBuffers(connection)).toBe("16MB");
  });

  it("lends every open the same unpacked bytes, and opening leaves them as they were", async () => {
    const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    const lent = async () => (await readPgliteTemplate())!.arrayBuffer();
    const before = sha256(new Uint8Array(await lent()));
    const connection = await open("memory://");
    await connection.db
      .insertInto("units")
      .values({ code: "LENT-TEST", name: "借用测试单位" } as never)
      .execute();
    await connection.close();
    expect(sha256(new Uint8Array(await lent()))).toBe(before);
    // Not toBe: a failure would print a diff of two 40 MB buffers.
    expect((await lent()) === (await lent()), "the same buffer, not a copy").toBe(true);
  });

  it("is a whole Blob besides: its size, bytes, text, slices and stream are the dump's", async () => {
    const template = (await readPgliteTemplate())!;
    const tar = new Uint8Array(await template.arrayBuffer());
    const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
    expect(template.size).toBe(tar.byteLength);
    expect(template.type).toBe("application/x-tar");
    expect(sha256(await template.bytes())).toBe(sha256(tar));
    expect(await template.slice(0, 100).text()).toBe(new TextDecoder().decode(tar.subarray(0, 100)));
    expect(sha256(new Uint8Array(await template.slice(-4096).arrayBuffer()))).toBe(
      sha256(tar.subarray(-4096)),
    );
    const streamed = createHash("sha256");
    for await (const chunk of template.stream()) streamed.update(chunk);
    expect(streamed.digest("hex")).toBe(sha256(tar));
  });

  it("`empty` starts from initdb: no migration applied (for tests of a migration over older data)", async () => {
    const connection = await open("memory://", "empty");
    expect(await appliedMigrations(connection)).toEqual([]);
  });

  it("a new directory starts from the template; a directory holding a database opens as it is, its rows kept", async () => {
    const dataDir = path.join(folder, "data");
    const first = await open(dataDir);
    expect(await appliedMigrations(first)).toEqual(MIGRATIONS);
    expect(await sharedBuffers(first)).toBe("128MB");
    await first.db
      .insertInto("units")
      .values({ code: "TEMPLATE-TEST", name: "模板测试单位" } as never)
      .execute();
    await first.close();
    const again = await open(dataDir);
    expect(
      await again.db.selectFrom("units").select("code").where("code", "=", "TEMPLATE-TEST").execute(),
    ).toHaveLength(1);
  });

  it("a database one migration behind the code (a template older than the migrations): migrating applies the newer one only", async () => {
    // One migration behind: the template with its newest migration undone (from initdb it took ~6 s more).
    const db = new Kysely<Database>({
      dialect: pgliteDialect(await openPglite("memory://", await readPgliteTemplate())),
    });
    try {
      await migrateUpTo(db, MIGRATIONS.at(-2)!);
      expect(await migrateToLatest(db)).toEqual([MIGRATIONS.at(-1)]);
    } finally {
      await db.destroy();
    }
  });
});
