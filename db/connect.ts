import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { Kysely, PostgresDialect, type DatabaseConnection as KyselyConnection, type Dialect, type Driver, type TransactionSettings } from "kysely";
import { KyselyPGlite } from "kysely-pglite";
import pg from "pg";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import { holdDataDirectory } from "./data-directory-lock";
import { tracedDialect } from "./traced-dialect";
import type { Database } from "./database";

const DATE_OID = 1082;
const INT8_OID = 20;
const keepText = (value: string) => value;

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
    : connectPglite(database.dataDir);
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

async function connectPglite(dataDir: string): Promise<DatabaseConnection> {
  // PGlite keeps the database in this process's memory and writes it back to the directory: a second
  // process opening it works on a stale copy, and whichever writes last loses the other's rows.
  const release = dataDir.startsWith("memory://") ? () => {} : holdDataDirectory(dataDir);
  let client: PGlite;
  try {
    client = await PGlite.create(dataDir, {
      extensions: { pg_trgm },
      parsers: { [DATE_OID]: keepText, [INT8_OID]: keepText },
    });
  } catch (error) {
    release();
    throw error;
  }
  const dialect = new KyselyPGlite(client).dialect;
  const db = new Kysely<Database>({ dialect: tracedDialect({ ...dialect, createDriver: () => new OneAtATimeDriver(dialect.createDriver()) } satisfies Dialect) });
  let closing: Promise<void> | undefined;
  return {
    db,
    kind: "pglite",
    poolUse: () => null,
    close: () =>
      (closing ??= db.destroy().then(async () => {
        if (!client.closed) await client.close();
        release();
      })),
  };
}

/**
 * PGlite is one session. kysely-pglite hands it to every query at once (dnlsandiego/kysely-pglite#2,
 * open), so a statement of one request would run inside another request's open transaction and commit
 * or roll back with it — an audit event rolled back with someone else's failed batch, for one. Kysely's
 * own SQLite driver solves the same problem the same way: one holder of the connection at a time, a
 * transaction holding it from BEGIN to COMMIT.
 */
class OneAtATimeDriver implements Driver {
  private held: Promise<void> | null = null;
  private release: (() => void) | null = null;

  constructor(private readonly inner: Driver) {}

  init(): Promise<void> {
    return this.inner.init();
  }

  async acquireConnection(): Promise<KyselyConnection> {
    while (this.held) await this.held;
    this.held = new Promise((resolve) => (this.release = resolve));
    return this.inner.acquireConnection();
  }

  async releaseConnection(connection: KyselyConnection): Promise<void> {
    await this.inner.releaseConnection(connection);
    const release = this.release;
    this.held = null;
    this.release = null;
    release?.();
  }

  beginTransaction(connection: KyselyConnection, settings: TransactionSettings): Promise<void> {
    return this.inner.beginTransaction(connection, settings);
  }

  commitTransaction(connection: KyselyConnection): Promise<void> {
    return this.inner.commitTransaction(connection);
  }

  rollbackTransaction(connection: KyselyConnection): Promise<void> {
    return this.inner.rollbackTransaction(connection);
  }

  destroy(): Promise<void> {
    return this.inner.destroy();
  }
}
