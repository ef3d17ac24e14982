import { REPORTS_SUBGRAPH, startSubgraph } from "../app/subgraph";
import { readSupergraphConfig, SUBGRAPH_NAMES, type SubgraphName } from "../platform/supergraph-config";
import { ensureReportSigningKey, ensureSubgraphVerifyKeys } from "../platform/secrets";
import { bootstrap, stopOnSignals } from "./bootstrap";

const name = process.argv[2];
if (!SUBGRAPH_NAMES.includes(name as SubgraphName)) {
  console.error(`usage: npm run subgraph -- NAME   (NAME is one of ${SUBGRAPH_NAMES.join(", ")})`);
  process.exit(2);
}
const { config, logger, connection, calendar, tracing } = await bootstrap({
  seed: false,
  serves: ["subgraphs"],
});
if (connection.kind === "pglite" && !config.dataDir.startsWith("memory://")) {
  // PGlite is single-process: a second process opening the same directory would corrupt it.
  logger.error(
    "a subgraph in its own process needs DATABASE_URL (PostgreSQL); the embedded database serves one process",
  );
  await connection.close();
  process.exit(2);
}
const { subgraphs } = await readSupergraphConfig();
const routingUrl = new URL(subgraphs.find((subgraph) => subgraph.name === name)!.routingUrl);
const running = await startSubgraph(
  name as SubgraphName,
  {
    config,
    db: connection.db,
    verifyKeys: await ensureSubgraphVerifyKeys(config),
    // Only the reports subgraph issues credit reports, so only it holds the report key.
    reportSigningKey: name === REPORTS_SUBGRAPH ? await ensureReportSigningKey(config) : undefined,
    logger,
    calendar,
  },
  Number(routingUrl.port),
  routingUrl.hostname,
);
stopOnSignals(logger, async () => {
  await running.stop();
  await connection.close();
  await tracing?.shutdown();
});
