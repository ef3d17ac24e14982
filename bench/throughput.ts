import { randomUUID } from "node:crypto";
import { deriveSubgraphSigningKey, SIGNATURE_HEADER, signSubgraphRequest } from "../platform/subgraph-signature";
import { mintToken } from "../platform/tokens";
import type { Viewer } from "../platform/viewer";
import { median, runLoad, type LoadRequest, type LoadResult, type PerRequest, type RunningService } from "./service";

export const LOOKUP_GOVERNMENT = `query Lookup($id: String!) { subject(identifier: $id) { name identifier sex records { title tier expiresOn } listEntries { list status } measureApplications { outcome } objections { state } } }`;
export const LOOKUP_PUBLIC = `query Lookup($id: String!) { subject(identifier: $id) { name identifier records { title tier expiresOn } listEntries { list status } } }`;
export const SCREEN = `query Screen($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_RESOURCE_TRADING) { identifier decision reasons error measures { code } } }`;
const GOVERNMENT: Viewer = { role: "GOVERNMENT", actor: "bench", org: "BENCH-GOV", subject: null, purpose: "PUBLIC_RESOURCE_TRADING" };

/**
 * `prepare(requests)` runs before every run with the number of requests it must cover: single-use
 * signatures expire after 30 s, so they are signed per run, and only one for the check request.
 */
export type Variant = Readonly<{ name: string; request: LoadRequest; prepare?: (requests: number) => Promise<PerRequest> }>;
export type Measured = Readonly<{ name: string; rounds: LoadResult[]; requestsPerSecond: number; p50: number; p99: number; cpuMsPerRequest: number; errors: number }>;

/** Sends one request and fails loudly on GraphQL errors: autocannon counts HTTP statuses only. */
async function expectAnswered(variant: Variant): Promise<void> {
  const perRequest = await variant.prepare?.(1);
  const response = await fetch(variant.request.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...variant.request.headers, ...perRequest?.().headers },
    body: variant.request.body,
  });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors) throw new Error(`${variant.name}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`);
}

const WARMUP_SECONDS = 2;

/** Runs the variants interleaved (A B C A B C …), `rounds` times each after a warm-up; medians over rounds. */
export async function compare(
  service: RunningService,
  variants: readonly Variant[],
  options: { rounds: number; seconds: number; connections: number; /** For variants with `prepare`: at least the requests one run sends. */ signaturesPerRun?: number },
): Promise<Measured[]> {
  for (const variant of variants) await expectAnswered(variant);
  // A short unmeasured run each, so that no variant's first round pays for the JIT compiling its code path.
  for (const variant of variants) {
    const perRequest = await variant.prepare?.(options.signaturesPerRun ?? 1);
    await runLoad(service, { ...variant.request, ...(perRequest ? { perRequest } : {}) }, { connections: options.connections, seconds: WARMUP_SECONDS });
  }
  const results = new Map<string, LoadResult[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of variants) {
      console.error(`  ${variant.name}, round ${round + 1}/${options.rounds}, ${options.connections} connection(s), ${options.seconds} s …`);
      if (variant.prepare && !options.signaturesPerRun) throw new Error(`${variant.name} signs its requests: pass signaturesPerRun`);
      const perRequest = await variant.prepare?.(options.signaturesPerRun!);
      results.get(variant.name)!.push(await runLoad(service, { ...variant.request, ...(perRequest ? { perRequest } : {}) }, options));
    }
  }
  return variants.map(({ name }) => {
    const rounds = results.get(name)!;
    return {
      name,
      rounds,
      requestsPerSecond: median(rounds.map((run) => run.requestsPerSecond)),
      p50: median(rounds.map((run) => run.p50)),
      p99: median(rounds.map((run) => run.p99)),
      cpuMsPerRequest: median(rounds.map((run) => run.cpuMsPerRequest)),
      errors: rounds.reduce((sum, run) => sum + run.errors, 0),
    };
  });
}

const graphql = (query: string, variables: Record<string, unknown>) => JSON.stringify({ query, variables, operationName: query.match(/query (\w+)/)![1] });

export async function governmentHeaders(jwtSecret: string): Promise<Record<string, string>> {
  const token = await mintToken(jwtSecret, { role: "GOVERNMENT", org: GOVERNMENT.org!, ttl: "2h" });
  return { authorization: `Bearer ${token}`, "x-credit-purpose": GOVERNMENT.purpose! };
}

/** Single-use subgraph signatures, signed ahead of a run (autocannon's per-request hook is synchronous). */
async function presigned(jwtSecret: string, subgraph: string, body: string, count: number): Promise<PerRequest> {
  const signingKey = deriveSubgraphSigningKey(jwtSecret);
  const { query, variables, operationName } = JSON.parse(body) as { query: string; variables: Record<string, unknown>; operationName: string };
  const signatures = Array.from({ length: count }, () => signSubgraphRequest(signingKey, { viewer: GOVERNMENT, requestId: randomUUID() }, subgraph, { query, operationName, variables }));
  let next = 0;
  return () => ({ headers: { [SIGNATURE_HEADER]: signatures[next++ % count]! } });
}

/**
 * Each request asks for the next of `identifiers`, as real callers do. Sending one identical request
 * over and over would measure Hive Gateway's inflight deduplication (on by default: concurrent
 * identical subgraph fetches share one answer) rather than the gateways' work — docs/performance.md.
 */
function rotating(url: string, query: string, identifiers: readonly string[], headers?: Record<string, string>): LoadRequest {
  const bodies = identifiers.map((id) => graphql(query, { id }));
  let next = 0;
  return { url, body: bodies[0]!, ...(headers ? { headers } : {}), perRequest: () => ({ body: bodies[next++ % bodies.length]! }) };
}

/** Item 3 of issue #9: the same lookups through Hive Gateway and ours, auth and audit off (fair) and on (headline). */
export async function peerGatewayVariants(service: RunningService, jwtSecret: string, identifiers: readonly string[]): Promise<{ fair: Variant[]; headline: Variant[] }> {
  const government = await governmentHeaders(jwtSecret);
  return {
    fair: [
      { name: "ours, no auth, no audit", request: rotating(service.urls.gatewayUnaudited, LOOKUP_PUBLIC, identifiers) },
      { name: "Hive Gateway", request: rotating(service.urls.hivePublic, LOOKUP_PUBLIC, identifiers) },
    ],
    headline: [
      { name: "ours, auth + audit", request: rotating(service.urls.gateway, LOOKUP_GOVERNMENT, identifiers, government) },
      { name: "Hive Gateway (signs the same viewer)", request: rotating(service.urls.hiveGovernment, LOOKUP_GOVERNMENT, identifiers) },
    ],
  };
}

/** Items 1 and 2: the 1,000-identifier screen through the gateway, straight to the measures subgraph, and as bare SQL over HTTP. */
export async function screenVariants(service: RunningService, jwtSecret: string, identifiers: readonly string[]): Promise<Variant[]> {
  const body = graphql(SCREEN, { ids: identifiers });
  return [
    { name: "through gateway (auth, audit)", request: { url: service.urls.gateway, body, headers: await governmentHeaders(jwtSecret) } },
    { name: "straight to subgraph", request: { url: service.urls.subgraphs.measures!, body }, prepare: (count) => presigned(jwtSecret, "measures", body, count) },
    { name: "bare SQL + audit insert", request: { url: service.urls.sql, body: JSON.stringify({ ids: identifiers }) } },
  ];
}

/** The same lookup straight to the subjects subgraph, for the lookup's gateway overhead (item 1). */
export async function lookupVariants(service: RunningService, jwtSecret: string, identifier: string): Promise<Variant[]> {
  const government = await governmentHeaders(jwtSecret);
  const subjectOnly = `query Lookup($id: String!) { subject(identifier: $id) { name identifier sex } }`;
  const direct = graphql(subjectOnly, { id: identifier });
  return [
    { name: "subject fields through gateway", request: { url: service.urls.gateway, body: direct, headers: government } },
    { name: "subject fields straight to subgraph", request: { url: service.urls.subgraphs.subjects!, body: direct }, prepare: (count) => presigned(jwtSecret, "subjects", direct, count) },
  ];
}
