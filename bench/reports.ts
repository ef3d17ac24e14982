import type { KeyObject } from "node:crypto";
import { loadConfig } from "../platform/config";
import { mintToken } from "../platform/tokens";
import { citizenId } from "../test/fixtures";
import { openSeededDatabase } from "./screen";
import { startService, type RunningService } from "./service";
import { benchConfig } from "./setup";
import { percentile } from "./stats";
import { LOOKUP_PUBLIC, operationBody } from "./throughput";

/** Public lookups' latency over one phase. */
export type LookupLatency = Readonly<{ samples: number; p50: number; p99: number; max: number }>;

export type ReportFlood = Readonly<{
  database: "postgres" | "pglite";
  items: number;
  clients: number;
  seconds: number;
  /** One report of the subject, alone, before the flood: its time (ms) and outcome (OK or the error code). */
  oneReport: Readonly<{ ms: number; outcome: string }>;
  quiet: LookupLatency;
  /** Lookups while `clients` reports are asked for at once, until every one is answered. */
  flood: LookupLatency;
  /** The burst's answers by outcome: OK or the error code. */
  reports: Record<string, number>;
  /** How long the burst took until its last answer (ms). */
  burstMs: number;
  /** Lookups while the same clients ask back to back for a phase, a refused client asking again at once. */
  storm: LookupLatency;
  stormAnswers: Record<string, number>;
}>;

const ISSUE = `mutation Report($input: CreditReportInput!) { myCreditReport(input: $input) { id pdfBase64 } }`;
const SUBMIT = `mutation Submit($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`;

/**
 * The report flood: `clients` credit reports of a subject with `items` items asked for at once (a citizen's own
 * token), then the same clients asking back to back (each refused client asking again at once), while two clients
 * look organisations up as the public — against the service as `npm start` runs it (subgraphs in the gateway's process) with its
 * default limits: the gateway's rate limit, the report-weight budget, the printer's workers and queue.
 */
export async function benchmarkReportFlood(options: {
  subjects: number;
  items: number;
  clients: number;
  seconds: number;
  jwtSecret: string;
  signingKey: KeyObject;
}): Promise<ReportFlood> {
  const config = benchConfig();
  const seeded = await openSeededDatabase(config, options.subjects);
  // Organisations: an anonymous caller may look up only a few natural persons an hour.
  const organisations = (
    await seeded.connection.db
      .selectFrom("subjects")
      .select("identifier")
      .where("kind", "<>", "NATURAL_PERSON")
      .orderBy("id")
      .limit(500)
      .execute()
  ).map((row) => row.identifier);
  await seeded.connection.close();
  // The service as deployed: the gateway's default rate limit and the default report-weight budget.
  process.env.BENCH_RATE_LIMIT_PER_MINUTE = String(
    loadConfig({ NODE_ENV: "development" }).rateLimitPerMinute,
  );
  let service: RunningService | undefined;
  try {
    service = await startService(seeded.location, options.jwtSecret, options.signingKey, {
      productOnly: true,
    });
    const url = service.urls.gateway;
    const post = async (body: string, headers: Record<string, string> = {}) => {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body,
      });
      return (await response.json()) as {
        data?: unknown;
        errors?: Array<{ message: string; extensions?: { code?: string } }>;
      };
    };

    const person = citizenId(987_654, "19800101");
    const provider = {
      authorization: `Bearer ${await mintToken(options.jwtSecret, { role: "PROVIDER", org: "HA-SAMR", ttl: "2h" })}`,
    };
    const existing = await post(
      operationBody(`query Count($id: String!) { subject(identifier: $id) { records { id } } }`, {
        id: person,
      }),
      provider,
    );
    const present = (
      (existing.data as { subject?: { records?: unknown[] } | null } | undefined)?.subject?.records ?? []
    ).length;
    for (let from = present; from < options.items; from += 500) {
      const records = Array.from({ length: Math.min(500, options.items - from) }, (_, index) => ({
        subject: { identifier: person, name: "报告人", kind: "NATURAL_PERSON" },
        category: "NEGATIVE",
        kind: "ADMINISTRATIVE_PENALTY",
        procedure: "GENERAL",
        severity: "GENERAL",
        tier: "PUBLIC",
        title: `未按规定公示年度报告的行政处罚（第 ${from + index + 1} 项）`,
        documentNumber: `BENCH-REPORT-${from + index + 1}`,
        decidedOn: new Date(Date.now() - (10 + ((from + index) % 300)) * 86_400_000)
          .toISOString()
          .slice(0, 10),
      }));
      const submitted = await post(
        JSON.stringify({ query: SUBMIT, variables: { records }, operationName: "Submit" }),
        provider,
      );
      if (submitted.errors)
        throw new Error(
          `seeding the report subject failed: ${JSON.stringify(submitted.errors).slice(0, 300)}`,
        );
    }

    const citizen = {
      authorization: `Bearer ${await mintToken(options.jwtSecret, { role: "SUBJECT", subject: person, ttl: "2h" })}`,
    };
    const reportBody = JSON.stringify({
      query: ISSUE,
      variables: { input: { purpose: "EMPLOYMENT_SCREENING" } },
      operationName: "Report",
    });
    const startedAt = performance.now();
    const first = await post(reportBody, citizen);
    const oneReport = {
      ms: performance.now() - startedAt,
      outcome: first.errors ? String(first.errors[0]?.extensions?.code) : "OK",
    };

    let turn = 0;
    const lookups = async (until: number): Promise<number[]> => {
      const latencies: number[] = [];
      while (performance.now() < until) {
        const sent = performance.now();
        const answer = await post(
          operationBody(LOOKUP_PUBLIC, { id: organisations[turn++ % organisations.length]! }),
        );
        if (answer.errors)
          throw new Error(`a public lookup failed: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        latencies.push(performance.now() - sent);
      }
      return latencies;
    };
    const latencyOf = (series: number[][]): LookupLatency => {
      const sorted = series.flat().sort((a, b) => a - b);
      return {
        samples: sorted.length,
        p50: percentile(sorted, 0.5),
        p99: percentile(sorted, 0.99),
        max: sorted.at(-1) ?? Number.NaN,
      };
    };

    const quietUntil = performance.now() + options.seconds * 1_000;
    const quiet = latencyOf(await Promise.all([lookups(quietUntil), lookups(quietUntil)]));

    const ask = async (tally: Record<string, number>) => {
      const answer = await post(reportBody, citizen).catch(() => ({
        errors: [{ message: "", extensions: { code: "NO_ANSWER" } }],
      }));
      const outcome = answer.errors ? String(answer.errors[0]?.extensions?.code) : "OK";
      tally[outcome] = (tally[outcome] ?? 0) + 1;
    };

    // The case the goal names: 100 reports asked for at once. Lookups are timed from the burst for a phase's length, or
    // until every report is answered (rendered, queued and rendered, or refused) if that is later.
    const reports: Record<string, number> = {};
    const burstStarted = performance.now();
    let burstAnswered = Number.POSITIVE_INFINITY;
    const burst = Promise.all(Array.from({ length: options.clients }, () => ask(reports))).then(() => {
      burstAnswered = performance.now();
    });
    const lookupsDuringBurst = async (): Promise<number[]> => {
      const latencies: number[] = [];
      while (performance.now() < Math.max(burstStarted + options.seconds * 1_000, burstAnswered))
        latencies.push(...(await lookups(performance.now() + 250)));
      return latencies;
    };
    const flood = latencyOf(await Promise.all([lookupsDuringBurst(), lookupsDuringBurst()]));
    await burst;

    // A hostile caller: the same clients asking back to back, each refused client asking again at once.
    const stormAnswers: Record<string, number> = {};
    const stormUntil = performance.now() + options.seconds * 1_000;
    const asking = Array.from({ length: options.clients }, async () => {
      while (performance.now() < stormUntil) await ask(stormAnswers);
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    const storm = latencyOf(await Promise.all([lookups(stormUntil), lookups(stormUntil)]));
    await Promise.all(asking);
    return {
      database: config.database.kind,
      items: options.items,
      clients: options.clients,
      seconds: options.seconds,
      oneReport,
      quiet,
      flood,
      reports,
      burstMs: burstAnswered - burstStarted,
      storm,
      stormAnswers,
    };
  } finally {
    delete process.env.BENCH_RATE_LIMIT_PER_MINUTE;
    await service?.stop();
    await seeded.dispose();
  }
}
