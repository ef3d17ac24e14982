import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { connect, type DatabaseConnection } from "../db/connect";
import { migrateToLatest } from "../db/migrate";
import { generateSeed } from "../db/seed/generate";
import { loadReferenceData } from "../db/seed/reference-data";
import { addYears, chinaDateOf } from "../domain/dates";
import type { Config } from "../platform/config";
import { createLogger } from "../platform/logger";
import { createProgressBar } from "../platform/progress";
import { ensureSubgraphSigningKey } from "../platform/secrets";
import { SIGNATURE_HEADER, signSubgraphRequest } from "../platform/subgraph-signature";
import { mintToken } from "../platform/tokens";
import type { Viewer } from "../platform/viewer";
import { listResponsibleEntries, listScreeningEntries } from "../subgraphs/lists/list-entry.repository";
import { listMeasures } from "../subgraphs/measures/measure.repository";
import { listKnownIdentifiers } from "../subgraphs/subjects/subject.repository";
import type { DatabaseLocation } from "./service";
import { benchConfig, startBenchFederation } from "./setup";
import { summarize, type Summary } from "./stats";

const SCREEN = `query Screen($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_RESOURCE_TRADING) { identifier decision reasons error measures { code } } }`;
const NAME_SEARCH = `query NameSearch($name: String!) { publicBlacklist(filter: { name: $name }, first: 20) { totalCount edges { cursor } } }`;
const VIEWER: Viewer = {
  role: "GOVERNMENT",
  actor: "bench",
  org: "BENCH-GOV",
  subject: null,
  purpose: "PUBLIC_RESOURCE_TRADING",
};

export type ScreenBenchmark = Readonly<{
  database: "postgres" | "pglite";
  subjects: number;
  identifiers: number;
  iterations: number;
  gateway: Summary;
  subgraph: Summary;
  sql: Summary;
  /** `publicBlacklist(filter: { name })` through the gateway, as the public portal asks it. */
  nameSearch: Summary;
  ratios: Readonly<{
    gatewayOverSubgraphP50: number;
    subgraphOverSqlP50: number;
    gatewayOverSqlP50: number;
    gatewayThroughputShare: number;
  }>;
}>;

/** A database of `subjects` seeded subjects: a reused PostgreSQL database `bench_<n>` or a fresh PGlite directory. */
export type SeededDatabase = Readonly<{
  connection: DatabaseConnection;
  /** For another process: the service under load opens the same database. */
  location: DatabaseLocation;
  /** Closes the connection and removes a PGlite directory. */
  dispose(): Promise<void>;
}>;

export async function openSeededDatabase(base: Config, subjects: number): Promise<SeededDatabase> {
  let connection: DatabaseConnection;
  let location: DatabaseLocation;
  let dispose = async () => {};
  if (base.database.kind === "postgres") {
    const url = new URL(base.database.url);
    const name = `bench_${subjects}`;
    const admin = new pg.Client({ connectionString: base.database.url });
    await admin.connect();
    const exists = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (exists.rowCount === 0) await admin.query(`create database ${name}`);
    await admin.end();
    url.pathname = `/${name}`;
    connection = await connect({ kind: "postgres", url: url.toString() }, { maxConnections: 10 });
    location = { DATABASE_URL: url.toString() };
  } else {
    const folder = await mkdtemp(path.join(tmpdir(), "credit-bench-"));
    connection = await connect({ kind: "pglite", dataDir: folder });
    location = { CREDIT_DATA_DIR: folder };
    dispose = () => rm(folder, { recursive: true, force: true });
  }
  await migrateToLatest(connection.db);
  await loadReferenceData(connection.db, base.measuresFile);
  const { count } = await connection.db
    .selectFrom("subjects")
    .select((eb) => eb.fn.countAll<string>().as("count"))
    .executeTakeFirstOrThrow();
  if (Number(count) < subjects) {
    const bar = createProgressBar(`seed ${subjects.toLocaleString("en")} subjects (${connection.kind})`);
    await generateSeed(connection.db, {
      subjects,
      today: chinaDateOf(new Date()),
      rules: base.rules,
      onProgress: (progress) =>
        bar.update(progress.subjects, subjects, `${progress.rows.toLocaleString("en")} rows`),
    });
    bar.finish();
  }
  return { connection, location, dispose: async () => (await connection.close(), await dispose()) };
}

/** 1,000 identifiers spread over the seeded population, blacklisted ones among them. */
async function sampleIdentifiers(connection: DatabaseConnection, count: number): Promise<string[]> {
  const listed = await connection.db
    .selectFrom("list_entries")
    .select("subject_identifier")
    .where("list", "=", "BLACK")
    .orderBy("subject_identifier")
    .limit(count / 10)
    .execute();
  const spread = await connection.db
    .selectFrom("subjects")
    .select("identifier")
    .orderBy("id")
    .limit(count - listed.length)
    .execute();
  return [...listed.map((row) => row.subject_identifier), ...spread.map((row) => row.identifier)];
}

async function timed(run: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

async function postJson(url: string, headers: Record<string, string>, body: unknown): Promise<void> {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as { errors?: unknown[]; data?: { screen: unknown[] } };
  if (answer.errors || !answer.data || answer.data.screen.length === 0)
    throw new Error(`screen failed: ${JSON.stringify(answer).slice(0, 300)}`);
}

/**
 * The 1,000-identifier `screen` measured three ways in one run, interleaved A B C A B C: through the
 * gateway (auth, audit, signed fetch), straight to the measures subgraph (signed by the benchmark, as
 * the gateway would), and the bare SQL the subgraph runs (its four statements, in parallel).
 */
export async function benchmarkScreen(options: {
  subjects: number;
  iterations: number;
  warmup: number;
  identifiers: number;
}): Promise<ScreenBenchmark> {
  const config = benchConfig();
  const { connection, dispose } = await openSeededDatabase(config, options.subjects);
  const jwtSecret = config.jwtSecret!;
  const federation = await startBenchFederation(config, connection.db, createLogger(config));
  try {
    const identifiers = await sampleIdentifiers(connection, options.identifiers);
    const token = await mintToken(jwtSecret, { role: "GOVERNMENT", org: VIEWER.org!, ttl: "1h" });
    const signingKey = await ensureSubgraphSigningKey(config);
    const subgraphUrl = federation.subgraphs.get("measures")!.url;
    const variables = { ids: identifiers };
    const today = chinaDateOf(new Date());

    const listedNames = (
      await connection.db
        .selectFrom("list_entries")
        .innerJoin("subjects", "subjects.identifier", "list_entries.subject_identifier")
        .select("subjects.name")
        .where("list_entries.list", "=", "BLACK")
        .orderBy("list_entries.id")
        .limit(50)
        .execute()
    ).map((row) => row.name);
    let nextName = 0;
    const ways = {
      gateway: () =>
        postJson(
          federation.gateway.url,
          { authorization: `Bearer ${token}`, "x-credit-purpose": VIEWER.purpose! },
          { query: SCREEN, variables, operationName: "Screen" },
        ),
      subgraph: async () => {
        const signature = signSubgraphRequest(
          signingKey,
          { viewer: VIEWER, requestId: "bench", caller: "bench" },
          "measures",
          { query: SCREEN, operationName: "Screen", variables },
        );
        await postJson(
          subgraphUrl,
          { [SIGNATURE_HEADER]: signature },
          { query: SCREEN, variables, operationName: "Screen" },
        );
      },
      sql: async () => {
        await Promise.all([
          listKnownIdentifiers(connection.db, identifiers),
          listScreeningEntries(connection.db, identifiers, today, addYears(today, -1)),
          listResponsibleEntries(connection.db, identifiers, today),
          listMeasures(connection.db, { list: null, scenario: "PUBLIC_RESOURCE_TRADING" }),
        ]);
      },
      nameSearch: async () => {
        const response = await fetch(federation.gateway.url, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            query: NAME_SEARCH,
            variables: { name: listedNames[nextName++ % listedNames.length] },
            operationName: "NameSearch",
          }),
        });
        const answer = (await response.json()) as { errors?: unknown };
        if (answer.errors)
          throw new Error(`name search failed: ${JSON.stringify(answer.errors).slice(0, 300)}`);
      },
    } as const;
    const samples: Record<keyof typeof ways, number[]> = {
      gateway: [],
      subgraph: [],
      sql: [],
      nameSearch: [],
    };
    for (let round = 0; round < options.warmup + options.iterations; round++) {
      for (const way of Object.keys(ways) as Array<keyof typeof ways>) {
        const milliseconds = await timed(ways[way]);
        if (round >= options.warmup) samples[way].push(milliseconds);
      }
    }
    const gateway = summarize(samples.gateway);
    const subgraph = summarize(samples.subgraph);
    const sql = summarize(samples.sql);
    return {
      database: connection.kind,
      subjects: options.subjects,
      identifiers: identifiers.length,
      iterations: options.iterations,
      gateway,
      subgraph,
      sql,
      nameSearch: summarize(samples.nameSearch),
      ratios: {
        gatewayOverSubgraphP50: gateway.p50 / subgraph.p50,
        subgraphOverSqlP50: subgraph.p50 / sql.p50,
        gatewayOverSqlP50: gateway.p50 / sql.p50,
        gatewayThroughputShare: gateway.throughput / subgraph.throughput,
      },
    };
  } finally {
    await federation.stop();
    await dispose();
  }
}
