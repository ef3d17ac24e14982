import { connect, type DatabaseConnection } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { seedDemoData } from "../db/seed/demo";
import { loadReferenceData } from "../db/seed/reference-data";
import { chinaDateOf } from "../domain/dates";
import { ConfigError, loadConfig, type Config } from "../platform/config";
import { createLogger, type Logger } from "../platform/logger";
import { ensureJwtSecret } from "../platform/secrets";

export type Bootstrapped = Readonly<{ config: Config; logger: Logger; connection: DatabaseConnection; jwtSecret: string }>;

/** What every long-running command does first: validated config, database migrated, secret ready, demo data once. */
export async function bootstrap(options: { seed: boolean }): Promise<Bootstrapped> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config);
  const connection = await connect(config.database, { logger });
  const applied = await migrateToLatest(connection.db);
  if (applied.length > 0) logger.info({ migrations: applied, database: connection.kind }, "database migrated");
  await loadReferenceData(connection.db, config.measuresFile);
  const jwtSecret = await ensureJwtSecret(config);
  if (options.seed && config.seed === "demo") {
    const seeded = await seedDemoData(connection.db, chinaDateOf(new Date()));
    if (seeded) logger.info(seeded, "demo data loaded (CREDIT_SEED=none to start empty)");
  }
  return { config, logger, connection, jwtSecret };
}

/** Graceful shutdown on SIGTERM/SIGINT: in-flight requests finish, then the pools close. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, "shutting down");
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
