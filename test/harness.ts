import { randomBytes, randomUUID, type KeyObject } from "node:crypto";
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  UnknownRow,
} from "kysely";
import pg from "pg";
import { connect, type DatabaseConnection } from "../db/connect";
import { migrateToLatest, migrateUpTo } from "../db/migrate";
import { seedDemoData } from "../db/seed/demo";
import { loadReferenceData } from "../db/seed/reference-data";
import { chinaDateOf } from "../domain/dates";
import type { WorkingDayCalendar } from "../domain/working-days";
import { loadWorkingDayCalendar } from "../platform/calendar-files";
import { startFederation, type FederationTransport, type RunningFederation } from "../app/federation";
import { portalFor } from "../gateway/portal";
import { loadConfig, type Config } from "../platform/config";
import { createLogger, type Logger } from "../platform/logger";
import {
  ensureReportSigningKey,
  ensureSubgraphSigningKey,
  ensureSubgraphVerifyKeys,
} from "../platform/secrets";
import { generateSubgraphKeyPair } from "../platform/subgraph-signature";
import { mintToken, type TokenClaims } from "../platform/tokens";
import { SUBGRAPH_NAMES, type SubgraphName } from "../platform/supergraph-config";
import { TestClock } from "./clock";
import { takeTestPglite } from "./recycled-databases";

export type GraphQLResult<T = Record<string, unknown>> = {
  status: number;
  headers: Headers;
  data?: T | null;
  errors?: Array<{
    message: string;
    path?: Array<string | number>;
    extensions?: { code?: string } & Record<string, unknown>;
  }>;
};

export type QueryOptions = Readonly<{
  token?: string;
  purpose?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  headers?: Record<string, string>;
}>;

/**
 * The gateway replicas' shared budgets (PostgreSQL: a rate-bucket upsert and an admission row per request, the
 * same few statements for any request, tested in gateway/shared-budgets.test.ts): not the request's own work.
 */
const SHARED_BUDGET_STATEMENT = /gateway_rate_buckets|gateway_admissions|pg_advisory_xact_lock/;

/**
 * Counts every statement Kysely sends for the subgraphs and the audit, to prove batching (statements per
 * request constant in its size); the shared budgets' bookkeeping is left out.
 */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs) {
    if (!SHARED_BUDGET_STATEMENT.test(JSON.stringify(args.node))) this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

export const FEDERATION_SHAPES: readonly FederationTransport[] = ["http", "in-process"];

/**
 * The shape a suite's federation takes unless it names one: `CREDIT_TEST_SHAPE` (`http` or `in-process`),
 * else `http`. `.ci/run` runs the audit, identity and security suites once more with `in-process`
 * (`npm run test:in-process`); a suite that reaches subgraphs over HTTP itself names `http`.
 */
export function defaultTestShape(): FederationTransport {
  const shape = process.env.CREDIT_TEST_SHAPE ?? "http";
  if (!(FEDERATION_SHAPES as readonly string[]).includes(shape))
    throw new Error(`CREDIT_TEST_SHAPE must be one of ${FEDERATION_SHAPES.join(", ")}, not ${shape}`);
  return shape as FederationTransport;
}

export type TestFederation = Readonly<{
  /** How the gateway reaches its subgraphs in this suite. */
  shape: FederationTransport;
  config: Config;
  connection: DatabaseConnection;
  federation: RunningFederation;
  /** The service's one clock: pinned by `now`, moved with `clock.set(…)`. */
  clock: TestClock;
  /** Today's date in China by the service's clock, YYYY-MM-DD. */
  today(): string;
  calendar: WorkingDayCalendar;
  jwtSecret: string;
  /** The gateway's private key for subgraph requests, to sign as the gateway would. */
  subgraphSigningKey: KeyObject;
  /** The public keys its subgraphs accept. */
  subgraphVerifyKeys: readonly KeyObject[];
  /** The service's credit-report signing key. */
  reportSigningKey: KeyObject;
  gatewayUrl: string;
  /** Where a subgraph listens (shape `http` only: in process no subgraph listens). */
  subgraphUrl(name: SubgraphName): string;
  /** Mints a fresh token for this federation's secret. */
  token(claims: TokenClaims): Promise<string>;
  /** Statements sent to the database so far (all subgraphs and the gateway's audit). */
  statements(): number;
  /** POSTs an operation to the gateway over HTTP. */
  query<T = Record<string, unknown>>(document: string, options?: QueryOptions): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}>;

/** A fresh PostgreSQL database per suite when `DATABASE_URL` is set; dropped again in `drop`. */
async function createTestDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `credit_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const cleanup = new pg.Client({ connectionString: adminUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

export type TestDatabase = Readonly<{
  config: Config;
  connection: DatabaseConnection;
  stop(): Promise<void>;
}>;

/**
 * A fresh migrated database with the reference catalogs: PGlite, or a new PostgreSQL database when `DATABASE_URL` is set.
 * `migratedUpTo` stops at that migration, without the catalogs (a test of the next migration over older data).
 */
export async function startTestDatabase(
  environment: Record<string, string> = {},
  migratedUpTo?: string,
): Promise<TestDatabase> {
  // A DATABASE_URL in `environment` names the server to create the suite's database on (fault tests own one).
  const base = loadConfig({ ...process.env, ...environment });
  const database = base.database.kind === "postgres" ? await createTestDatabase(base.database.url) : null;
  const config = loadConfig({
    NODE_ENV: "test",
    CREDIT_DATA_DIR: "memory://",
    CREDIT_LOG_LEVEL: "silent",
    ...environment,
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const inMemory = config.database.kind === "pglite" && config.database.dataDir === "memory://";
  const recycled = inMemory && !migratedUpTo ? await takeTestPglite() : null;
  const connection =
    recycled ??
    (await connect(config.database, { maxConnections: 5, startFrom: migratedUpTo ? "empty" : "template" }));
  if (migratedUpTo) {
    await migrateUpTo(connection.db, migratedUpTo);
  } else if (!recycled) {
    await migrateToLatest(connection.db);
    await loadReferenceData(connection.db);
  }
  return {
    config,
    connection,
    async stop() {
      await connection.close();
      await database?.drop();
    },
  };
}

/** How a suite's federation is started: see startTestFederation. */
export type TestFederationOptions = {
  seed?: "demo" | "none";
  environment?: Record<string, string>;
  /** Pins the service's clock (ISO 8601 with offset); tests whose outcome depends on the date pass one. */
  now?: string;
  /** Working days to count with; default the calendar of data/calendar. */
  calendar?: WorkingDayCalendar;
  /** Where the service logs; default the configuration's (silent in tests). */
  logger?: Logger;
  /** Serve the built portal (dist/portal) at `/`, with demo sign-in unless the environment is production. */
  portal?: boolean;
  /** How the gateway reaches the subgraphs; default defaultTestShape(). */
  shape?: FederationTransport;
};

/**
 * Boots the whole federation in-process on free ports against a fresh, migrated database: embedded
 * PGlite by default, a new PostgreSQL database when `DATABASE_URL` is set. `seed: "demo"` loads the
 * demo data. A federation that fails to start gives its database back.
 */
export async function startTestFederation(options: TestFederationOptions = {}): Promise<TestFederation> {
  const database = await startTestDatabase(options.environment);
  try {
    return await startFederationOn(database, options);
  } catch (error) {
    await database.stop();
    throw error;
  }
}

async function startFederationOn(
  { config: loaded, connection, stop: stopDatabase }: TestDatabase,
  options: TestFederationOptions,
): Promise<TestFederation> {
  const clock = new TestClock(options.now ?? loaded.clock.now());
  const config = Object.freeze({ ...loaded, clock });
  const calendar = options.calendar ?? loadWorkingDayCalendar(config.calendarDir).calendar;
  if (options.seed === "demo") await seedDemoData(connection.db, chinaDateOf(clock.now()));
  const jwtSecret = randomBytes(32).toString("base64url");
  // A production-shaped suite gets its key from its operator, here the harness (`npm run keys` in life).
  const subgraphSigningKey =
    config.env === "production" && !config.subgraphSigningKey
      ? generateSubgraphKeyPair().privateKey
      : await ensureSubgraphSigningKey(config);
  const subgraphVerifyKeys = await ensureSubgraphVerifyKeys(config, subgraphSigningKey);
  const reportSigningKey =
    config.env === "production" && !config.reportSigningKey
      ? generateSubgraphKeyPair().privateKey
      : await ensureReportSigningKey(config);
  const counter = new StatementCounter();
  const logger = options.logger ?? createLogger(config);
  const shape = options.shape ?? defaultTestShape();
  const federation = await startFederation({
    transport: shape,
    config,
    db: connection.db.withPlugin(counter),
    jwtSecret,
    signingKey: subgraphSigningKey,
    verifyKeys: subgraphVerifyKeys,
    reportSigningKey,
    logger,
    calendar,
    poolUse: connection.poolUse,
    portal: options.portal ? await portalFor(config, jwtSecret, logger) : undefined,
    gatewayPort: 0,
    gatewayHost: "127.0.0.1",
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])),
  });
  return {
    shape,
    config,
    connection,
    federation,
    clock,
    today: () => chinaDateOf(clock.now()),
    calendar,
    jwtSecret,
    subgraphSigningKey,
    subgraphVerifyKeys,
    reportSigningKey,
    gatewayUrl: federation.gateway.url,
    subgraphUrl: (name) => {
      const running = federation.subgraphs.get(name);
      if (!running)
        throw new Error(
          `no ${name} subgraph listens: this suite runs its subgraphs ${shape}; start it with shape: "http"`,
        );
      return running.url;
    },
    token: (claims) => mintToken(jwtSecret, claims),
    statements: () => counter.count,
    async query<T>(document: string, queryOptions: QueryOptions = {}) {
      const headers: Record<string, string> = { "content-type": "application/json", ...queryOptions.headers };
      if (queryOptions.token) headers.authorization = `Bearer ${queryOptions.token}`;
      if (queryOptions.purpose) headers["x-credit-purpose"] = queryOptions.purpose;
      const response = await fetch(federation.gateway.url, {
        method: "POST",
        headers,
        body: JSON.stringify({
          query: document,
          variables: queryOptions.variables,
          operationName: queryOptions.operationName,
        }),
      });
      const body = (await response.json()) as Omit<GraphQLResult<T>, "status" | "headers">;
      return { status: response.status, headers: response.headers, ...body };
    },
    async stop() {
      await federation.stop();
      await stopDatabase();
    },
  };
}

/** The error codes of a result, in order. */
export function errorCodes(result: Pick<GraphQLResult<unknown>, "errors">): string[] {
  return (result.errors ?? []).map((error) => String(error.extensions?.code));
}
