import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { PACKAGE_ROOT } from "../platform/package-root";
import { ensureSubgraphSigningKey } from "../platform/secrets";
import { findPostgresBinaries, startPostgresCluster, type PostgresCluster } from "../test/postgres-cluster";
import { benchmarkAudit } from "./audit";
import { installFootprint, startFootprint } from "./footprint";
import { benchmarkLimits } from "./limits";
import { benchmarkReportFlood } from "./reports";
import { benchmarkScreen, openSeededDatabase, type ScreenBenchmark, type SeededDatabase } from "./screen";
import { median, pinLoadGenerator, startService, type RunningService } from "./service";
import { soak } from "./soak";
import { benchConfig } from "./setup";
import { format } from "./stats";
import {
  compare,
  crossingLookupVariants,
  governmentHeaders,
  lookupVariants,
  LOOKUP_GOVERNMENT,
  ONE_PROCESS_LOOKUP,
  ONE_PROCESS_SCREEN,
  operationBody,
  peerGatewayVariants,
  screenVariants,
  SCREEN,
  type Measured,
} from "./throughput";

// `screen` is the screen of 1,000 alone and `one-process` the one-process rows alone (both part of `throughput`).
const PARTS = [
  "limits",
  "audit",
  "scale",
  "throughput",
  "screen",
  "one-process",
  "reports",
  "soak",
  "footprint",
] as const;
type Part = (typeof PARTS)[number];

const usage = `usage: npm run bench [-- ${PARTS.join("|")} …] [--sizes 10000,1000000] [--iterations 30] [--seconds 5] [--rounds 3] [--soak-minutes 10]
  Without a part, runs them all (about 26 minutes; seeding a million subjects the first time adds about 4).
  PostgreSQL: DATABASE_URL if set; otherwise a cluster of its own in .data/bench-postgres when initdb and
  pg_ctl exist (kept, so seeded databases bench_<N> are reused); otherwise the embedded database only.
  Prints Markdown tables and the table of every goal (docs/performance.md's format); writes bench/results/*.json and summary.md.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    sizes: { type: "string", default: "10000,1000000" },
    iterations: { type: "string", default: "30" },
    seconds: { type: "string", default: "5" },
    rounds: { type: "string", default: "3" },
    "soak-minutes": { type: "string", default: "10" },
    help: { type: "boolean" },
  },
});
const parts = (positionals.length > 0 ? positionals : [...PARTS]) as Part[];
const sizes = values.sizes.split(",").map(Number);
const [iterations, seconds, rounds, soakMinutes] = [
  values.iterations,
  values.seconds,
  values.rounds,
  values["soak-minutes"],
].map(Number) as [number, number, number, number];
if (
  values.help ||
  parts.some((part) => !PARTS.includes(part)) ||
  sizes.some((size) => !Number.isInteger(size) || size < 1_000) ||
  iterations < 5 ||
  seconds < 1 ||
  rounds < 1 ||
  soakMinutes < 2
) {
  console.error(usage);
  process.exit(values.help ? 0 : 2);
}

type Goal = Readonly<{
  item: string;
  measure: string;
  value: number;
  unit: "×" | "ms" | "MiB" | "MB" | "%" | "";
  goal: string;
  met: boolean | null;
}>;

/**
 * The audit's goals read from the screen of 1,000 (the HTTP gateway with and without audit, bare SQL + audit);
 * its "gateway ÷ straight" goal is the one-process gateway's (oneProcessGoals).
 */
function screenGoals(screen: readonly Measured[]): Goal[] {
  const named = (name: string) => screen.find((row) => row.name === name);
  const viaGateway = named("through gateway (auth, audit)");
  const bare = named("bare SQL + audit insert");
  const viaGatewayUnaudited = named("through gateway (auth, no audit)");
  const onOff = viaGatewayUnaudited
    ? viaGateway!.requestsPerSecond / viaGatewayUnaudited.requestsPerSecond
    : Number.NaN;
  return [
    {
      item: "audit cost",
      measure: "screen of 1,000 throughput, audit on ÷ off (gateway, one connection)",
      value: onOff,
      unit: "×",
      goal: "≥ 0.85×",
      met: viaGatewayUnaudited ? onOff >= 0.85 : null,
    },
    {
      item: "fast",
      measure: "screen, service CPU per request, gateway with audit ÷ bare SQL + audit",
      value: viaGateway!.cpuMsPerRequest / bare!.cpuMsPerRequest,
      unit: "×",
      goal: "≤ 1.5×",
      met: viaGateway!.cpuMsPerRequest / bare!.cpuMsPerRequest <= 1.5,
    },
  ];
}
const goals: Goal[] = [];

const table = (rows: readonly Measured[]) => [
  "| way | req/s | p50 ms | p99 ms | service CPU ms per request | errors |",
  "|---|---:|---:|---:|---:|---:|",
  ...rows.map(
    (row) =>
      `| ${row.name} | ${format(row.requestsPerSecond)} | ${format(row.p50)} | ${format(row.p99)} | ${format(row.cpuMsPerRequest, 2)} | ${row.errors} |`,
  ),
];

/** The one-process rows: `npm start`'s gateway (subgraphs in its process) against the same work sent straight to the subgraphs. */
function oneProcessGoals(screen: readonly Measured[], crossing: readonly Measured[]): Goal[] {
  const named = (rows: readonly Measured[], name: string) => rows.find((row) => row.name === name)!;
  const lookup =
    named(crossing, ONE_PROCESS_LOOKUP).requestsPerSecond /
    named(crossing, "lookup across all subgraphs straight to the subgraphs").requestsPerSecond;
  const screening =
    named(screen, ONE_PROCESS_SCREEN).requestsPerSecond /
    named(screen, "straight to subgraph").requestsPerSecond;
  return [
    {
      item: "fast",
      measure: "lookup across subgraphs, one-process gateway ÷ the plan's fetches sent straight",
      value: lookup,
      unit: "×",
      goal: "≥ 0.9×",
      met: lookup >= 0.9,
    },
    {
      item: "fast",
      measure: "screen of 1,000, one-process gateway ÷ straight to the subgraph",
      value: screening,
      unit: "×",
      goal: "≥ 0.7×",
      met: screening >= 0.7,
    },
  ];
}
const results: Record<string, unknown> = {};
const folder = path.join(PACKAGE_ROOT, "bench", "results");
await mkdir(folder, { recursive: true });
const print = (title: string, lines: string[]) => console.log(`\n${title}\n\n${lines.join("\n")}`);

let cluster: PostgresCluster | null = null;
if (!process.env.DATABASE_URL) {
  const binaries = findPostgresBinaries();
  if (binaries) {
    console.error("starting the benchmark's own PostgreSQL cluster in .data/bench-postgres …");
    cluster = await startPostgresCluster(binaries, {
      keepIn: path.join(PACKAGE_ROOT, ".data", "bench-postgres"),
    });
    process.env.DATABASE_URL = cluster.url;
  }
}
const onPostgres = Boolean(process.env.DATABASE_URL);
const engine = onPostgres ? "postgres" : "pglite";

try {
  if (parts.includes("limits")) {
    console.error("query-limit refusals …");
    const limits = await benchmarkLimits({ rounds: iterations });
    results.limits = limits;
    print(
      `Over-limit documents refused at the gateway (${limits.database}, ${iterations} interleaved rounds, each refusal audited)`,
      [
        "| document | bytes | answer | request p50 ms | request p95 ms | limit check alone p50 ms | check max ms |",
        "|---|---:|---|---:|---:|---:|---:|",
        ...limits.documents.map(
          (document) =>
            `| ${document.name} | ${document.bytes.toLocaleString("en")} | ${document.code} | ${format(document.latency.p50)} | ${format(document.latency.p95)} | ${format(document.check.p50, 2)} | ${format(document.check.max, 2)} |`,
        ),
      ],
    );
  }

  if (parts.includes("audit")) {
    const subjects = sizes[0]!;
    console.error(`audit on vs off: ${subjects.toLocaleString("en")} subjects …`);
    // A lookup takes about 20 ms: five times the rounds of the other parts, for a p50 ratio that holds still.
    const audit = await benchmarkAudit({ subjects, iterations: iterations * 5, concurrency: 4 });
    results.audit = audit;
    print(
      `Single-subject lookup across all subgraphs, audit on vs off (${audit.database}, ${subjects.toLocaleString("en")} subjects, interleaved, in process)`,
      [
        "| | audit on | audit off | on ÷ off |",
        "|---|---:|---:|---:|",
        `| p50 ms (sequential) | ${format(audit.sequential.on.p50)} | ${format(audit.sequential.off.p50)} | ${format(audit.sequential.p50Ratio, 2)}× |`,
        `| req/s (sequential) | ${format(audit.sequential.on.throughput)} | ${format(audit.sequential.off.throughput)} | ${format(audit.sequential.throughputRatio, 2)}× |`,
        `| req/s (${audit.concurrent.concurrency} clients) | ${format(audit.concurrent.onRequestsPerSecond)} | ${format(audit.concurrent.offRequestsPerSecond)} | ${format(audit.concurrent.throughputRatio, 2)}× |`,
      ],
    );
    goals.push(
      {
        item: "audit cost",
        measure: "p50 on ÷ off",
        value: audit.sequential.p50Ratio,
        unit: "×",
        goal: "≤ 1.25×",
        met: audit.sequential.p50Ratio <= 1.25,
      },
      {
        item: "audit cost",
        measure: `throughput on ÷ off (${audit.concurrent.concurrency} clients)`,
        value: audit.concurrent.throughputRatio,
        unit: "×",
        goal: "≥ 0.8×",
        met: audit.concurrent.throughputRatio >= 0.8,
      },
      // The screen goal names the screen; the audit part measures the lookup across all subgraphs (one access row per record read).
      {
        item: "audit cost",
        measure: `lookup throughput, audit on ÷ off (${audit.concurrent.concurrency} clients)`,
        value: audit.concurrent.throughputRatio,
        unit: "×",
        goal: "≥ 0.85×",
        met: audit.concurrent.throughputRatio >= 0.85,
      },
    );
  }

  if (parts.includes("scale")) {
    const scale: ScreenBenchmark[] = [];
    for (const subjects of sizes) {
      console.error(
        `screen at ${subjects.toLocaleString("en")} subjects (${engine}), ${iterations} interleaved rounds …`,
      );
      scale.push(await benchmarkScreen({ subjects, iterations, warmup: 5, identifiers: 1_000 }));
    }
    results.scale = scale;
    print(
      `1,000-identifier screen and public name search by size (${engine}, ${iterations} interleaved rounds, sequential, in process)`,
      [
        "| subjects | screen via gateway p50 ms | straight to subgraph p50 ms | bare SQL p50 ms | name search p50 ms |",
        "|---:|---:|---:|---:|---:|",
        ...scale.map(
          (run) =>
            `| ${run.subjects.toLocaleString("en")} | ${format(run.gateway.p50)} | ${format(run.subgraph.p50)} | ${format(run.sql.p50)} | ${format(run.nameSearch.p50)} |`,
        ),
      ],
    );
    const [smallest, largest] = [scale[0]!, scale.at(-1)!];
    if (scale.length > 1) {
      const growth = largest.gateway.p50 / smallest.gateway.p50;
      goals.push({
        item: "scale",
        measure: `screen p50 ${largest.subjects.toLocaleString("en")} ÷ ${smallest.subjects.toLocaleString("en")}`,
        value: growth,
        unit: "×",
        goal: "≤ 1.5×",
        met: growth <= 1.5,
      });
    }
    goals.push({
      item: "scale",
      measure: `public name search p50 at ${largest.subjects.toLocaleString("en")}`,
      value: largest.nameSearch.p50,
      unit: "ms",
      goal: "≤ 50 ms at 1,000,000",
      met: largest.subjects >= 1_000_000 ? largest.nameSearch.p50 <= 50 : null,
    });
  }

  let service: RunningService | null = null;
  let seeded: SeededDatabase | null = null;
  let headlineRate = 0;
  const serviceConfig = benchConfig();
  const jwtSecret = serviceConfig.jwtSecret!;
  const signingKey = await ensureSubgraphSigningKey(serviceConfig);
  const lookupBody = (identifier: string) => operationBody(LOOKUP_GOVERNMENT, { id: identifier });
  let batch: string[] = [];
  let people: string[] = [];
  let person = "";
  if (
    parts.includes("throughput") ||
    parts.includes("screen") ||
    parts.includes("one-process") ||
    parts.includes("soak")
  ) {
    console.error(pinLoadGenerator());
    seeded = await openSeededDatabase(benchConfig(), sizes[0]!);
    const db = seeded.connection.db;
    batch = (await db.selectFrom("subjects").select("identifier").orderBy("id").limit(1_000).execute()).map(
      (row) => row.identifier,
    );
    people = (
      await db
        .selectFrom("subjects")
        .select("identifier")
        .where("kind", "=", "NATURAL_PERSON")
        .orderBy("id")
        .limit(1_000)
        .execute()
    ).map((row) => row.identifier);
    person = people[0]!;
    // The service process opens the database itself (an embedded one serves one process at a time).
    await seeded.connection.close();
    service = await startService(seeded.location, jwtSecret, signingKey);
  }

  try {
    // The screen of 1,000 alone (already part of `throughput`): the audit's rows without the rest.
    if (parts.includes("screen") && !parts.includes("throughput") && service && seeded) {
      console.error(
        "screen of 1,000 identifiers: gateway with and without audit, subgraph, bare SQL + audit (1 connection) …",
      );
      const screen = await compare(service, await screenVariants(service, jwtSecret, signingKey, batch), {
        rounds,
        seconds,
        connections: 1,
        signaturesPerRun: 2_000,
      });
      print("1,000-identifier screen, one connection", [
        "| way | req/s | p50 ms | p99 ms | service CPU ms per request | errors |",
        "|---|---:|---:|---:|---:|---:|",
        ...screen.map(
          (row) =>
            `| ${row.name} | ${format(row.requestsPerSecond)} | ${format(row.p50)} | ${format(row.p99)} | ${format(row.cpuMsPerRequest, 2)} | ${row.errors} |`,
        ),
      ]);
      results.screen = { engine, subjects: sizes[0], screen };
      goals.push(...screenGoals(screen));
    }

    if (parts.includes("throughput") && service && seeded) {
      const live = service;
      const options = { rounds, seconds };
      console.error(`peer gateway, ${rounds} interleaved rounds of ${seconds} s, 8 connections …`);
      const peers = await peerGatewayVariants(live, jwtSecret, people);
      const fair = await compare(live, peers.fair, { ...options, connections: 8 });
      const headline = await compare(live, peers.headline, { ...options, connections: 8 });
      headlineRate = headline[0]!.requestsPerSecond;
      console.error("screen of 1,000 identifiers: gateway, subgraph, bare SQL (1 connection) …");
      const screen = await compare(live, await screenVariants(live, jwtSecret, signingKey, batch), {
        ...options,
        connections: 1,
        signaturesPerRun: 2_000,
      });
      console.error("single-subject lookup: gateway vs subgraph (8 connections) …");
      const lookup = await compare(live, await lookupVariants(live, jwtSecret, signingKey, person), {
        ...options,
        connections: 8,
        signaturesPerRun: 20_000,
      });
      console.error(
        "lookup across all subgraphs: gateway vs the plan's fetches sent straight to the subgraphs (8 clients) …",
      );
      const crossingVariants = await crossingLookupVariants(live, jwtSecret, signingKey, people);
      const crossing = await compare(live, crossingVariants, { ...options, connections: 8 });
      // The latency the gateway adds, without the queueing that eight clients on one core add to both.
      console.error("lookup across all subgraphs, one client at a time …");
      const crossingAlone = await compare(live, crossingVariants, { ...options, connections: 1 });
      print(
        `Peer gateway, lookup as PUBLIC of ${people.length.toLocaleString("en")} people in turn, auth and audit off in ours (${engine}, ${sizes[0]!.toLocaleString("en")} subjects, autocannon)`,
        table(fair),
      );
      print(
        "Peer gateway, lookup across all subgraphs as GOVERNMENT, people in turn, auth and audit on in ours",
        table(headline),
      );
      print("1,000-identifier screen, one connection", table(screen));
      print("Single-subject lookup (subjects subgraph only), 8 connections", table(lookup));
      print(
        "Lookup across all subgraphs as GOVERNMENT, people in turn, 8 clients (straight: the load generator sends the plan's five fetches, signed)",
        table(crossing),
      );
      print("The same, one client at a time", table(crossingAlone));

      console.error("batching: 1,000 single-identifier screens vs one screen of 1,000 …");
      const headers = { "content-type": "application/json", ...(await governmentHeaders(jwtSecret)) };
      const screenOnce = async (ids: readonly string[]) => {
        const response = await fetch(live.urls.gateway, {
          method: "POST",
          headers,
          body: JSON.stringify({ query: SCREEN, variables: { ids }, operationName: "Screen" }),
        });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(JSON.stringify(body.errors).slice(0, 300));
      };
      const batched: number[] = [];
      const single: number[] = [];
      for (let round = 0; round < 3; round++) {
        let started = performance.now();
        await screenOnce(batch);
        batched.push(performance.now() - started);
        started = performance.now();
        for (const identifier of batch) await screenOnce([identifier]);
        single.push(performance.now() - started);
      }
      const batching = Math.min(...single) / Math.min(...batched);
      print("Batching through the gateway (best of 3)", [
        "| | ms |",
        "|---|---:|",
        `| one screen of 1,000 identifiers | ${format(Math.min(...batched))} |`,
        `| 1,000 screens of one identifier | ${format(Math.min(...single))} |`,
        `| ratio | ${format(batching, 1)}× |`,
      ]);
      results.throughput = {
        engine,
        subjects: sizes[0],
        fair,
        headline,
        screen,
        lookup,
        crossing,
        crossingAlone,
        batching: { batched, single, ratio: batching },
      };

      const [ours, hive] = fair;
      const [oursOn, hiveOn] = headline;
      const [viaGateway, direct, bare] = screen;
      const [lookupGateway, lookupDirect] = lookup;
      const [crossingGateway, crossingDirect] = crossing;
      const [aloneGateway, aloneDirect] = crossingAlone;
      const added = aloneGateway!.p50 - aloneDirect!.p50;
      goals.push(
        {
          item: "gateway overhead",
          measure: "screen throughput gateway ÷ direct",
          value: viaGateway!.requestsPerSecond / direct!.requestsPerSecond,
          unit: "×",
          goal: "≥ 0.6×",
          met: viaGateway!.requestsPerSecond / direct!.requestsPerSecond >= 0.6,
        },
        {
          item: "gateway overhead",
          measure: "lookup across all subgraphs, throughput gateway ÷ direct",
          value: crossingGateway!.requestsPerSecond / crossingDirect!.requestsPerSecond,
          unit: "×",
          goal: "≥ 0.6×",
          met: crossingGateway!.requestsPerSecond / crossingDirect!.requestsPerSecond >= 0.6,
        },
        {
          item: "gateway overhead",
          measure: "lookup across all subgraphs, p50 added by the gateway (one client)",
          value: added,
          unit: "ms",
          goal: `≤ max(5 ms, 30%) = ${format(Math.max(5, 0.3 * aloneDirect!.p50))} ms`,
          met: added <= Math.max(5, 0.3 * aloneDirect!.p50),
        },
        {
          item: "gateway overhead",
          measure: "one-subgraph lookup, throughput gateway ÷ direct",
          value: lookupGateway!.requestsPerSecond / lookupDirect!.requestsPerSecond,
          unit: "×",
          goal: "(context)",
          met: null,
        },
        {
          item: "GraphQL vs SQL",
          measure: "screen p50 subgraph ÷ bare SQL + audit",
          value: direct!.p50 / bare!.p50,
          unit: "×",
          goal: "≤ 2×",
          met: direct!.p50 / bare!.p50 <= 2,
        },
        {
          item: "GraphQL vs SQL",
          measure: "screen p50 gateway (with audit) ÷ bare SQL + audit",
          value: viaGateway!.p50 / bare!.p50,
          unit: "×",
          goal: "(context)",
          met: null,
        },
        {
          item: "peer gateway",
          measure: "ours ÷ Hive Gateway, auth + audit off",
          value: ours!.requestsPerSecond / hive!.requestsPerSecond,
          unit: "×",
          goal: "≥ 1.0×",
          met: ours!.requestsPerSecond / hive!.requestsPerSecond >= 1,
        },
        {
          item: "peer gateway",
          measure: "ours ÷ Hive Gateway, auth + audit on in ours",
          value: oursOn!.requestsPerSecond / hiveOn!.requestsPerSecond,
          unit: "×",
          goal: "≥ 0.8×",
          met: oursOn!.requestsPerSecond / hiveOn!.requestsPerSecond >= 0.8,
        },
        {
          item: "batching",
          measure: "1,000 single screens ÷ one screen of 1,000",
          value: batching,
          unit: "×",
          goal: "≥ 20×",
          met: batching >= 20,
        },
        ...oneProcessGoals(screen, crossing),
        ...screenGoals(screen),
        {
          item: "fast",
          measure: "ours ÷ Hive Gateway (its JS planner), unique requests",
          value: ours!.requestsPerSecond / hive!.requestsPerSecond,
          unit: "×",
          goal: "≥ 1.5×",
          met: ours!.requestsPerSecond / hive!.requestsPerSecond >= 1.5,
        },
      );

      if (onPostgres) {
        console.error(
          "embedded vs server: the same lookup through the audited gateway on PGlite and PostgreSQL …",
        );
        const embedded = await openSeededDatabase(benchConfig({ DATABASE_URL: undefined }), sizes[0]!);
        await embedded.connection.close();
        const embeddedService = await startService(embedded.location, jwtSecret, signingKey);
        try {
          const government = await governmentHeaders(jwtSecret);
          const variants = [
            { name: "PostgreSQL", service: live },
            { name: "PGlite", service: embeddedService },
          ];
          const measured: Record<string, number[]> = { PostgreSQL: [], PGlite: [] };
          for (let round = 0; round < rounds; round++) {
            for (const variant of variants) {
              const run = await compare(
                variant.service,
                [
                  {
                    name: variant.name,
                    request: {
                      url: variant.service.urls.gateway,
                      body: lookupBody(person),
                      headers: government,
                    },
                  },
                ],
                { rounds: 1, seconds, connections: 8 },
              );
              measured[variant.name]!.push(run[0]!.requestsPerSecond);
            }
          }
          const ratio = median(measured.PGlite!) / median(measured.PostgreSQL!);
          print("Embedded vs server, audited lookup across all subgraphs, 8 connections (median req/s)", [
            "| database | req/s |",
            "|---|---:|",
            `| PostgreSQL | ${format(median(measured.PostgreSQL!))} |`,
            `| PGlite | ${format(median(measured.PGlite!))} |`,
            `| PGlite ÷ PostgreSQL | ${format(ratio, 2)}× |`,
          ]);
          results.embeddedVsServer = { measured, ratio };
          goals.push(
            {
              item: "embedded vs server",
              measure: "PGlite ÷ PostgreSQL throughput",
              value: ratio,
              unit: "×",
              goal: "≥ 0.4×",
              met: ratio >= 0.4,
            },
            {
              item: "lean",
              measure: "throughput PGlite ÷ PostgreSQL",
              value: ratio,
              unit: "×",
              goal: "≥ 0.5×",
              met: ratio >= 0.5,
            },
          );
        } finally {
          await embeddedService.stop();
          await embedded.dispose();
        }
      } else {
        goals.push({
          item: "embedded vs server",
          measure: "PGlite ÷ PostgreSQL throughput",
          value: Number.NaN,
          unit: "×",
          goal: "≥ 0.4× (needs PostgreSQL)",
          met: null,
        });
      }
    }

    if (parts.includes("one-process") && !parts.includes("throughput") && service) {
      const live = service;
      const options = { rounds, seconds };
      console.error(
        "one-process gateway: screen of 1,000 identifiers against straight to the subgraph (1 connection) …",
      );
      const screen = await compare(
        live,
        (await screenVariants(live, jwtSecret, signingKey, batch)).filter(
          (variant) => variant.name !== "bare SQL + audit insert",
        ),
        { ...options, connections: 1, signaturesPerRun: 2_000 },
      );
      console.error(
        "one-process gateway: lookup across all subgraphs against the plan's fetches sent straight (8 clients) …",
      );
      const crossing = await compare(
        live,
        await crossingLookupVariants(live, jwtSecret, signingKey, people),
        { ...options, connections: 8 },
      );
      print(
        `1,000-identifier screen, one connection (${engine}, ${sizes[0]!.toLocaleString("en")} subjects)`,
        table(screen),
      );
      print(
        "Lookup across all subgraphs as GOVERNMENT, people in turn, 8 clients (straight: the load generator sends the plan's five fetches, signed)",
        table(crossing),
      );
      results.oneProcess = { engine, subjects: sizes[0], screen, crossing };
      goals.push(...oneProcessGoals(screen, crossing));
    }

    if (parts.includes("reports")) {
      const flood = { subjects: 1_000, items: 3_000, clients: 100, seconds: Math.max(10, seconds * 2) };
      console.error(
        `report flood: ${flood.clients} clients asking for reports of a ${flood.items.toLocaleString("en")}-item subject, public lookups beside them (${flood.seconds} s each phase) …`,
      );
      const reports = await benchmarkReportFlood({ ...flood, jwtSecret, signingKey });
      results.reports = reports;
      const tally = (answers: Record<string, number>) =>
        Object.entries(answers)
          .map(([outcome, count]) => `${outcome} ${count}`)
          .join(", ");
      print(
        `Report flood: public lookups while ${reports.clients} clients ask for credit reports of a ${reports.items.toLocaleString("en")}-item subject (${reports.database}, npm start's shape, 2 lookup clients, ${reports.seconds} s a phase)`,
        [
          "| phase | lookups | p50 ms | p99 ms | max ms |",
          "|---|---:|---:|---:|---:|",
          `| no reports | ${reports.quiet.samples} | ${format(reports.quiet.p50)} | ${format(reports.quiet.p99)} | ${format(reports.quiet.max)} |`,
          `| ${reports.clients} reports asked for at once, until answered | ${reports.flood.samples} | ${format(reports.flood.p50)} | ${format(reports.flood.p99)} | ${format(reports.flood.max)} |`,
          `| ${reports.clients} clients asking back to back (not a goal) | ${reports.storm.samples} | ${format(reports.storm.p50)} | ${format(reports.storm.p99)} | ${format(reports.storm.max)} |`,
          "",
          `one report of ${reports.items.toLocaleString("en")} items alone: ${reports.oneReport.outcome} in ${format(reports.oneReport.ms)} ms; the ${reports.clients} at once: ${tally(reports.reports)}, last answer after ${format(reports.burstMs)} ms; back to back: ${tally(reports.stormAnswers)}`,
        ],
      );
      goals.push({
        item: "report flood",
        measure: `public lookup p99 while ${reports.clients} reports are asked for at once, of a ${reports.items.toLocaleString("en")}-item subject (÷ goal: ${format(reports.flood.p99 / 200, 2)}×)`,
        value: reports.flood.p99,
        unit: "ms",
        goal: "< 200 ms",
        met: reports.flood.p99 < 200,
      });
    }

    if (parts.includes("soak") && service && seeded) {
      // Memory is the product's: the soak runs against a process holding only what `npm start` holds.
      await service.stop();
      service = await startService(seeded.location, jwtSecret, signingKey, { productOnly: true });
      if (!headlineRate) {
        // Two rounds, the second counts: the first warms a freshly started process.
        const measured = await compare(
          service,
          [
            {
              name: "maximum",
              request: {
                url: service.urls.gateway,
                body: lookupBody(person),
                headers: await governmentHeaders(jwtSecret),
              },
            },
          ],
          { rounds: 2, seconds, connections: 8 },
        );
        headlineRate = measured[0]!.rounds.at(-1)!.requestsPerSecond;
      }
      const rate = Math.max(1, Math.floor(headlineRate * 0.7));
      console.error(`soak: ${soakMinutes} minutes at ${rate} req/s (70% of ${format(headlineRate)}) …`);
      const soaked = await soak(
        service,
        { url: service.urls.gateway, body: lookupBody(person), headers: await governmentHeaders(jwtSecret) },
        { rate, minutes: soakMinutes, connections: 8, jwtSecret },
      );
      results.soak = soaked;
      print(
        `Soak: audited lookup across all subgraphs at ${rate} req/s for ${soakMinutes} minutes (${engine})`,
        [
          "| minute | requests | errors | p50 ms | p99 ms | RSS MiB |",
          "|---:|---:|---:|---:|---:|---:|",
          ...soaked.minutes.map(
            (minute) =>
              `| ${minute.minute} | ${minute.requests} | ${minute.errors} | ${minute.p50} | ${minute.p99} | ${format(minute.rssMiB)} |`,
          ),
          "",
          `audit events written: ${soaked.auditEvents}; requests answered within the minute runs: ${soaked.requests}; still in flight when the runs stopped: at most ${soaked.inFlightAtRunEnds}`,
        ],
      );
      goals.push(
        {
          item: "soak",
          measure: "RSS max",
          value: soaked.maxRssMiB,
          unit: "MiB",
          goal: "≤ 512 MiB",
          met: soaked.maxRssMiB <= 512,
        },
        {
          item: "soak",
          measure: "RSS growth, minute 2 → last",
          value: soaked.rssGrowth * 100,
          unit: "%",
          goal: "≤ 10%",
          met: soaked.rssGrowth <= 0.1,
        },
        {
          item: "soak",
          measure: "p99 last minute ÷ first",
          value: soaked.p99Drift,
          unit: "×",
          goal: "≤ 1.5×",
          met: soaked.p99Drift <= 1.5,
        },
        {
          item: "soak",
          measure: "errors",
          value: soaked.errors,
          unit: "",
          goal: "0",
          met: soaked.errors === 0,
        },
        {
          item: "soak",
          measure: "audit events − answered requests (in flight at run ends: ≤ connections × minutes)",
          value: soaked.auditEvents - soaked.requests,
          unit: "",
          goal: `0 … ${soaked.inFlightAtRunEnds}`,
          met:
            soaked.auditEvents >= soaked.requests &&
            soaked.auditEvents - soaked.requests <= soaked.inFlightAtRunEnds,
        },
      );
    }
    if (parts.includes("footprint")) {
      const install = await installFootprint();
      // The README's first query, as the public asks it of the demo data `npm start` loads.
      const publicLookup = JSON.stringify({
        query:
          '{ subject(identifier: "91320802MA1000000F") { name identifier records { title tier } listEntries { list status facts } } }',
      });
      const lookup = { lookupBody: publicLookup, headers: {}, loadRequests: 2_000, starts: rounds };
      console.error(`npm start: ${rounds} timed starts on each database …`);
      const starts = [
        ...(onPostgres ? [await startFootprint("postgres", lookup)] : []),
        await startFootprint("pglite", lookup),
      ];
      results.footprint = { install, starts };
      print("npm start (compiled) on a migrated database: time to ready and memory (medians)", [
        "| database | starts | ready ms | idle RSS MiB | RSS after 2,000 lookups MiB |",
        "|---|---:|---:|---:|---:|",
        ...starts.map(
          (start) =>
            `| ${start.database} | ${start.readyMs.length} | ${format(median(start.readyMs))} | ${format(median(start.idleRssMiB))} | ${format(median(start.underLoadRssMiB))} |`,
        ),
        "",
        `npm install: ${install.packages} packages, ${format(install.megabytes)} MB in node_modules`,
      ]);
      const byDatabase = Object.fromEntries(starts.map((start) => [start.database, start]));
      if (byDatabase.postgres) {
        goals.push(
          {
            item: "lean",
            measure: "npm start on PostgreSQL, time to ready",
            value: median(byDatabase.postgres.readyMs),
            unit: "ms",
            goal: "≤ 1,500 ms",
            met: median(byDatabase.postgres.readyMs) <= 1_500,
          },
          {
            item: "lean",
            measure: "npm start on PostgreSQL, idle RSS",
            value: median(byDatabase.postgres.idleRssMiB),
            unit: "MiB",
            goal: "≤ 180 MiB",
            met: median(byDatabase.postgres.idleRssMiB) <= 180,
          },
        );
      }
      goals.push(
        {
          item: "lean",
          measure: "npm start on PGlite, idle RSS",
          value: median(byDatabase.pglite!.idleRssMiB),
          unit: "MiB",
          goal: "≤ 380 MiB",
          met: median(byDatabase.pglite!.idleRssMiB) <= 380,
        },
        {
          item: "lean",
          measure: "npm start on PGlite, RSS after 2,000 lookups from 8 clients",
          value: median(byDatabase.pglite!.underLoadRssMiB),
          unit: "MiB",
          goal: "≤ 450 MiB",
          met: median(byDatabase.pglite!.underLoadRssMiB) <= 450,
        },
        {
          item: "lean",
          measure: "npm install, packages",
          value: install.packages,
          unit: "",
          goal: "≤ 500",
          met: install.packages <= 500,
        },
        {
          item: "lean",
          measure: "npm install, size of node_modules",
          value: install.megabytes,
          unit: "MB",
          goal: "≤ 300 MB",
          met: install.megabytes <= 300,
        },
      );
    }
  } finally {
    await (service as RunningService | null)?.stop();
    await seeded?.dispose();
  }
} finally {
  await cluster?.destroy();
}

// The same columns as the one table of docs/performance.md, whose rows are copied from this output.
const measuredOn = `${new Date().toISOString().slice(0, 10)}, ${engine}`;
const goalLines = [
  "| area | measure | value | goal | | measured |",
  "|---|---|---:|---|---|---|",
  ...goals.map(
    (goal) =>
      `| ${goal.item} | ${goal.measure} | ${Number.isNaN(goal.value) ? "—" : `${format(goal.value, goal.unit === "×" ? 2 : 1)}${goal.unit === "×" ? "×" : goal.unit ? ` ${goal.unit}` : ""}`} | ${goal.goal} | ${goal.met === null ? "not judged" : goal.met ? "met" : "**missed**"} | ${measuredOn} |`,
  ),
];
print(`Goals (${measuredOn})`, goalLines);
const stamp = { at: new Date().toISOString(), engine, parts, sizes, iterations, seconds, rounds };
await writeFile(
  path.join(folder, `bench-${engine}.json`),
  `${JSON.stringify({ ...stamp, goals, results }, null, 2)}\n`,
);
await writeFile(path.join(folder, "summary.md"), `${goalLines.join("\n")}\n`);
console.error(`wrote bench/results/bench-${engine}.json and bench/results/summary.md`);
