import type { KeyObject } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import type { WorkingDayCalendar } from "../domain/working-days";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import type { SubgraphName } from "../platform/supergraph-config";
import type { BuiltSubgraph } from "../subgraphs/shared/build-subgraph-schema";
import { createSubgraphExecutor, type SubgraphExecutor } from "../subgraphs/shared/executor";
import { startSubgraphServer, type RunningSubgraph } from "../subgraphs/shared/server";
import { ReportPrinter } from "../subgraphs/reports/credit-report.printer";
import { subgraphDefinition } from "./subgraphs";

/*
 * One subgraph, in whichever process serves it: `npm run subgraph -- NAME` (which loads this module and no
 * gateway code) or the whole federation in one process (app/federation.ts).
 */

/** What a subgraph is given in any process that serves it. */
export type SubgraphServices = Readonly<{
  config: Config;
  db: Kysely<Database>;
  logger: Logger;
  /** The working-day calendar deadlines are counted with (platform/calendar-files.ts). */
  calendar: WorkingDayCalendar;
  /** The service's credit-report signing key (platform/secrets.ts#ensureReportSigningKey). */
  reportSigningKey?: KeyObject | undefined;
}>;

/** The subgraph that issues credit reports: the only one given the report printer and the report signing key. */
export const REPORTS_SUBGRAPH = "reports";

const built = new Map<SubgraphName, Promise<BuiltSubgraph>>();

/**
 * A subgraph's schema and SDL, built once per process: they depend on its code alone (each request's state
 * comes in its context), and a process that starts many federations (the tests) would build them each time.
 */
export function builtSubgraph(name: SubgraphName): Promise<BuiltSubgraph> {
  let building = built.get(name);
  if (!building) {
    building = subgraphDefinition(name).build();
    built.set(name, building);
    building.catch(() => built.delete(name));
  }
  return building;
}

/** Builds one subgraph's schema, runs its start-up work and starts its executor (no transport yet). */
export async function startSubgraphExecutor(
  name: SubgraphName,
  options: SubgraphServices,
): Promise<SubgraphExecutor> {
  const definition = subgraphDefinition(name);
  const { schema } = await builtSubgraph(name);
  await definition.beforeServing?.(options.db, {
    clock: options.config.clock,
    calendar: options.calendar,
    logger: options.logger,
  });
  return createSubgraphExecutor({
    name,
    schema,
    db: options.db,
    reportSigningKey: options.reportSigningKey,
    // Worker threads start with the first report printed, not here.
    reportPrinter: name === REPORTS_SUBGRAPH ? new ReportPrinter(options.config.reportPrinting) : undefined,
    logger: options.logger,
    rules: options.config.rules,
    clock: options.config.clock,
    calendar: options.calendar,
    createLoaders: definition.createLoaders,
  });
}

/** Starts one subgraph on its own HTTP server, as `npm run subgraph -- NAME` and the `http` transport do. */
export async function startSubgraph(
  name: SubgraphName,
  options: SubgraphServices & Readonly<{ verifyKeys: readonly KeyObject[] }>,
  port: number,
  host: string,
): Promise<RunningSubgraph> {
  const executor = await startSubgraphExecutor(name, options);
  try {
    return await startSubgraphServer(
      {
        executor,
        verifyKeys: options.verifyKeys,
        logger: options.logger,
        maxBodyBytes: options.config.maxBodyBytes,
      },
      port,
      host,
    );
  } catch (error) {
    await executor.stop();
    throw error;
  }
}
