import { readFile } from "node:fs/promises";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { connect } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { loadReferenceData } from "../db/seed/reference-data";
import { argumentCostsOf, checkQueryLimits, DEFAULT_QUERY_LIMITS } from "../gateway/query-limits";
import { createLogger } from "../platform/logger";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { benchConfig, startBenchFederation } from "./setup";
import { summarize, type Summary } from "./stats";

/** Hostile documents, each refused by a different limit, and one ordinary query to compare. */
const DOCUMENTS: Record<string, string> = {
  "ordinary query (answered)": `{ measures(list: BLACK) { code title } }`,
  depth: `{ subject(identifier: "x") { ${"records { subject { ".repeat(7)} id ${"} } ".repeat(7)} } }`,
  aliases: `{ measures { ${Array.from({ length: 1_000 }, (_, index) => `c${index}: code`).join(" ")} } }`,
  "fragment fan-out (6^5 fields)": `query { measures { ...L4 } }
    fragment L0 on Measure { code title kind decision basis department }
    fragment L1 on Measure { ...L0 ...L0 ...L0 ...L0 ...L0 ...L0 }
    fragment L2 on Measure { ...L1 ...L1 ...L1 ...L1 ...L1 ...L1 }
    fragment L3 on Measure { ...L2 ...L2 ...L2 ...L2 ...L2 ...L2 }
    fragment L4 on Measure { ...L3 ...L3 ...L3 ...L3 ...L3 ...L3 }`,
  "tokens (≈1 MB document)": `{ measures { ${"code ".repeat(200_000)} } }`,
  "screen identifiers (5,000)": `{ screen(identifiers: [${Array.from({ length: 5_000 }, () => `"x"`).join(",")}], scenario: FISCAL_FUNDS) { decision } }`,
};

export type LimitsBenchmark = Readonly<{
  database: "postgres" | "pglite";
  rounds: number;
  /** `latency`: the whole request over HTTP, refusal audited; `check`: the limit check alone, in process. */
  documents: ReadonlyArray<
    Readonly<{ name: string; bytes: number; code: string; latency: Summary; check: Summary }>
  >;
  /** Event-loop delay while only hostile documents were being refused, ms. */
  eventLoopDelay: Readonly<{ p99: number; max: number }>;
}>;

/**
 * How long the gateway takes to refuse each kind of over-limit document (wall time per request over
 * HTTP, refusal audited as in production), beside an ordinary answered query, interleaved round by round;
 * and how much those refusals delay the event loop (how long other requests would wait).
 */
export async function benchmarkLimits(options: { rounds: number }): Promise<LimitsBenchmark> {
  // The refusals are the gateway's work: an in-memory embedded database holds their audit events.
  const config = benchConfig({ DATABASE_URL: undefined, CREDIT_MAX_BODY_BYTES: String(4 * 1024 * 1024) });
  const connection = await connect(config.database);
  await migrateToLatest(connection.db);
  await loadReferenceData(connection.db, config.measuresFile);
  const federation = await startBenchFederation(config, connection.db, createLogger(config));
  const costs = argumentCostsOf(await readFile(SUPERGRAPH_FILE, "utf8"));
  try {
    const send = async (query: string) => {
      const response = await fetch(federation.gateway.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query }),
      });
      const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
      return body.errors?.[0]?.extensions?.code ?? "OK";
    };
    const samples = new Map<string, number[]>(Object.keys(DOCUMENTS).map((name) => [name, []]));
    const checks = new Map<string, number[]>(Object.keys(DOCUMENTS).map((name) => [name, []]));
    const codes = new Map<string, string>();
    const delay = monitorEventLoopDelay({ resolution: 1 });
    for (let round = 0; round < options.rounds + 5; round++) {
      for (const [name, query] of Object.entries(DOCUMENTS)) {
        const hostile = name !== "ordinary query (answered)";
        if (hostile && round >= 5) delay.enable();
        const started = performance.now();
        codes.set(name, await send(query));
        if (round >= 5) samples.get(name)!.push(performance.now() - started);
        delay.disable();
        const checkStarted = performance.now();
        checkQueryLimits(query, undefined, DEFAULT_QUERY_LIMITS, costs);
        if (round >= 5) checks.get(name)!.push(performance.now() - checkStarted);
      }
    }
    return {
      database: connection.kind,
      rounds: options.rounds,
      documents: Object.entries(DOCUMENTS).map(([name, query]) => ({
        name,
        bytes: Buffer.byteLength(query),
        code: codes.get(name)!,
        latency: summarize(samples.get(name)!),
        check: summarize(checks.get(name)!),
      })),
      eventLoopDelay: { p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 },
    };
  } finally {
    await federation.stop();
    await connection.close();
  }
}
