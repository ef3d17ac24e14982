/**
 * The service under load, in its own process (the load generator runs elsewhere, on another core):
 * every subgraph and our gateway with audit (the product), the same gateway with the audit off, Hive
 * Gateway over the same `supergraph.graphql`, and a bare HTTP endpoint doing the screening SQL and the
 * audit insert. Started by bench/throughput.ts; prints one JSON line with the URLs, runs until SIGTERM.
 *
 * Environment: DATABASE_URL or CREDIT_DATA_DIR (an already seeded database), CREDIT_JWT_SECRET,
 * CREDIT_SUBGRAPH_SIGNING_KEY;
 * BENCH_PRODUCT_ONLY=1 starts only what `npm start` starts, its subgraphs in process (the soak measures that
 * process's memory); otherwise the product's in-process gateway runs beside an HTTP-shaped federation.
 */
import { randomUUID } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { createGatewayRuntime, type GatewayPlugin } from "@graphql-hive/gateway";
import { connect } from "../db/connect";
import { addYears, chinaDateOf } from "../domain/dates";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { loadConfig } from "../platform/config";
import { createLogger } from "../platform/logger";
import { ensureSubgraphSigningKey } from "../platform/secrets";
import { SIGNATURE_HEADER, signSubgraphRequest } from "../platform/subgraph-signature";
import type { Viewer } from "../platform/viewer";
import { appendAuditEntries } from "../audit-log/store";
import { listResponsibleEntries, listScreeningEntries } from "../subgraphs/lists/list-entry.repository";
import { listMeasures } from "../subgraphs/measures/measure.repository";
import { listKnownIdentifiers } from "../subgraphs/subjects/subject.repository";
import { startBenchFederation, startUnauditedGateway } from "./setup";

export type ServiceUrls = Readonly<{
  /** Our gateway with auth and audit, its subgraphs over signed loopback HTTP (the multi-process shape's path). */
  gateway: string;
  /** Our gateway with auth and audit, its subgraphs in its own process: what `npm start` runs. */
  gatewayInProcess: string;
  gatewayUnaudited: string;
  hivePublic: string;
  hiveGovernment: string;
  subgraphs: Record<string, string>;
  sql: string;
}>;

const GOVERNMENT_VIEWER: Viewer = {
  role: "GOVERNMENT",
  actor: "bench",
  org: "BENCH-GOV",
  subject: null,
  purpose: "PUBLIC_RESOURCE_TRADING",
};
const PUBLIC_VIEWER: Viewer = { role: "PUBLIC", actor: null, org: null, subject: null, purpose: null };

// No rate limit unless a part asks for the product's (the report flood measures the service as deployed).
const config = loadConfig({
  ...process.env,
  NODE_ENV: "production",
  CREDIT_LOG_LEVEL: "silent",
  CREDIT_RATE_LIMIT_PER_MINUTE: process.env.BENCH_RATE_LIMIT_PER_MINUTE ?? "1000000000",
});
const signingKey = await ensureSubgraphSigningKey(config);
const logger = createLogger(config);
const connection = await connect(config.database, { maxConnections: 20 });
const productOnly = process.env.BENCH_PRODUCT_ONLY === "1";
// The product alone is `npm start`'s shape; the comparisons also need the subgraphs on HTTP, to call them straight.
const inProcess = await startBenchFederation(config, connection.db, logger, "in-process");
const federation = productOnly
  ? inProcess
  : await startBenchFederation(config, connection.db, logger, "http");
const subgraphUrls = Object.fromEntries(
  [...federation.subgraphs].map(([name, running]) => [name, running.url]),
);
const supergraphSdl = await readFile(SUPERGRAPH_FILE, "utf8");
const unaudited = productOnly ? null : await startUnauditedGateway(config, connection.db, federation, logger);

const listen = async (
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<string> => {
  const server = createHttpServer(handler);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
};

/**
 * Hive Gateway cannot know our subgraphs' signature; this plugin signs each subgraph fetch for a fixed
 * viewer exactly as our gateway does, so both do the same work per fetch.
 */
function signingPlugin(viewer: Viewer): GatewayPlugin {
  const nameByUrl = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, name]));
  return {
    onFetch({ url, options, setOptions }) {
      const body = JSON.parse(String(options.body)) as {
        query: string;
        operationName?: string;
        variables?: Record<string, unknown>;
      };
      const signature = signSubgraphRequest(
        signingKey,
        { viewer, requestId: randomUUID(), caller: "bench" },
        nameByUrl.get(url) ?? "",
        {
          query: body.query,
          operationName: body.operationName ?? null,
          variables: body.variables ?? null,
        },
      );
      setOptions({
        ...options,
        headers: { ...(options.headers as Record<string, string>), [SIGNATURE_HEADER]: signature },
      });
    },
  };
}

/** The supergraph with each subgraph's routing URL replaced by where it listens in this process. */
const routedSupergraph = supergraphSdl.replace(
  /@join__graph\(name: "(\w+)", url: "[^"]*"\)/g,
  (_match, name: string) => `@join__graph(name: "${name}", url: "${subgraphUrls[name]}")`,
);
const hive = (viewer: Viewer) =>
  createGatewayRuntime({
    supergraph: routedSupergraph,
    logging: false,
    graphqlEndpoint: "/graphql",
    plugins: () => [signingPlugin(viewer)],
  });
const hivePublic = productOnly ? "" : await listen(hive(PUBLIC_VIEWER) as never);
const hiveGovernment = productOnly ? "" : await listen(hive(GOVERNMENT_VIEWER) as never);

/** The screening SQL (the measures subgraph's four statements) and one audit event with its access rows, over bare HTTP. */
const sql = productOnly
  ? ""
  : await listen((request, response) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", () => {
        void (async () => {
          const { ids } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { ids: string[] };
          const today = chinaDateOf(new Date());
          const [known, entries, responsible, catalog] = await Promise.all([
            listKnownIdentifiers(connection.db, ids),
            listScreeningEntries(connection.db, ids, today, addYears(today, -1)),
            listResponsibleEntries(connection.db, ids, today),
            listMeasures(connection.db, { list: null, scenario: "PUBLIC_RESOURCE_TRADING" }),
          ]);
          const id = randomUUID();
          await appendAuditEntries(connection.db, [
            {
              id,
              requestId: id,
              at: new Date(),
              actor: "bench",
              role: "GOVERNMENT",
              org: "BENCH-GOV",
              purpose: "PUBLIC_RESOURCE_TRADING",
              operationName: "Screen",
              operationType: "query",
              documentHash: null,
              variables: { ids },
              clientAddress: null,
              outcome: "OK",
              errorCodes: [],
              consentIds: [],
              durationMs: 0,
              // The same audit form as the gateway's: one access set holding the subjects.
              accesses: [
                {
                  subgraph: "measures",
                  entityType: "ScreeningResult",
                  tiers: ["PUBLIC"],
                  subjectIds: [...known.values()],
                  subjectIdentifiers: [...known.keys()],
                  counts: [...known.keys()].map(() => 1),
                },
              ],
            },
          ]);
          response.setHeader("content-type", "application/json");
          response.end(
            JSON.stringify({
              data: {
                known: known.size,
                entries: entries.length,
                responsible: responsible.length,
                measures: catalog.length,
              },
            }),
          );
        })().catch((error: unknown) => {
          response.statusCode = 500;
          response.end(JSON.stringify({ errors: [{ message: String(error) }] }));
        });
      });
    });

const urls: ServiceUrls = {
  gateway: federation.gateway.url,
  gatewayInProcess: inProcess.gateway.url,
  gatewayUnaudited: unaudited?.url ?? "",
  hivePublic,
  hiveGovernment,
  subgraphs: subgraphUrls,
  sql,
};
process.stdout.write(`${JSON.stringify(urls)}\n`);

process.once("SIGTERM", () => {
  void (async () => {
    await unaudited?.stop();
    if (federation !== inProcess) await federation.stop();
    await inProcess.stop();
    await connection.close();
    process.exit(0);
  })();
});
