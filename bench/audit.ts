import { createLogger } from "../platform/logger";
import { mintToken } from "../platform/tokens";
import { openSeededDatabase } from "./screen";
import { benchConfig, startBenchFederation, startUnauditedGateway } from "./setup";
import { median } from "./service";
import { summarize, type Summary } from "./stats";

const CONCURRENT_ROUNDS = 6;

const LOOKUP = `query Lookup($id: String!) { subject(identifier: $id) { name identifier sex records { title tier expiresOn } listEntries { list status } measureApplications { outcome } objections { state } } }`;

export type AuditBenchmark = Readonly<{
  database: "postgres" | "pglite";
  subjects: number;
  sequential: Readonly<{ on: Summary; off: Summary; p50Ratio: number; throughputRatio: number }>;
  concurrent: Readonly<{
    concurrency: number;
    onRequestsPerSecond: number;
    offRequestsPerSecond: number;
    throughputRatio: number;
  }>;
}>;

/**
 * The same single-subject lookup across all subgraphs through two gateways over the same subgraphs —
 * one auditing every operation (the product), one with the audit switched off — interleaved A B A B,
 * sequentially and with concurrent clients (where group commit batches the chain writes).
 */
export async function benchmarkAudit(options: {
  subjects: number;
  iterations: number;
  concurrency: number;
}): Promise<AuditBenchmark> {
  const config = benchConfig();
  const { connection, dispose } = await openSeededDatabase(config, options.subjects);
  const logger = createLogger(config);
  const federation = await startBenchFederation(config, connection.db, logger);
  const unaudited = await startUnauditedGateway(config, connection.db, federation, logger);
  try {
    const token = await mintToken(config.jwtSecret!, { role: "GOVERNMENT", org: "BENCH-GOV" });
    const people = (
      await connection.db
        .selectFrom("subjects")
        .select("identifier")
        .where("kind", "=", "NATURAL_PERSON")
        .orderBy("id")
        .limit(200)
        .execute()
    ).map((row) => row.identifier);
    let next = 0;
    const lookup = async (url: string) => {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${token}`,
          "x-credit-purpose": "ADMINISTRATIVE_LICENSING",
        },
        body: JSON.stringify({
          query: LOOKUP,
          variables: { id: people[next++ % people.length] },
          operationName: "Lookup",
        }),
      });
      const body = (await response.json()) as { errors?: unknown };
      if (body.errors) throw new Error(`lookup failed: ${JSON.stringify(body.errors).slice(0, 200)}`);
    };
    const on: number[] = [];
    const off: number[] = [];
    for (let round = 0; round < 10 + options.iterations; round++) {
      for (const [url, samples] of [
        [federation.gateway.url, on],
        [unaudited.url, off],
      ] as const) {
        const started = performance.now();
        await lookup(url);
        if (round >= 10) samples.push(performance.now() - started);
      }
    }
    const throughput = async (url: string, seconds: number) => {
      const started = performance.now();
      let done = 0;
      await Promise.all(
        Array.from({ length: options.concurrency }, async () => {
          while (performance.now() - started < seconds * 1_000) {
            await lookup(url);
            done += 1;
          }
        }),
      );
      return done / ((performance.now() - started) / 1000);
    };
    await throughput(federation.gateway.url, 1);
    await throughput(unaudited.url, 1);
    // A B B A …: neither variant always runs first in a round, medians over rounds.
    const concurrent = { on: [] as number[], off: [] as number[] };
    for (let round = 0; round < CONCURRENT_ROUNDS; round++) {
      const order = round % 2 === 0 ? (["on", "off"] as const) : (["off", "on"] as const);
      for (const variant of order)
        concurrent[variant].push(
          await throughput(variant === "on" ? federation.gateway.url : unaudited.url, 3),
        );
    }
    const onSummary = summarize(on);
    const offSummary = summarize(off);
    return {
      database: connection.kind,
      subjects: options.subjects,
      sequential: {
        on: onSummary,
        off: offSummary,
        p50Ratio: onSummary.p50 / offSummary.p50,
        throughputRatio: onSummary.throughput / offSummary.throughput,
      },
      concurrent: {
        concurrency: options.concurrency,
        onRequestsPerSecond: median(concurrent.on),
        offRequestsPerSecond: median(concurrent.off),
        throughputRatio: median(concurrent.on) / median(concurrent.off),
      },
    };
  } finally {
    await unaudited.stop();
    await federation.stop();
    await dispose();
  }
}
