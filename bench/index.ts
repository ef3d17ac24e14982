import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { PROJECT_ROOT } from "../gateway/supergraph";
import { benchmarkAudit } from "./audit";
import { benchmarkLimits } from "./limits";
import { benchmarkScreen, type ScreenBenchmark } from "./screen";
import { format } from "./stats";

const usage = `usage: npm run bench [-- screen|audit|limits] [--sizes 100000,1000000] [--iterations 30]
  Runs on PostgreSQL when DATABASE_URL is set (seeded databases bench_<N> are kept for reruns),
  otherwise on embedded PGlite in a temporary directory. Prints a Markdown table, writes bench/results/*.json.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { sizes: { type: "string" }, iterations: { type: "string", default: "30" }, help: { type: "boolean" } },
});
if (values.help) {
  console.log(usage);
  process.exit(0);
}
const which = positionals[0] ?? "all";
if (!["all", "screen", "audit", "limits"].includes(which)) {
  console.error(usage);
  process.exit(2);
}
const sizes = (values.sizes ?? "100000,1000000").split(",").map(Number);
const iterations = Number(values.iterations);
if (sizes.some((size) => !Number.isInteger(size) || size < 1_000) || !Number.isInteger(iterations) || iterations < 5) {
  console.error(`--sizes are whole numbers ≥ 1000, --iterations ≥ 5\n${usage}`);
  process.exit(2);
}

const folder = path.join(PROJECT_ROOT, "bench", "results");
await mkdir(folder, { recursive: true });

if (which === "all" || which === "limits") {
  console.error(`query-limit refusals: ${iterations} interleaved rounds …`);
  const limits = await benchmarkLimits({ rounds: iterations });
  console.log(
    [
      `\nOver-limit documents refused at the gateway (${limits.database}, ${iterations} interleaved rounds, each refusal audited)\n`,
      "| document | bytes | answer | request p50 ms | request p95 ms | limit check alone p50 ms | check max ms |",
      "|---|---:|---|---:|---:|---:|---:|",
      ...limits.documents.map(
        (document) =>
          `| ${document.name} | ${document.bytes.toLocaleString("en")} | ${document.code} | ${format(document.latency.p50)} | ${format(document.latency.p95)} | ${format(document.check.p50, 2)} | ${format(document.check.max, 2)} |`,
      ),
      `\nEvent-loop delay while refusing: p99 ${format(limits.eventLoopDelay.p99)} ms, max ${format(limits.eventLoopDelay.max)} ms`,
    ].join("\n"),
  );
  await writeFile(path.join(folder, `limits-${limits.database}.json`), `${JSON.stringify({ benchmark: "query-limit refusals", at: new Date().toISOString(), ...limits }, null, 2)}\n`);
}
if (which === "limits") process.exit(0);

if (which === "all" || which === "audit") {
  const subjects = sizes[0]!;
  console.error(`audit on vs off: ${subjects.toLocaleString("en")} subjects, ${iterations} interleaved rounds, then 4 clients …`);
  const audit = await benchmarkAudit({ subjects, iterations, concurrency: 4 });
  console.log(
    [
      `\nSingle-subject lookup across all subgraphs, audit on vs off (${audit.database}, ${subjects.toLocaleString("en")} subjects)\n`,
      "| | audit on | audit off | on ÷ off | goal |",
      "|---|---:|---:|---:|---|",
      `| p50 ms (sequential) | ${format(audit.sequential.on.p50)} | ${format(audit.sequential.off.p50)} | ${format(audit.sequential.p50Ratio, 2)}× | ≤ 1.25× ${audit.sequential.p50Ratio <= 1.25 ? "met" : "missed"} |`,
      `| req/s (sequential) | ${format(audit.sequential.on.throughput)} | ${format(audit.sequential.off.throughput)} | ${format(audit.sequential.throughputRatio, 2)}× | ≥ 0.8× ${audit.sequential.throughputRatio >= 0.8 ? "met" : "missed"} |`,
      `| req/s (${audit.concurrent.concurrency} clients) | ${format(audit.concurrent.onRequestsPerSecond)} | ${format(audit.concurrent.offRequestsPerSecond)} | ${format(audit.concurrent.throughputRatio, 2)}× | ≥ 0.8× ${audit.concurrent.throughputRatio >= 0.8 ? "met" : "missed"} |`,
    ].join("\n"),
  );
  await writeFile(path.join(folder, `audit-${audit.database}.json`), `${JSON.stringify({ benchmark: "audit on vs off", at: new Date().toISOString(), ...audit }, null, 2)}\n`);
}
if (which === "audit") process.exit(0);

const results: ScreenBenchmark[] = [];
for (const subjects of sizes) {
  console.error(`screen: ${subjects.toLocaleString("en")} subjects, ${iterations} interleaved rounds …`);
  results.push(await benchmarkScreen({ subjects, iterations, warmup: 5, identifiers: 1_000 }));
}

const lines = [
  "| subjects | database | way | p50 ms | p95 ms | req/s |",
  "|---:|---|---|---:|---:|---:|",
  ...results.flatMap((result) =>
    (["gateway", "subgraph", "sql"] as const).map(
      (way) => `| ${result.subjects.toLocaleString("en")} | ${result.database} | ${way === "sql" ? "bare SQL" : way === "subgraph" ? "straight to subgraph" : "through gateway"} | ${format(result[way].p50)} | ${format(result[way].p95)} | ${format(result[way].throughput)} |`,
    ),
  ),
  "",
  "| subjects | gateway ÷ subgraph (p50) | subgraph ÷ SQL (p50) | gateway ÷ SQL (p50) | gateway throughput ÷ subgraph |",
  "|---:|---:|---:|---:|---:|",
  ...results.map(
    (result) =>
      `| ${result.subjects.toLocaleString("en")} | ${format(result.ratios.gatewayOverSubgraphP50, 2)}× | ${format(result.ratios.subgraphOverSqlP50, 2)}× | ${format(result.ratios.gatewayOverSqlP50, 2)}× | ${format(result.ratios.gatewayThroughputShare, 2)}× |`,
  ),
];
console.log(`\n1,000-identifier screen, ${iterations} interleaved rounds per way (A B C A B C …)\n\n${lines.join("\n")}`);
const file = path.join(folder, `screen-${results[0]!.database}.json`);
await writeFile(file, `${JSON.stringify({ benchmark: "screen", at: new Date().toISOString(), results }, null, 2)}\n`);
console.error(`wrote ${path.relative(PROJECT_ROOT, file)}`);
