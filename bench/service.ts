import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import type { KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { PACKAGE_ROOT } from "../platform/package-root";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "../platform/subgraph-signature";
import type { ServiceUrls } from "./serve";
import { percentile } from "./stats";

/** Where a seeded database is, as the service process's environment. */
export type DatabaseLocation = Readonly<{ DATABASE_URL: string } | { CREDIT_DATA_DIR: string }>;

export type RunningService = Readonly<{
  urls: ServiceUrls;
  pid: number;
  /** CPU seconds the service process has used so far (user + system). */
  cpuSeconds(): number;
  /** Resident set size of the service process, MiB. */
  rssMiB(): number;
  stop(): Promise<void>;
}>;

const CLOCK_TICKS_PER_SECOND = 100;
const taskset = spawnSync("taskset", ["--version"]).status === 0 && availableParallelism() >= 2;

/** The load generator (this process) on core 1, so that the service can have core 0 to itself. */
export function pinLoadGenerator(): string {
  if (!taskset) return "not pinned (taskset or a second core missing)";
  spawnSync("taskset", ["-a", "-p", "-c", "1", String(process.pid)]);
  return "load generator on core 1, service on core 0 (taskset)";
}

/**
 * The Node flags `npm start` gives the product (package.json: its heap cap), so that the soak measures
 * the process as it is started. The comparison runs hold more servers and run without them.
 */
function productNodeFlags(): string[] {
  const { scripts } = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  return scripts.start.split(/\s+/).filter((word) => word.startsWith("--") && word !== "--import");
}

/** Starts bench/serve.ts in its own process (pinned to core 0 when possible) over a seeded database; `productOnly`: just the federation, as `npm start` runs it. */
export async function startService(
  location: DatabaseLocation,
  jwtSecret: string,
  signingKey: KeyObject,
  options: { productOnly?: boolean } = {},
): Promise<RunningService> {
  const node = [
    process.execPath,
    ...(options.productOnly ? productNodeFlags() : []),
    "--import",
    "tsx",
    path.join(PACKAGE_ROOT, "bench", "serve.ts"),
  ];
  const [command, ...args] = taskset ? ["taskset", "-c", "0", ...node] : node;
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    CREDIT_JWT_SECRET: jwtSecret,
    CREDIT_SUBGRAPH_SIGNING_KEY: encodeSubgraphKey(signingKey),
    // Production refuses to start without a report key; the benchmark signs no reports worth keeping.
    CREDIT_REPORT_SIGNING_KEY:
      process.env.CREDIT_REPORT_SIGNING_KEY ?? encodeSubgraphKey(generateSubgraphKeyPair().privateKey),
    BENCH_PRODUCT_ONLY: options.productOnly ? "1" : "0",
    ...location,
  };
  // Node flags for the service alone (e.g. a heap cap to tell retained memory from lazy collection).
  if (process.env.BENCH_SERVICE_NODE_OPTIONS)
    environment.NODE_OPTIONS = process.env.BENCH_SERVICE_NODE_OPTIONS;
  if (!("DATABASE_URL" in location)) delete environment.DATABASE_URL;
  const child: ChildProcess = spawn(command!, args, {
    cwd: PACKAGE_ROOT,
    env: environment,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const urls = await new Promise<ServiceUrls>((resolve, reject) => {
    child.once("exit", (code) =>
      reject(new Error(`the benchmark service exited (${code}) before it was ready`)),
    );
    createInterface({ input: child.stdout! }).once("line", (line) =>
      resolve(JSON.parse(line) as ServiceUrls),
    );
  });
  const pid = child.pid!;
  return {
    urls,
    pid,
    cpuSeconds() {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      // utime and stime are fields 14 and 15 of /proc/PID/stat; after "comm) " they are the 12th and 13th.
      return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND;
    },
    rssMiB() {
      const line = readFileSync(`/proc/${pid}/status`, "utf8")
        .split("\n")
        .find((entry) => entry.startsWith("VmRSS:"))!;
      return Number(line.replace(/\D+/g, "")) / 1024;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** What changes from one request to the next: a single-use signature, or the body (another identifier). */
export type PerRequest = () => Readonly<{ headers?: Record<string, string>; body?: string }>;

export type LoadRequest = Readonly<{
  url: string;
  body: string;
  headers?: Record<string, string>;
  perRequest?: PerRequest;
}>;

export type LoadResult = Readonly<{
  requestsPerSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  /** Service CPU milliseconds per request over the run. */
  cpuMsPerRequest: number;
}>;

/** One autocannon run against the service; errors are non-2xx answers, timeouts and socket errors. */
export async function runLoad(
  service: RunningService,
  request: LoadRequest,
  options: { connections: number; seconds: number; overallRate?: number },
): Promise<LoadResult> {
  const cpuBefore = service.cpuSeconds();
  const result = await autocannon({
    url: request.url,
    method: "POST",
    headers: { "content-type": "application/json", ...request.headers },
    body: request.body,
    connections: options.connections,
    duration: options.seconds,
    ...(options.overallRate ? { overallRate: options.overallRate } : {}),
    ...(request.perRequest
      ? {
          requests: [
            {
              setupRequest: (outgoing: autocannon.Request) => {
                const { headers, body } = request.perRequest!();
                return {
                  ...outgoing,
                  headers: { ...outgoing.headers, ...headers },
                  ...(body === undefined ? {} : { body }),
                };
              },
            },
          ],
        }
      : {}),
  });
  const cpu = service.cpuSeconds() - cpuBefore;
  const requests = result.requests.total;
  return {
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests,
    errors: result.non2xx + result.errors + result.timeouts,
    cpuMsPerRequest: requests > 0 ? (cpu * 1000) / requests : Number.NaN,
  };
}

export const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)]!;
};

/**
 * `connections` clients each running `sequence` back to back for `seconds` — for a request the load
 * generator has to make of several dependent fetches (the plan of a lookup, sent straight to the
 * subgraphs); a thrown error counts as an error.
 */
export async function runSequences(
  service: RunningService,
  sequence: () => Promise<void>,
  options: { connections: number; seconds: number },
): Promise<LoadResult> {
  const cpuBefore = service.cpuSeconds();
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const until = started + options.seconds * 1_000;
  await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < until) {
        const sent = performance.now();
        try {
          await sequence();
          latencies.push(performance.now() - sent);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  const seconds = (performance.now() - started) / 1_000;
  const cpu = service.cpuSeconds() - cpuBefore;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requestsPerSecond: latencies.length / seconds,
    // Whole milliseconds, as autocannon reports them for the variants it drives.
    p50: Math.round(percentile(sorted, 0.5)),
    p99: Math.round(percentile(sorted, 0.99)),
    requests: latencies.length,
    errors,
    cpuMsPerRequest: latencies.length > 0 ? (cpu * 1000) / latencies.length : Number.NaN,
  };
}
