import { readFile } from "node:fs/promises";
import { gatewaySettings, startGateway } from "../gateway/server";
import { portalFor } from "../gateway/portal";
import { readSupergraphConfig, SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { createPublicKey } from "node:crypto";
import { ensureReportSigningKey, ensureSubgraphSigningKey } from "../platform/secrets";
import { bootstrap, orExitOnListenFailure, stopOnSignals } from "./bootstrap";

/** The gateway alone, routing to the subgraphs at their supergraph.yaml URLs (each started with `npm run subgraph`). */
const { config, logger, connection, jwtSecret, calendar, tracing } = await bootstrap({
  seed: true,
  serves: ["gateway"],
});
const { subgraphs } = await readSupergraphConfig();
const gateway = await orExitOnListenFailure(
  startGateway(
    {
      supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
      subgraphUrls: Object.fromEntries(subgraphs.map(({ name, routingUrl }) => [name, routingUrl])),
      db: connection.db,
      jwtSecret,
      signingKey: await ensureSubgraphSigningKey(config),
      reportPublicKey: createPublicKey(await ensureReportSigningKey(config)),
      logger,
      calendar,
      poolUse: connection.poolUse,
      portal: await portalFor(config, jwtSecret, logger),
      ...gatewaySettings(config),
    },
    config.port,
    config.host,
  ),
  config,
  connection.close,
);
stopOnSignals(logger, async () => {
  await gateway.stop();
  await connection.close();
  await tracing?.shutdown();
});
