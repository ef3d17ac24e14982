import { startFederation } from "../gateway/federation";
import { portalFor } from "../gateway/portal";
import { SUBGRAPH_NAMES } from "../subgraphs/shared/definition";
import { ensureReportSigningKey, ensureSubgraphSigningKey, ensureSubgraphVerifyKeys } from "../platform/secrets";
import { bootstrap, orExitOnListenFailure, stopOnSignals } from "./bootstrap";

const { config, logger, connection, jwtSecret, calendar, tracing } = await bootstrap({ seed: true, serves: ["gateway", "subgraphs"] });
const signingKey = await ensureSubgraphSigningKey(config);
const federation = await orExitOnListenFailure(startFederation({
  config,
  db: connection.db,
  jwtSecret,
  signingKey,
  verifyKeys: await ensureSubgraphVerifyKeys(config, signingKey),
  reportSigningKey: await ensureReportSigningKey(config),
  logger,
  calendar,
  poolUse: connection.poolUse,
  portal: await portalFor(config, jwtSecret, logger),
  gatewayPort: config.port,
  gatewayHost: config.host,
  // In one process the gateway knows where its subgraphs listen: ports the system picks, so that two
  // services on one machine (different PORTs) never collide on 4001-4006.
  subgraphPorts: Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, 0])),
}), config, connection.close);
logger.info(`credit-federation ready: ${federation.gateway.url} (portal: ${new URL("/", federation.gateway.url).href})`);
stopOnSignals(logger, async () => {
  await federation.stop();
  await connection.close();
  await tracing?.shutdown();
});
