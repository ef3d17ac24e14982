import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { connect, type DatabaseConnection } from "../db/connect";
import { DataDirectoryHeldError } from "../db/data-directory-lock";
import { migrateToLatest } from "../db/migrate";
import { seedDemoData } from "../db/seed/demo";
import { loadReferenceData } from "../db/seed/reference-data";
import { chinaDateOf } from "../domain/dates";
import { nextYearCalendarWarning, type WorkingDayCalendar } from "../domain/working-days";
import { loadWorkingDayCalendar } from "../platform/calendar-files";
import { systemClock } from "../platform/clock";
import { ConfigError, loadConfig, type Config, type ServedPart } from "../platform/config";
import { createLogger, type Logger } from "../platform/logger";
import { ensureJwtSecret } from "../platform/secrets";
import { startTracing, type Tracing } from "../platform/telemetry";

export type Bootstrapped = Readonly<{
  config: Config;
  logger: Logger;
  connection: DatabaseConnection;
  jwtSecret: string;
  calendar: WorkingDayCalendar;
  /** Tracing when the `OTEL_*` variables ask for it (null: off); shut it down last, to export what is buffered. */
  tracing: Tracing | null;
}>;

export type BootstrapOptions = Readonly<{
  /** Load the demo data on first start when `CREDIT_SEED=demo` (never the case in production). */
  seed: boolean;
  /** For commands that must not run under `NODE_ENV=production`: the refusal, saying why. */
  developmentOnly?: string;
  /** The parts this process serves, whose subgraph keys the configuration must hold. */
  serves?: readonly ServedPart[];
}>;

/**
 * What every long-running command does first: validated config (with the subgraph keys of the parts it
 * `serves`), database migrated, secret ready, demo data once, the working-day calendar loaded (with a
 * warning for a refused file, and from 1 November when next year's notice is not loaded). Exits 2 with
 * the message on a bad configuration, and 1 when the embedded data directory is held by another process
 * or `developmentOnly` is set under `NODE_ENV=production`.
 */
export async function bootstrap(options: BootstrapOptions): Promise<Bootstrapped> {
  exitOnConfigurationErrors();
  let config: Config;
  try {
    config = loadConfig(undefined, options.serves);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  if (options.developmentOnly && config.env === "production") {
    console.error(options.developmentOnly);
    process.exit(1);
  }
  const pathProblems = await checkConfiguredPaths(config);
  if (pathProblems.length > 0) {
    console.error(`invalid configuration:\n${pathProblems.map((problem) => `  ${problem}`).join("\n")}`);
    process.exit(2);
  }
  const logger = createLogger(config);
  const tracing = await startTracing(config.tracing);
  if (tracing) logger.info("tracing on: spans exported over OTLP");
  if (config.clock !== systemClock)
    logger.warn(
      { clock: config.clock.describe() },
      "the service's clock is pinned (CREDIT_NOW): dates and deadlines follow it",
    );
  const { calendar, refused } = loadWorkingDayCalendar(config.calendarDir);
  for (const problem of refused)
    logger.error(
      { file: problem.file, problems: problem.problems },
      "calendar file refused: its year counts as provisional until it is fixed",
    );
  const warning = nextYearCalendarWarning(calendar, chinaDateOf(config.clock.now()));
  if (warning) logger.warn(warning);
  let connection: DatabaseConnection;
  try {
    connection = await connect(config.database, { logger });
  } catch (error) {
    if (error instanceof DataDirectoryHeldError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const applied = await migrateToLatest(connection.db);
  if (applied.length > 0)
    logger.info({ migrations: applied, database: connection.kind }, "database migrated");
  await loadReferenceData(connection.db, config.measuresFile);
  const jwtSecret = await ensureJwtSecret(config);
  if (options.seed && config.seed === "demo") {
    const seeded = await seedDemoData(connection.db, chinaDateOf(config.clock.now()));
    if (seeded) logger.info(seeded, "demo data loaded (CREDIT_SEED=none to start empty)");
  }
  return { config, logger, connection, jwtSecret, calendar, tracing };
}

/**
 * A configuration error found after the settings were read (a key this process needs, the identity provider's
 * discovery) ends the start like one found while reading them: its message, naming the variable, and exit 2 —
 * no stack trace. Anything else still takes Node's own way out (stack, exit 1): that is a bug, not a setting.
 */
function exitOnConfigurationErrors(): void {
  process.on("uncaughtExceptionMonitor", (error) => {
    if (!(error instanceof ConfigError)) return;
    console.error(error.message);
    process.exit(2);
  });
}

/**
 * What a failure to start listening means to the operator, naming the variable to change: a busy port
 * (`PORT`), a `HOST` this machine does not have or cannot resolve; null for anything else.
 */
export function listenFailureMessage(error: unknown, config: Pick<Config, "port" | "host">): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  const port = (error as { port?: unknown } | null)?.port ?? config.port;
  if (code === "EADDRINUSE")
    return `PORT: port ${String(port)} on ${config.host} is already in use (is the service already running?); stop what holds it or set PORT to a free port`;
  if (code === "EACCES")
    return `PORT: not allowed to listen on port ${String(port)} (ports below 1024 need privileges); set PORT to 1024 or above`;
  if (code === "EADDRNOTAVAIL")
    return `HOST: ${config.host} is not an address of this machine; set HOST to one of its addresses, 0.0.0.0 (all) or 127.0.0.1`;
  if (code === "ENOTFOUND" || code === "EAI_AGAIN")
    return `HOST: ${config.host} cannot be resolved to an address; set HOST to an address of this machine, 0.0.0.0 (all) or 127.0.0.1`;
  return null;
}

/** Awaits `starting`; a listen failure is printed with its cause and variable and the process exits 1. */
export async function orExitOnListenFailure<T>(
  starting: Promise<T>,
  config: Pick<Config, "port" | "host">,
  close: () => Promise<void>,
): Promise<T> {
  try {
    return await starting;
  } catch (error) {
    const message = listenFailureMessage(error, config);
    if (!message) throw error;
    console.error(`cannot start: ${message}`);
    await close().catch(() => {});
    process.exit(1);
  }
}

/**
 * The files and directories the configuration names, checked before anything is opened, so that a
 * missing measure list or an unusable data directory is reported with its variable rather than as a
 * stack trace from deep inside the start.
 */
export async function checkConfiguredPaths(
  config: Pick<Config, "measuresFile" | "database">,
): Promise<string[]> {
  const problems: string[] = [];
  if (config.measuresFile) {
    try {
      await access(config.measuresFile, constants.R_OK);
    } catch (error) {
      problems.push(
        `CREDIT_MEASURES_FILE: ${config.measuresFile} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"}); point it at the measure list (YAML, as data/measures.yaml) or unset it for the bundled one`,
      );
    }
  }
  if (config.database.kind === "pglite" && !config.database.dataDir.startsWith("memory://")) {
    const { dataDir } = config.database;
    try {
      await mkdir(dataDir, { recursive: true });
      await access(dataDir, constants.W_OK);
    } catch (error) {
      problems.push(
        `CREDIT_DATA_DIR: ${dataDir} cannot be created or written (${(error as NodeJS.ErrnoException).code ?? "error"}); point it at a directory this user may write, or set DATABASE_URL`,
      );
    }
  }
  return problems;
}

/** How long in-flight requests have to finish after SIGTERM before the process exits anyway (code 1). */
export const DRAIN_TIME_MS = 10_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: no new connections, in-flight requests answered, then the pools
 * close; past `drainMs` the process exits 1 regardless. The npm scripts `exec` node, so the signal npm
 * forwards reaches this process rather than an intermediate shell.
 */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>, drainMs = DRAIN_TIME_MS): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal, drainMs }, "shutting down");
      setTimeout(() => {
        logger.error({ drainMs }, "in-flight requests did not finish within the drain time; exiting");
        process.exit(1);
      }, drainMs).unref();
      stop().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error({ err: error }, "shutdown failed");
          process.exit(1);
        },
      );
    });
  }
}
