import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "../../db/seed/demo";
import { chinaDateOf } from "../../domain/dates";
import { REPORTS_SUBGRAPH } from "../../app/subgraph";
import { PACKAGE_ROOT } from "../../platform/package-root";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "../../platform/subgraph-signature";
import { mintToken } from "../../platform/tokens";
import { readSupergraphConfig, SUBGRAPH_NAMES } from "../../platform/supergraph-config";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestDatabase, type TestDatabase } from "../harness";
import { runCommand } from "../processes";
import { FIXED_SETTINGS, GATEWAY_REPLICA_PORTS, gatewayCommand, subgraphCommand } from "../replicas";

/**
 * The multi-process shape of docs/scaling.md and deploy/compose.yaml: each subgraph in its own
 * process with the command of `npm run subgraph -- NAME`, two gateway replicas with that of `npm run gateway`
 * (test/replicas.ts), all on one PostgreSQL database, in production mode — and the federation answers as it does
 * in one process: lookups across subgraphs, screening, writes read back, every answer audited; the two gateways
 * share one rate budget and write one audit chain; a subgraph process killed with SIGKILL costs only its part of
 * the answers.
 *
 * Needs PostgreSQL (the embedded database serves one process), the gateways' ports and supergraph.yaml's.
 */

const PORTS = [
  ...GATEWAY_REPLICA_PORTS,
  ...(await readSupergraphConfig()).subgraphs.map(({ routingUrl }) => Number(new URL(routingUrl).port)),
];
const portFree = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
const portsFree = (await Promise.all(PORTS.map(portFree))).every(Boolean);
const GATEWAY = `http://127.0.0.1:${GATEWAY_REPLICA_PORTS[0]}`;
const SECOND_GATEWAY = `http://127.0.0.1:${GATEWAY_REPLICA_PORTS[1]}`;
/** Small enough to exhaust in a few requests; every other caller here spends a handful. */
const RATE_LIMIT_PER_MINUTE = 30;
const COMPANY = "91320802MA1000000F";

let database: TestDatabase;
const processes = new Map<string, ChildProcess>();
const jwtSecret = randomBytes(32).toString("base64url");
const subgraphKeys = generateSubgraphKeyPair();
/** The gateway alone holds the private key; each subgraph process gets only the public one. */
const GATEWAY_KEY = { CREDIT_SUBGRAPH_SIGNING_KEY: encodeSubgraphKey(subgraphKeys.privateKey) };
const SUBGRAPH_KEYS = { CREDIT_SUBGRAPH_VERIFY_KEYS: encodeSubgraphKey(subgraphKeys.publicKey) };
/** The credit-report key: the reports subgraph signs with it, the gateway publishes its public half. */
const REPORT_KEY = { CREDIT_REPORT_SIGNING_KEY: encodeSubgraphKey(generateSubgraphKeyPair().privateKey) };

/** What every process of the shape gets (test/replicas.ts SHARED_SETTINGS). */
function environment(): Record<string, string> {
  return {
    ...FIXED_SETTINGS,
    DATABASE_URL: database.config.database.kind === "postgres" ? database.config.database.url : "",
    CREDIT_JWT_SECRET: jwtSecret,
    CREDIT_LOG_LEVEL: "error",
    HOST: "127.0.0.1",
    CREDIT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT_PER_MINUTE),
  };
}

function start(name: string, [command, ...args]: string[], environment: Record<string, string>): void {
  // Its own process group, so that it stops with whatever it started.
  const child = spawn(command!, args, {
    cwd: PACKAGE_ROOT,
    env: { ...process.env, ...environment },
    stdio: "ignore",
    detached: true,
  });
  processes.set(name, child);
}

function stop(name: string, signal: NodeJS.Signals): Promise<void> {
  const child = processes.get(name)!;
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    process.kill(-child.pid!, signal);
  });
}

async function waitUntilReady(withinMs: number, gateways = [GATEWAY]): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    const ready = await Promise.all(
      gateways.map((gateway) =>
        fetch(`${gateway}/ready`).then(
          (response) => response.ok,
          () => false,
        ),
      ),
    );
    if (ready.every(Boolean)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the gateway and seven subgraph processes were not ready within ${withinMs / 1000} s`);
}

async function query(
  document: string,
  options: { token?: string; purpose?: string; variables?: Record<string, unknown>; gateway?: string } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.purpose) headers["x-credit-purpose"] = options.purpose;
  const response = await fetch(`${options.gateway ?? GATEWAY}/graphql`, {
    method: "POST",
    headers,
    body: JSON.stringify({ query: document, variables: options.variables }),
  });
  return {
    status: response.status,
    headers: response.headers,
    ...((await response.json()) as {
      data?: Record<string, any> | null;
      errors?: Array<{ message: string; extensions?: { code?: string } }>;
    }),
  };
}

describe.runIf(Boolean(process.env.DATABASE_URL) && portsFree)(
  "every subgraph in its own process behind two gateways (npm run subgraph ×7 + npm run gateway ×2)",
  () => {
    beforeAll(async () => {
      database = await startTestDatabase();
      await seedDemoData(database.connection.db, chinaDateOf(database.config.clock.now()));
      for (const name of SUBGRAPH_NAMES)
        start(name, subgraphCommand(name), {
          ...environment(),
          ...SUBGRAPH_KEYS,
          ...(name === REPORTS_SUBGRAPH ? REPORT_KEY : {}),
        });
      for (const [index, port] of GATEWAY_REPLICA_PORTS.entries())
        start(`gateway-${index}`, gatewayCommand(), {
          ...environment(),
          ...GATEWAY_KEY,
          ...REPORT_KEY,
          PORT: String(port),
        });
      await waitUntilReady(90_000, [GATEWAY, SECOND_GATEWAY]);
    }, 120_000);

    afterAll(async () => {
      await Promise.all([...processes.keys()].map((name) => stop(name, "SIGTERM")));
      await database?.stop();
    });

    it("answers a lookup across subgraphs, a screening and a write read back, each audited", async () => {
      const lookup = await query(
        `{ subject(identifier: "${COMPANY}") { name records { title } listEntries { list status } } }`,
      );
      expect(errorCodes(lookup)).toEqual([]);
      expect(lookup.data!.subject.records.length).toBeGreaterThan(0);

      const government = await mintToken(jwtSecret, { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" });
      const screening = await query(
        `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: ADMINISTRATIVE_LICENSING) { identifier decision } }`,
        {
          token: government,
          purpose: "ADMINISTRATIVE_LICENSING",
          variables: { ids: [COMPANY, citizenId(77_001)] },
        },
      );
      expect(errorCodes(screening)).toEqual([]);
      expect(screening.data!.screen).toHaveLength(2);

      const provider = await mintToken(jwtSecret, { role: "PROVIDER", org: "HA-SAMR" });
      const person = citizenId(77_002);
      const submitted = await query(
        `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
        {
          token: provider,
          variables: {
            records: [
              {
                subject: { identifier: person, name: "多进程", kind: "NATURAL_PERSON" },
                category: "NEGATIVE",
                kind: "ADMINISTRATIVE_PENALTY",
                procedure: "GENERAL",
                severity: "GENERAL",
                tier: "GOVERNMENT",
                title: "行政处罚",
                documentNumber: "MP-1",
                decidedOn: daysAgo(3),
              },
            ],
          },
        },
      );
      expect(errorCodes(submitted)).toEqual([]);
      const readBack = await query(
        `query ($id: String!) { subject(identifier: $id) { records { title tier } } }`,
        { token: government, purpose: "SUPERVISION", variables: { id: person } },
      );
      expect(readBack.data!.subject.records).toEqual([{ title: "行政处罚", tier: "GOVERNMENT" }]);

      const requestIds = [lookup, screening, submitted, readBack].map(
        (result) => result.headers.get("x-request-id")!,
      );
      const audited = await database.connection.db
        .selectFrom("audit_events")
        .select("request_id")
        .where("request_id", "in", requestIds)
        .execute();
      expect(audited).toHaveLength(4);
    });

    it("gives a caller one rate budget across both gateways, and both write one audit chain that verifies", async () => {
      const caller = await mintToken(jwtSecret, { role: "GOVERNMENT", org: "HA-GOV", sub: "two-gateways" });
      const requests = RATE_LIMIT_PER_MINUTE + 10;
      const startedAt = performance.now();
      const answers: Array<Awaited<ReturnType<typeof query>> & { gateway: string }> = [];
      for (let index = 0; index < requests; index++) {
        const gateway = index % 2 === 0 ? GATEWAY : SECOND_GATEWAY;
        answers.push({ gateway, ...(await query(`{ measures { code } }`, { token: caller, gateway })) });
      }
      const refilled = Math.ceil((((performance.now() - startedAt) / 1000) * RATE_LIMIT_PER_MINUTE) / 60);
      const granted = answers.filter((answer) => errorCodes(answer).length === 0);
      const refused = answers.filter((answer) => errorCodes(answer).join() === "RATE_LIMITED");
      // Budgets per process would have granted all of them: each gateway saw only (30 + 10) / 2 = 20.
      expect(granted.length + refused.length).toBe(requests);
      expect(granted.length).toBeGreaterThanOrEqual(RATE_LIMIT_PER_MINUTE);
      expect(granted.length).toBeLessThanOrEqual(RATE_LIMIT_PER_MINUTE + refilled);
      expect(new Set(refused.map((answer) => answer.gateway))).toEqual(new Set([GATEWAY, SECOND_GATEWAY]));

      const requestIds = answers.map((answer) => answer.headers.get("x-request-id")!);
      const audited = await database.connection.db
        .selectFrom("audit_events")
        .select("request_id")
        .where("request_id", "in", requestIds)
        .execute();
      expect(audited).toHaveLength(requests);
      const verification = await runCommand(["audit:verify"], {
        DATABASE_URL: database.config.database.kind === "postgres" ? database.config.database.url : "",
      });
      expect(verification.code).toBe(0);
      expect(verification.stdout).toMatch(/audit chain verified/);
    }, 60_000);

    it("loses only the killed subgraph's part of the answers (SIGKILL), and gets it back when it is started again", async () => {
      await stop("records", "SIGKILL");
      const withRecords = await query(`{ subject(identifier: "${COMPANY}") { name records { title } } }`);
      expect(errorCodes(withRecords)).toEqual(["SERVICE_UNAVAILABLE"]);
      const withoutRecords = await query(
        `{ subject(identifier: "${COMPANY}") { name listEntries { list } } }`,
      );
      expect(errorCodes(withoutRecords)).toEqual([]);

      start("records", subgraphCommand("records"), { ...environment(), ...SUBGRAPH_KEYS });
      await waitUntilReady(60_000);
      expect(
        errorCodes(await query(`{ subject(identifier: "${COMPANY}") { name records { title } } }`)),
      ).toEqual([]);
    }, 90_000);
  },
);
