import { sql, type Kysely } from "kysely";
import type { Database } from "../db/database";

/** One dependency's state: `ok`, or what is wrong with it in words an operator acts on (never an address or a stack). */
export type CheckResult = "ok" | "unavailable" | "timed out" | `answered HTTP ${number}`;

export type Readiness = Readonly<{
  ready: boolean;
  /** `database` and `subgraph:<name>` for each subgraph the gateway routes to. */
  checks: Readonly<Record<string, CheckResult>>;
}>;

/** How long one check may take before it counts as `timed out`. */
export const READINESS_CHECK_TIMEOUT_MS = 1_000;

async function withinTimeout(
  check: (signal: AbortSignal) => Promise<CheckResult>,
  timeoutMs: number,
): Promise<CheckResult> {
  const abort = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<CheckResult>((resolve) => {
    timer = setTimeout(() => {
      abort.abort();
      resolve("timed out");
    }, timeoutMs);
  });
  try {
    return await Promise.race([
      check(abort.signal).catch((): CheckResult => (abort.signal.aborted ? "timed out" : "unavailable")),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * What `/ready` answers: the database and each subgraph's `/health`, checked at once, each named with its
 * state, so an operator (or an orchestrator's log) sees what is not ready rather than "not ready".
 */
export async function checkReadiness(
  db: Kysely<Database>,
  subgraphUrls: Readonly<Record<string, string>>,
  /** Subgraphs executed in the gateway's own process: ready whenever the gateway answers. */
  inProcessSubgraphs: readonly string[] = [],
  timeoutMs = READINESS_CHECK_TIMEOUT_MS,
): Promise<Readiness> {
  const database = withinTimeout(async () => {
    await sql`select 1`.execute(db);
    return "ok";
  }, timeoutMs);
  const subgraphs = Object.entries(subgraphUrls).map(async ([name, url]) => {
    const result = await withinTimeout(async (signal) => {
      const health = await fetch(new URL("/health", url), { signal });
      await health.body?.cancel();
      return health.ok ? "ok" : `answered HTTP ${health.status}`;
    }, timeoutMs);
    return [`subgraph:${name}`, result] as const;
  });
  const inProcess = inProcessSubgraphs.map((name) => [`subgraph:${name}`, "ok"] as const);
  const checks: Record<string, CheckResult> = {
    database: await database,
    ...Object.fromEntries(inProcess),
    ...Object.fromEntries(await Promise.all(subgraphs)),
  };
  return { ready: Object.values(checks).every((result) => result === "ok"), checks };
}
