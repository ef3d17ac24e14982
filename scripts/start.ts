import { startFederation } from "../gateway/federation";
import { bootstrap, stopOnSignals } from "./bootstrap";

const { config, logger, connection, jwtSecret, calendar } = await bootstrap({ seed: true });
const federation = await startFederation({
  config,
  db: connection.db,
  jwtSecret,
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
