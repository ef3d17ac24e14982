import { startFederation } from "../gateway/federation";
import { ensureSubgraphSigningKey, ensureSubgraphVerifyKeys } from "../platform/secrets";
import { bootstrap, stopOnSignals } from "./bootstrap";

const { config, logger, connection, jwtSecret, calendar } = await bootstrap({ seed: true, serves: ["gateway", "subgraphs"] });
const signingKey = await ensureSubgraphSigningKey(config);
const federation = await startFederation({
  config,
  db: connection.db,
  jwtSecret,
  signingKey,
  verifyKeys: await ensureSubgraphVerifyKeys(config, signingKey),
  logger,
  calendar,
  gatewayPort: config.port,
  gatewayHost: config.host,
});
logger.info(`credit-federation ready: ${federation.gateway.url}`);
stopOnSignals(logger, async () => {
  await federation.stop();
  await connection.close();
});
