import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import type { WorkingDayCalendar } from "../domain/working-days";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import { SUBGRAPHS } from "../subgraphs/index";
import type { SubgraphName } from "../subgraphs/shared/definition";
import { startSubgraphServer, type RunningSubgraph } from "../subgraphs/shared/server";
import type { PoolUse } from "./metrics";
import type { PortalServer } from "./portal";
import { gatewaySettings, startGateway, type RunningGateway } from "./server";
import { readSupergraphConfig, SUPERGRAPH_FILE } from "./supergraph";

export type FederationOptions = Readonly<{
  config: Config;
  db: Kysely<Database>;
  jwtSecret: string;
  /** The gateway's Ed25519 private key for subgraph requests. */
  signingKey: KeyObject;
  /** The public keys the subgraphs accept (platform/secrets.ts#ensureSubgraphVerifyKeys). */
  verifyKeys: readonly KeyObject[];
  /** The service's credit-report signing key (platform/secrets.ts#ensureReportSigningKey); the gateway publishes its public half. */
  reportSigningKey: KeyObject;
  logger: Logger;
  /** The working-day calendar every subgraph counts deadlines with (platform/calendar-files.ts). */
  calendar: WorkingDayCalendar;
  /** Gateway port; 0 for any free port. */
  gatewayPort: number;
  gatewayHost: string;
  /** Subgraph ports by name; absent means the port of its routing_url in supergraph.yaml, 0 any free port. */
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  /** The people's portal the gateway serves at `/` (gateway/portal.ts#portalFor); absent: the API only. */
  portal?: PortalServer | undefined;
  /** The database pool's connections, for the gateway's metrics (db/connect.ts#poolUse). */
  poolUse?: () => PoolUse | null;
}>;

export type RunningFederation = Readonly<{
  gateway: RunningGateway;
  subgraphs: ReadonlyMap<SubgraphName, RunningSubgraph>;
  /** Stops accepting, lets in-flight requests finish: the gateway first, then the subgraphs. */
  stop(): Promise<void>;
}>;

/** Starts one subgraph on its own HTTP server, as `npm run subgraph -- NAME` and `npm start` do. */
export async function startSubgraph(
  name: SubgraphName,
  options: Pick<FederationOptions, "config" | "db" | "verifyKeys" | "logger" | "calendar"> & { reportSigningKey?: KeyObject },
  port: number,
  host: string,
): Promise<RunningSubgraph> {
  const definition = SUBGRAPHS[name];
  const { schema } = await definition.build();
  await definition.beforeServing?.(options.db, { clock: options.config.clock, calendar: options.calendar, logger: options.logger });
  return startSubgraphServer(
    {
      name,
      schema,
      db: options.db,
      verifyKeys: options.verifyKeys,
      reportSigningKey: options.reportSigningKey,
      logger: options.logger,
      maxBodyBytes: options.config.maxBodyBytes,
      rules: options.config.rules,
      clock: options.config.clock,
      calendar: options.calendar,
      createLoaders: definition.createLoaders,
    },
    port,
    host,
  );
}

/** The whole federation in one process with real HTTP between gateway and subgraphs (`npm start`, tests). */
export async function startFederation(options: FederationOptions): Promise<RunningFederation> {
  const supergraphConfig = await readSupergraphConfig();
  const subgraphs = new Map<SubgraphName, RunningSubgraph>();
  try {
    for (const { name, routingUrl } of supergraphConfig.subgraphs) {
      const port = options.subgraphPorts?.[name] ?? Number(new URL(routingUrl).port);
      subgraphs.set(name, await startSubgraph(name, options, port, "127.0.0.1"));
    }
    const gateway = await startGateway(
      {
        supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
        subgraphUrls: Object.fromEntries([...subgraphs].map(([name, running]) => [name, running.url])),
        db: options.db,
        jwtSecret: options.jwtSecret,
        signingKey: options.signingKey,
        reportPublicKey: createPublicKey(options.reportSigningKey),
        logger: options.logger,
        calendar: options.calendar,
        poolUse: options.poolUse,
        portal: options.portal,
        ...gatewaySettings(options.config),
      },
      options.gatewayPort,
      options.gatewayHost,
    );
    return {
      gateway,
      subgraphs,
      async stop() {
        await gateway.stop();
        await Promise.all([...subgraphs.values()].map((subgraph) => subgraph.stop()));
      },
    };
  } catch (error) {
    await Promise.allSettled([...subgraphs.values()].map((subgraph) => subgraph.stop()));
    throw error;
  }
}
