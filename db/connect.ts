import { existsSync } from "node:fs";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import { holdDataDirectory } from "./data-directory-lock";
import { tracedDialect } from "./traced-dialect";
import type { Database } from "./database";
import {
  openPglite,
  PGLITE_INITDB_FILE,
  PGLITE_TEMPLATE_FILE,
  pgliteDialect,
  readPgliteTemplate,
} from "./pglite";
import { DATE_OID, INT8_OID, keepText } from "./text-kept-types";

export type DatabaseConnection = Readonly<{
  db: Kysely<Database>;
  kind: "postgres" | "pglite";
  /** Closes the pool or the embedded database; idempotent. */
  close(): Promise<void>;
  /** The PostgreSQL pool's connections now (for metrics); null for the embedded database, which has no pool. */
  poolUse(): Readonly<{ total: number; idle: number; waiting: number }> | null;
}>;

export type ConnectOptions = Readonly<{
  logger?: Logger;
  /** Pool size for PostgreSQL. */
  maxConnections?: number;
  /**
   * A new embedded database (in memory, or a directory holding none yet) starts from the migrated template
   * `npm run build` writes, when there is one; `empty` starts it as initdb left it, before any migration (from
   * the build's dump of that, else initdb itself), for the tests of a migration over data written before it.
   */
  startFrom?: "template" | "empty";
}>;

/**
 * Opens the configured database: PostgreSQL through a `pg` pool when `DATABASE_URL` is set, otherwise
 * embedded PGlite in `CREDIT_DATA_DIR` (`memory://` for none). On both, `date` comes back as
 * `YYYY-MM-DD` and `bigint` as a decimal string, so the application sees the same values whichever runs.
 * An embedded directory is held by one process at a time: throws `DataDirectoryHeldError` while another
 * live process holds it.
 */
export async function connect(
  database: Config["database"],
  options: ConnectOptions = {},
): Promise<DatabaseConnection> {
  return database.kind === "postgres"
    ? connectPostgres(database.url, options)
    : connectPglite(database.dataDir, options.startFrom ?? "template");
}

function connectPostgres(url: string, options: ConnectOptions): DatabaseConnection {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") =>
        oid === DATE_OID || oid === INT8_OID
          ? keepText
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
  // A connection losing its server (restart, network) must not take the process down. The pool listens
  // on idle clients only; a checked-out client emits "error" too (besides failing its query), and an
  // "error" event nobody listens to is an uncaught exception — found by test/faults under restarts.
  pool.on("error", (error) => options.logger?.warn({ err: error }, "idle PostgreSQL connection failed"));
  pool.on("connect", (client) => {
    client.on("error", (error) => options.logger?.warn({ err: error }, "PostgreSQL connection failed"));
  });
  const db = new Kysely<Database>({ dialect: tracedDialect(new PostgresDialect({ pool })) });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: "postgres",
    close: () => (closing ??= db.destroy()),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
  };
}

async function connectPglite(dataDir: string, startFrom: "template" | "empty"): Promise<DatabaseConnection> {
  // PGlite keeps the database in this process's memory and writes it back to the directory: a second
  // process opening it works on a stale copy, and whichever writes last loses the other's rows.
  const inMemory = dataDir.startsWith("memory://");
  const release = inMemory ? () => {} : holdDataDirectory(dataDir);
  let client: PGlite;
  try {
    const isNew = inMemory || !existsSync(path.join(dataDir, "PG_VERSION"));
    // Without a build's dumps PGlite runs initdb (and the migrations run after).
    const template = isNew
      ? await readPgliteTemplate(startFrom === "template" ? PGLITE_TEMPLATE_FILE : PGLITE_INITDB_FILE)
      : undefined;
    client = await openPglite(dataDir, template);
  } catch (error) {
    release();
    throw error;
  }
  // Destroying Kysely closes PGlite (the driver owns the client), which writes the directory back.
  return pgliteConnection(client, undefined, release);
}

/**
 * A connection over an embedded database its caller opened and keeps (the tests hand one to suite after
 * suite): closing the connection hands the client back, open, and from then on it answers as closed.
 */
export function connectOpenPglite(
  client: PGlite,
  handBack: (client: PGlite) => Promise<void>,
): DatabaseConnection {
  return pgliteConnection(client, { returned: false }, () => handBack(client));
}

function pgliteConnection(
  client: PGlite,
  loan: { returned: boolean } | undefined,
  afterClose: () => void | Promise<void>,
): DatabaseConnection {
  const db = new Kysely<Database>({ dialect: tracedDialect(pgliteDialect(client, loan)) });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: "pglite",
    poolUse: () => null,
    close: () =>
      (closing ??= (async () => {
        if (loan) loan.returned = true;
        await db.destroy();
        await afterClose();
      })()),
  };
}
