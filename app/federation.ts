import { createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import type { Database } from "../db/database";
import type { WorkingDayCalendar } from "../domain/working-days";
import type { Config } from "../platform/config";
import type { Logger } from "../platform/logger";
import { type SubgraphName, readSupergraphConfig, SUPERGRAPH_FILE } from "../platform/supergraph-config";
import type { SubgraphExecutor } from "../subgraphs/shared/executor";
import type { RunningSubgraph } from "../subgraphs/shared/server";
import { startSubgraph, startSubgraphExecutor } from "./subgraph";
import type { PoolUse } from "../gateway/metrics";
import type { PortalServer } from "../gateway/portal";
import { gatewaySettings, startGateway, type RunningGateway } from "../gateway/server";

/**
 * How the gateway reaches its subgraphs in one process. `in-process`: it executes their schemas itself —
 * no HTTP, no JSON, no signatures; the process is the trust boundary (`npm start`). `http`: each subgraph
 * listens on loopback and every fetch is signed, exactly as between separate processes (tests of the
 * signed path; `npm run gateway` + `npm run subgraph` always use HTTP).
 */
export type FederationTransport = "in-process" | "http";

export type FederationOptions = Readonly<{
  /** How the gateway reaches the subgraphs; see FederationTransport. */
  transport: FederationTransport;
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
  /** Subgraph ports by name (transport `http`); absent means the port of its routing_url in supergraph.yaml, 0 any free port. */
  subgraphPorts?: Partial<Record<SubgraphName, number>>;
  /** The people's portal the gateway serves at `/` (gateway/portal.ts#portalFor); absent: the API only. */
  portal?: PortalServer | undefined;
  /** The database pool's connections, for the gateway's metrics (db/connect.ts#poolUse). */
  poolUse?: () => PoolUse | null;
}>;

export type RunningFederation = Readonly<{
  transport: FederationTransport;
  gateway: RunningGateway;
  /** The subgraphs' HTTP servers (transport `http`); empty in process, where no subgraph listens. */
  subgraphs: ReadonlyMap<SubgraphName, RunningSubgraph>;
  /** Stops accepting, lets in-flight requests finish: the gateway first, then the subgraphs. */
  stop(): Promise<void>;
}>;

/** The whole federation in one process (`npm start`, tests), its subgraphs reached by `options.transport`. */
export async function startFederation(options: FederationOptions): Promise<RunningFederation> {
  const supergraphConfig = await readSupergraphConfig();
  const subgraphs = new Map<SubgraphName, RunningSubgraph>();
  const executors = new Map<SubgraphName, SubgraphExecutor>();
  const stopSubgraphs = async () => {
    await Promise.allSettled([...subgraphs.values()].map((subgraph) => subgraph.stop()));
    await Promise.allSettled([...executors.values()].map((executor) => executor.stop()));
  };
  try {
    for (const { name, routingUrl } of supergraphConfig.subgraphs) {
      if (options.transport === "in-process") {
        executors.set(name, await startSubgraphExecutor(name, options));
      } else {
        const port = options.subgraphPorts?.[name] ?? Number(new URL(routingUrl).port);
        subgraphs.set(name, await startSubgraph(name, options, port, "127.0.0.1"));
      }
    }
    const gateway = await startGateway(
      {
        supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
        subgraphUrls: Object.fromEntries([...subgraphs].map(([name, running]) => [name, running.url])),
        inProcessSubgraphs: Object.fromEntries(executors),
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
      transport: options.transport,
      gateway,
      subgraphs,
      async stop() {
        await gateway.stop();
        await Promise.all([...subgraphs.values()].map((subgraph) => subgraph.stop()));
        await Promise.all([...executors.values()].map((executor) => executor.stop()));
      },
    };
  } catch (error) {
    await stopSubgraphs();
    throw error;
  }
}
