import { startFederation } from "../app/federation";
import { portalFor } from "../gateway/portal";
import {
  ensureReportSigningKey,
  ensureSubgraphSigningKey,
  ensureSubgraphVerifyKeys,
} from "../platform/secrets";
import { bootstrap, orExitOnListenFailure, stopOnSignals } from "./bootstrap";

const { config, logger, connection, jwtSecret, calendar, tracing } = await bootstrap({
  seed: true,
  serves: ["gateway", "subgraphs"],
});
const signingKey = await ensureSubgraphSigningKey(config);
const federation = await orExitOnListenFailure(
  startFederation({
    // One process: the gateway executes the subgraphs itself (docs/architecture.md, "Trust boundaries").
    transport: "in-process",
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
  }),
  config,
  connection.close,
);
logger.info(
  `credit-federation ready: ${federation.gateway.url} (portal: ${new URL("/", federation.gateway.url).href})`,
);
stopOnSignals(logger, async () => {
  await federation.stop();
  await connection.close();
  await tracing?.shutdown();
});
