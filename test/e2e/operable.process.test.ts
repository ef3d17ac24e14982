import { randomBytes } from "node:crypto";
import { request } from "node:http";
import { createServer, type Server } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DRAIN_TIME_MS } from "../../scripts/bootstrap";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "../../platform/subgraph-signature";
import { freePort, groupAlive, runCommand, START_WITHIN_MS, startService } from "../processes";

const QUICK_START = { CREDIT_DATA_DIR: "memory://", CREDIT_SEED: "none" };

describe("SIGTERM to npm start", () => {
  it(
    "reaches node: the request in flight is answered, then every process of the service ends within the drain time",
    async () => {
      const port = await freePort();
      const service = await startService(port, QUICK_START);
      const npmPid = service.process.pid!;
      try {
        const body = JSON.stringify({ query: "{ measures { code } }" });
        const half = Math.floor(body.length / 2);
        const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
          const inFlight = request(
            {
              host: "127.0.0.1",
              port,
              path: "/graphql",
              method: "POST",
              headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
            },
            (response) => {
              let text = "";
              response.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
              response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
            },
          );
          inFlight.on("error", reject);
          inFlight.write(body.slice(0, half));
          setTimeout(() => {
            // Only npm is signalled, as a container runtime or a terminal's `kill` would.
            process.kill(npmPid, "SIGTERM");
            setTimeout(() => inFlight.end(body.slice(half)), 500);
          }, 200);
        });
        const { status, text } = await answered;
        expect(status).toBe(200);
        expect(JSON.parse(text)).toMatchObject({ data: { measures: expect.any(Array) } });
        const deadline = Date.now() + DRAIN_TIME_MS + 2_000;
        while (groupAlive(npmPid) && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 100));
        expect(groupAlive(npmPid)).toBe(false);
      } finally {
        if (groupAlive(npmPid)) process.kill(-npmPid, "SIGKILL");
      }
    },
    START_WITHIN_MS + DRAIN_TIME_MS + 10_000,
  );
});

describe("start-up failures name their cause and variable", () => {
  let holder: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (holder ? holder.close(() => resolve()) : resolve())));

  it("a busy port: says which port and PORT, exits 1, no stack trace", async () => {
    const port = await freePort();
    holder = createServer();
    await new Promise<void>((resolve) => holder!.listen(port, "127.0.0.1", resolve));
    const result = await runCommand(["start"], { ...QUICK_START, PORT: String(port), HOST: "127.0.0.1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`PORT: port ${port} on 127.0.0.1 is already in use`);
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("a HOST this machine does not have: names HOST, exits 1", async () => {
    const result = await runCommand(["start"], {
      ...QUICK_START,
      PORT: String(await freePort()),
      HOST: "203.0.113.7",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("HOST: 203.0.113.7 is not an address of this machine");
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });
});

describe("paths the configuration names", () => {
  it("a missing CREDIT_MEASURES_FILE is named, exit 2, no stack trace", async () => {
    const result = await runCommand(["start"], {
      ...QUICK_START,
      PORT: String(await freePort()),
      CREDIT_MEASURES_FILE: "/nonexistent/measures.yaml",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "CREDIT_MEASURES_FILE: /nonexistent/measures.yaml cannot be read (ENOENT)",
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("a CREDIT_DATA_DIR that cannot be created is named, exit 2, no stack trace", async () => {
    // Under a regular file: not creatable whoever runs the test (root included).
    const result = await runCommand(["start"], {
      CREDIT_SEED: "none",
      PORT: String(await freePort()),
      CREDIT_DATA_DIR: "/etc/hostname/credit-data",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      "CREDIT_DATA_DIR: /etc/hostname/credit-data cannot be created or written (ENOTDIR)",
    );
    expect(result.stderr).not.toMatch(/^\s+at /m);
  });

  it("CREDIT_ALERT_WORKING_HOURS=25-3 is refused at start, naming the variable", async () => {
    const result = await runCommand(["start"], {
      ...QUICK_START,
      PORT: String(await freePort()),
      CREDIT_ALERT_WORKING_HOURS: "25-3",
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("CREDIT_ALERT_WORKING_HOURS");
  });
});

describe("defaults that fail safe, at start", () => {
  const key = () => encodeSubgraphKey(generateSubgraphKeyPair().privateKey);
  const PRODUCTION = {
    NODE_ENV: "production",
    CREDIT_DATA_DIR: "memory://",
    CREDIT_JWT_SECRET: randomBytes(32).toString("base64url"),
    CREDIT_SUBGRAPH_SIGNING_KEY: key(),
    CREDIT_REPORT_SIGNING_KEY: key(),
  };
  const { CREDIT_REPORT_SIGNING_KEY: _, ...withoutReportKey } = PRODUCTION;
  const { CREDIT_JWT_SECRET: __, ...withoutJwtSecret } = PRODUCTION;

  it(
    "every configuration error is its variable's line, exit 2, no stack trace: npm start and npm run gateway",
    async () => {
      const cases: Array<readonly [string[], Record<string, string>, readonly string[]]> = [
        [["start"], withoutReportKey, ["CREDIT_REPORT_SIGNING_KEY: required when NODE_ENV=production"]],
        [["gateway"], withoutReportKey, ["CREDIT_REPORT_SIGNING_KEY: required when NODE_ENV=production"]],
        [["start"], withoutJwtSecret, ["CREDIT_JWT_SECRET: required"]],
        [
          ["start"],
          { ...PRODUCTION, CREDIT_JWT_SECRET: "x".repeat(32), CREDIT_TRUSTED_PROXIES: "0.0.0.0/0" },
          ["CREDIT_JWT_SECRET: too predictable", 'CREDIT_TRUSTED_PROXIES: "0.0.0.0/0" is wider'],
        ],
        [
          ["start"],
          { ...PRODUCTION, CREDIT_REPORT_SIGNING_KEY: PRODUCTION.CREDIT_SUBGRAPH_SIGNING_KEY },
          ["CREDIT_REPORT_SIGNING_KEY: the same secret or key as CREDIT_SUBGRAPH_SIGNING_KEY"],
        ],
        // Found only when the gateway starts: the identity provider's discovery document cannot be read.
        [
          ["start"],
          {
            ...PRODUCTION,
            CREDIT_OIDC_ISSUER: "https://127.0.0.1:9/realms/city",
            CREDIT_OIDC_AUDIENCE: "credit-federation",
          },
          ["CREDIT_OIDC_ISSUER: could not read"],
        ],
      ];
      for (const [command, environment, named] of cases) {
        const result = await runCommand(command, {
          ...environment,
          PORT: String(await freePort()),
          HOST: "127.0.0.1",
        });
        const label = `${command.join(" ")}: ${named.join(", ")}`;
        expect(result.code, `${label}\n${result.stderr}`).toBe(2);
        for (const line of named) expect(result.stderr, label).toContain(line);
        expect(result.stderr, label).not.toMatch(/^\s+at /m);
      }
    },
    6 * START_WITHIN_MS,
  );

  it(
    "npm start offers demo sign-in with NODE_ENV unset (development, by the npm script), never under NODE_ENV=test",
    async () => {
      for (const [nodeEnv, offered] of [
        ["", true],
        ["test", false],
      ] as const) {
        const port = await freePort();
        const service = await startService(port, { ...QUICK_START, NODE_ENV: nodeEnv });
        try {
          const response = await fetch(`http://127.0.0.1:${port}/portal/demo-sign-in`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ role: "CREDIT_CENTER" }),
          });
          expect({ nodeEnv, status: response.status }).toEqual({ nodeEnv, status: offered ? 200 : 404 });
          const graphiql = await fetch(`http://127.0.0.1:${port}/graphiql`);
          expect({ nodeEnv, status: graphiql.status }).toEqual({ nodeEnv, status: offered ? 200 : 404 });
        } finally {
          await service.stop();
        }
      }
    },
    2 * START_WITHIN_MS + 20_000,
  );
});
