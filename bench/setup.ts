import { loadWorkingDayCalendar } from "../platform/calendar-files";
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import { startFederation, type FederationTransport, type RunningFederation } from "../app/federation";
import { gatewaySettings, startGateway, type RunningGateway } from "../gateway/server";
import { SUPERGRAPH_FILE, SUBGRAPH_NAMES } from "../platform/supergraph-config";
import { loadConfig, type Config } from "../platform/config";
import {
  ensureReportSigningKey,
  ensureSubgraphSigningKey,
  ensureSubgraphVerifyKeys,
} from "../platform/secrets";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "../platform/subgraph-signature";
import type { Logger } from "../platform/logger";
import { createLogger } from "../platform/logger";

/**
 * The benchmarks' configuration: production mode as deployed (`npm run bench` also sets NODE_ENV for the
 * libraries, graphql-js among them), a fresh secret and subgraph key pair, no logs, no rate limit; PostgreSQL when DATABASE_URL is set.
 */
export function benchConfig(overrides: Record<string, string | undefined> = {}): Config {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    CREDIT_JWT_SECRET: randomBytes(32).toString("base64url"),
    CREDIT_SUBGRAPH_SIGNING_KEY: encodeSubgraphKey(generateSubgraphKeyPair().privateKey),
    CREDIT_REPORT_SIGNING_KEY: encodeSubgraphKey(generateSubgraphKeyPair().privateKey),
    CREDIT_LOG_LEVEL: "silent",
    CREDIT_DATA_DIR: "memory://",
    CREDIT_RATE_LIMIT_PER_MINUTE: "1000000000",
    ...overrides,
  };
  for (const [key, value] of Object.entries(environment)) if (value === undefined) delete environment[key];
  return loadConfig(environment);
}

/**
 * The whole federation in this process: `in-process` as `npm start` runs it, or `http` with each subgraph
 * on a free loopback port (what the "straight to the subgraphs" variants and Hive Gateway call).
 */
export async function startBenchFederation(
  config: Config,
  db: Kysely<Database>,
  logger: Logger = createLogger(config),
  transport: FederationTransport = "http",
): Promise<RunningFederation> {
  const signingKey = await ensureSubgraphSigningKey(config);
  return startFederation({
    transport,
    config,
    db,
    jwtSecret: config.jwtSecret!,
    signingKey,
    verifyKeys: await ensureSubgraphVerifyKeys(config, signingKey),
    reportSigningKey: await ensureReportSigningKey(config),
    logger,
    calendar: loadWorkingDayCalendar(config.calendarDir).calendar,
    gatewayPort: 0,
    gatewayHost: "127.0.0.1",
    subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])),
  });
}

/** A second gateway over the same subgraphs with the audit switched off (benchmarks only), to measure what the audit costs. */
export async function startUnauditedGateway(
  config: Config,
  db: Kysely<Database>,
  federation: RunningFederation,
  logger: Logger = createLogger(config),
): Promise<RunningGateway> {
  return startGateway(
    {
      supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
      subgraphUrls: Object.fromEntries(
        [...federation.subgraphs].map(([name, running]) => [name, running.url]),
      ),
      db,
      jwtSecret: config.jwtSecret!,
      signingKey: await ensureSubgraphSigningKey(config),
      logger,
      ...gatewaySettings(config),
      audit: false,
    },
    0,
    "127.0.0.1",
  );
}
