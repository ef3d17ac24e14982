import { readFile } from "node:fs/promises";
import { createServer, type Server, type Socket } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSubgraph } from "../../app/subgraph";
import { gatewaySettings, startGateway } from "../../gateway/server";
import { SUPERGRAPH_FILE, type SubgraphName } from "../../platform/supergraph-config";
import { createLogger } from "../../platform/logger";
import type { RunningSubgraph } from "../../subgraphs/shared/server";
import { errorCodes, startTestFederation, type GraphQLResult, type TestFederation } from "../harness";
import { DEMO_COMPANY, timeToRecovery, type Operation } from "./load";

/**
 * One subgraph killed, another hung: the gateway stays up, what does not touch them is
 * answered, what does fails within a bounded time with SERVICE_UNAVAILABLE — no URL, no stack — and comes
 * back by itself when they do. The gateway also starts while a subgraph is down (static supergraph).
 */

const TIMEOUT_MS = 1_500;
/** A hang is cut at the subgraph timeout; this bound catches "never", not a slow machine. */
const BOUND_MS = TIMEOUT_MS + 5_000;

let federation: TestFederation;
const restarted: RunningSubgraph[] = [];

beforeAll(async () => {
  // Kills and hangs subgraph servers: the HTTP shape (the in-process timeout: test/e2e/transport-equivalence.e2e.test.ts).
  federation = await startTestFederation({
    seed: "demo",
    shape: "http",
    environment: { CREDIT_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
  });
});
afterAll(async () => {
  await Promise.all(restarted.map((subgraph) => subgraph.stop()));
  await federation?.stop();
});

const SUBJECT_NAME: Operation = (f) => f.query(`query { subject(identifier: "${DEMO_COMPANY}") { name } }`);
const MEASURES: Operation = (f) => f.query(`query { measures(list: BLACK) { code } }`);
const WITH_RECORDS: Operation = (f) =>
  f.query(`query { subject(identifier: "${DEMO_COMPANY}") { name records { title } } }`);
const BLACKLIST: Operation = (f) => f.query(`query { publicBlacklist(first: 1) { totalCount } }`);

const portOf = (url: string) => Number(new URL(url).port);

function expectUnavailableWithoutDetails(result: GraphQLResult) {
  expect(errorCodes(result)).toContain("SERVICE_UNAVAILABLE");
  expect(errorCodes(result).every((code) => code === "SERVICE_UNAVAILABLE")).toBe(true);
  const text = JSON.stringify(result.errors);
  for (const leak of [
    "127.0.0.1",
    "localhost",
    "http:",
    "ECONN",
    "fetch failed",
    "    at ",
    "stack",
    "serviceName",
  ])
    expect(text).not.toContain(leak);
  expect(result.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
}

async function timed(operation: Operation): Promise<{ result: GraphQLResult; ms: number }> {
  const startedAt = performance.now();
  const result = await operation(federation);
  return { result, ms: performance.now() - startedAt };
}

/** Holds every connection open and never answers: a subgraph stuck in a loop or behind a dead proxy. */
async function hangOn(port: number): Promise<{ close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

async function restart(name: SubgraphName, port: number): Promise<void> {
  const { config, subgraphVerifyKeys, connection, calendar } = federation;
  restarted.push(
    await startSubgraph(
      name,
      { config, db: connection.db, verifyKeys: subgraphVerifyKeys, calendar, logger: createLogger(config) },
      port,
      "127.0.0.1",
    ),
  );
}

describe("records killed, lists hung", () => {
  it("answers what does not touch them, refuses what does within a bound, and recovers by itself", async () => {
    for (const operation of [SUBJECT_NAME, MEASURES, WITH_RECORDS, BLACKLIST])
      expect(errorCodes(await operation(federation))).toEqual([]);

    const recordsPort = portOf(federation.subgraphUrl("records"));
    const listsPort = portOf(federation.subgraphUrl("lists"));
    await federation.federation.subgraphs.get("records")!.stop();
    await federation.federation.subgraphs.get("lists")!.stop();
    const hung = await hangOn(listsPort);

    const [subjectName, measures, withRecords, blacklist] = await Promise.all(
      [SUBJECT_NAME, MEASURES, WITH_RECORDS, BLACKLIST].map(timed),
    );
    expect(errorCodes(subjectName!.result)).toEqual([]);
    expect(subjectName!.result.data).toEqual({ subject: { name: expect.any(String) } });
    expect(errorCodes(measures!.result)).toEqual([]);
    expectUnavailableWithoutDetails(withRecords!.result);
    expect(withRecords!.ms).toBeLessThan(BOUND_MS);
    expectUnavailableWithoutDetails(blacklist!.result);
    expect(blacklist!.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 100);
    expect(blacklist!.ms).toBeLessThan(BOUND_MS);

    // Each refused request is still audited, as an error.
    const requestId = withRecords!.result.headers.get("x-request-id")!;
    const event = await federation.connection.db
      .selectFrom("audit_events")
      .select(["outcome", "error_codes"])
      .where("request_id", "=", requestId)
      .executeTakeFirstOrThrow();
    expect(event.outcome).toBe("ERROR");

    await hung.close();
    await restart("records", recordsPort);
    await restart("lists", listsPort);
    expect(await timeToRecovery(federation, WITH_RECORDS, 10_000)).not.toBeNull();
    expect(await timeToRecovery(federation, BLACKLIST, 10_000)).not.toBeNull();
  }, 60_000);
});

describe("a gateway started while a subgraph is down", () => {
  it("starts from the static supergraph, answers the others, reports not ready, and reaches the subgraph once it is up", async () => {
    const { config, jwtSecret, subgraphSigningKey, subgraphVerifyKeys, connection, calendar } = federation;
    const urls = Object.fromEntries(
      [...federation.federation.subgraphs.keys()].map((name) => [name, federation.subgraphUrl(name)]),
    );
    const stopped = await startSubgraph(
      "measures",
      { config, db: connection.db, verifyKeys: subgraphVerifyKeys, calendar, logger: createLogger(config) },
      0,
      "127.0.0.1",
    );
    const measuresUrl = stopped.url;
    await stopped.stop();
    const gateway = await startGateway(
      {
        supergraphSdl: await readFile(SUPERGRAPH_FILE, "utf8"),
        subgraphUrls: { ...urls, measures: measuresUrl },
        db: connection.db,
        jwtSecret,
        signingKey: subgraphSigningKey,
        logger: createLogger(config),
        ...gatewaySettings(config),
        subgraphTimeoutMs: TIMEOUT_MS,
      },
      0,
      "127.0.0.1",
    );
    try {
      const ask = (query: string) =>
        fetch(gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ query }),
        }).then(
          async (response) =>
            ({
              status: response.status,
              headers: response.headers,
              ...((await response.json()) as object),
            }) as GraphQLResult,
        );
      expect(errorCodes(await ask(`{ subject(identifier: "${DEMO_COMPANY}") { name } }`))).toEqual([]);
      expectUnavailableWithoutDetails(await ask(`{ measures(list: BLACK) { code } }`));
      const origin = new URL(gateway.url).origin;
      expect((await fetch(`${origin}/health`)).status).toBe(200);
      expect((await fetch(`${origin}/ready`)).status).toBe(503);

      restarted.push(
        await startSubgraph(
          "measures",
          {
            config,
            db: connection.db,
            verifyKeys: subgraphVerifyKeys,
            calendar,
            logger: createLogger(config),
          },
          portOf(measuresUrl),
          "127.0.0.1",
        ),
      );
      expect(errorCodes(await ask(`{ measures(list: BLACK) { code } }`))).toEqual([]);
      expect((await fetch(`${origin}/ready`)).status).toBe(200);
    } finally {
      await gateway.stop();
    }
  }, 60_000);
});
