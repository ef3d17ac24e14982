import { readFile, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gunzip } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import {
  CompiledQuery,
  Kysely,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type QueryResult,
} from "kysely";
import { PACKAGE_ROOT } from "../platform/package-root";
import type { Database } from "./database";
import { migrateToLatest } from "./migrate";
import { DATE_OID, INT8_OID, keepText } from "./text-kept-types";

const gunzipAsync = promisify(gunzip);

/**
 * An in-memory database already holds every page of its files in PGlite's in-memory file system; its shared
 * buffers only cache them a second time. PostgreSQL's default 128 MB is zeroed at every start (~0.45 s of CPU,
 * most of opening a database); 16 MB holds the working set of a database this size.
 */
const IN_MEMORY_SHARED_BUFFERS = "16MB";

/** PGlite with the extensions the migrations use and the same date and bigint parsing as the pg pool. */
export function openPglite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  return PGlite.create(dataDir, {
    extensions: { pg_trgm },
    parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
    ...(dataDir.startsWith("memory://")
      ? { startParams: [...PGlite.defaultStartParams, "-c", `shared_buffers=${IN_MEMORY_SHARED_BUFFERS}`] }
      : {}),
    ...(loadDataDir ? { loadDataDir } : {}),
  });
}

/**
 * A new in-memory embedded database costs PGlite's initdb (~4 s on a quiet core) and every migration
 * (~6 s) before it can answer; loading this dump of one that already went through both takes under a
 * second. `npm run build` (so `npm install`, and the tests' global setup) writes it beside the bundles.
 */
export const PGLITE_TEMPLATE_FILE = path.join(PACKAGE_ROOT, "dist", "pglite-template.tar.gz");

/**
 * The same database as initdb left it, before any migration: what `startFrom: "empty"` loads (the tests of a
 * migration over data written before it), written by the same build instead of a second initdb each time.
 */
export const PGLITE_INITDB_FILE = path.join(PACKAGE_ROOT, "dist", "pglite-initdb.tar.gz");

/** Writes both dumps into `directory`: a fresh database, then the same with every migration in `db/migrations/`, no data. */
export async function writePgliteTemplates(directory = path.dirname(PGLITE_TEMPLATE_FILE)): Promise<void> {
  const client = await openPglite("memory://");
  const dump = async (file: string) =>
    writeFile(
      path.join(directory, path.basename(file)),
      Buffer.from(await (await client.dumpDataDir("gzip")).arrayBuffer()),
    );
  try {
    await dump(PGLITE_INITDB_FILE);
    await migrateToLatest(new Kysely<Database>({ dialect: pgliteDialect(client) }));
    await dump(PGLITE_TEMPLATE_FILE);
  } finally {
    await client.close();
  }
}

/** How long an unpacked dump is kept after it was last asked for: see readPgliteTemplate. */
const UNPACKED_TEMPLATE_KEPT_MS = 60_000;

/**
 * An unpacked dump, read back at memory speed. Node's own `Blob.arrayBuffer()` copies a 40 MB blob in small
 * pulls (~0.25 s) and a copy of it costs ~0.13 s more, at every database opened. PGlite reads the buffer
 * once and copies each file out of it into its own file system, so every open is lent the same bytes
 * (`db/pglite.test.ts` checks they are unchanged after an open). The Blob holds no copy of its own (PGlite keeps
 * the Blob it was given while the database is open: a copy would be held twice).
 */
class UnpackedDump extends Blob {
  readonly #tar: ArrayBuffer;

  constructor(tar: ArrayBuffer) {
    super([], { type: "application/x-tar" });
    this.#tar = tar;
    Object.defineProperty(this, "size", { value: tar.byteLength });
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    return this.#tar;
  }

  override async bytes(): Promise<Uint8Array<ArrayBuffer>> {
    return new Uint8Array(this.#tar.slice(0));
  }

  override async text(): Promise<string> {
    return new TextDecoder().decode(this.#tar);
  }

  override slice(start?: number, end?: number, type?: string): Blob {
    return new Blob([this.#tar]).slice(start, end, type);
  }

  override stream(): ReturnType<Blob["stream"]> {
    return new Blob([this.#tar]).stream();
  }
}

/** The dumps this process unpacked, by file, while they are kept. */
const unpacked = new Map<string, { version: string; tar: Promise<Blob>; release?: NodeJS.Timeout }>();

/**
 * A dump `npm run build` wrote (the migrated template unless `file` names the other), or undefined when there is
 * none; migrations newer than the template still run at start. It is handed to PGlite unpacked (PGlite
 * unpacking the gzip itself costs ~0.4 s of every new database). A process that opens many databases (the
 * tests) unpacks it once: the copy is kept for a minute after it was last asked for (PGlite itself holds the
 * dump it was given while that database is open). Every caller shares the one buffer: read it, never write or
 * transfer it.
 */
export async function readPgliteTemplate(file = PGLITE_TEMPLATE_FILE): Promise<Blob | undefined> {
  const stats = await stat(file).catch(() => undefined);
  if (!stats) return undefined;
  const version = `${stats.mtimeMs}:${stats.size}`;
  let kept = unpacked.get(file);
  if (kept?.version !== version) {
    clearTimeout(kept?.release);
    kept = {
      version,
      tar: readFile(file).then(
        async (packed) => new UnpackedDump(new Uint8Array(await gunzipAsync(packed)).buffer),
      ),
    };
    unpacked.set(file, kept);
  }
  const current = kept;
  clearTimeout(current.release);
  current.release = setTimeout(() => {
    if (unpacked.get(file) === current) unpacked.delete(file);
  }, UNPACKED_TEMPLATE_KEPT_MS).unref();
  try {
    return await current.tar;
  } catch (error) {
    if (unpacked.get(file) === current) unpacked.delete(file);
    throw error;
  }
}

/**
 * Kysely over PGlite: PostgreSQL's SQL, through one session. Written here rather than taken from
 * kysely-pglite, whose package entry also loads its code generator and jiti (~0.7 s of every start) and
 * hands the one session to every query at once (dnlsandiego/kysely-pglite#2).
 * Destroying the Kysely instance closes the client, unless it is `lent`: then the client stays open for its
 * owner, and once the loan is `returned` every statement is answered as by a closed database.
 */
export function pgliteDialect(client: PGlite, lent?: Readonly<{ returned: boolean }>): Dialect {
  return {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new OneSessionDriver(client, lent),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  };
}

/**
 * PGlite is one session: a statement of one request sent while another request's transaction is open
 * would run inside it and commit or roll back with it — an audit event rolled back with someone else's
 * failed batch, for one. Kysely's own SQLite driver solves the same problem the same way: one holder of
 * the connection at a time, a transaction holding it from BEGIN to COMMIT.
 */
class OneSessionDriver implements Driver {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;
  private readonly connection: DatabaseConnection;

  constructor(
    private readonly client: PGlite,
    private readonly lent?: Readonly<{ returned: boolean }>,
  ) {
    this.connection = {
      async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
        // The client is someone else's again: a late statement (a writer's timer) must not reach their data.
        if (lent?.returned) throw new Error("PGlite is closed");
        const result = await client.query<R>(query.sql, [...query.parameters]);
        return result.affectedRows === undefined
          ? { rows: result.rows }
          : { rows: result.rows, numAffectedRows: BigInt(result.affectedRows) };
      },
      streamQuery(): AsyncIterableIterator<never> {
        throw new Error("PGlite does not stream query results");
      },
    };
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
    return this.connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("BEGIN"));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("COMMIT"));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw("ROLLBACK"));
  }

  async destroy(): Promise<void> {
    if (!this.lent && !this.client.closed) await this.client.close();
  }
}
