import { randomUUID, type KeyObject } from "node:crypto";
import { SIGNATURE_HEADER, signSubgraphRequest } from "../platform/subgraph-signature";
import { mintToken } from "../platform/tokens";
import type { Viewer } from "../platform/viewer";
import { request } from "undici";
import {
  median,
  runLoad,
  runSequences,
  type LoadRequest,
  type LoadResult,
  type PerRequest,
  type RunningService,
} from "./service";

export const LOOKUP_GOVERNMENT = `query Lookup($id: String!) { subject(identifier: $id) { name identifier sex records { title tier expiresOn } listEntries { list status } measureApplications { outcome } objections { state } } }`;
export const LOOKUP_PUBLIC = `query Lookup($id: String!) { subject(identifier: $id) { name identifier records { title tier expiresOn } listEntries { list status } } }`;
export const SCREEN = `query Screen($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_RESOURCE_TRADING) { identifier decision reasons error measures { code } } }`;
const GOVERNMENT: Viewer = {
  role: "GOVERNMENT",
  actor: "bench",
  org: "BENCH-GOV",
  subject: null,
  purpose: "PUBLIC_RESOURCE_TRADING",
};

/**
 * `prepare(requests)` runs before every run with the number of requests it must cover: single-use
 * signatures expire after 30 s, so they are signed per run, and only one for the check request.
 */
export type Variant = Readonly<
  | { name: string; request: LoadRequest; prepare?: (requests: number) => Promise<PerRequest> }
  /** One call is one request made of several fetches by the load generator; it throws on any error. */
  | { name: string; sequence: () => Promise<void> }
>;
export type Measured = Readonly<{
  name: string;
  rounds: LoadResult[];
  requestsPerSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  errors: number;
}>;

/** Sends one request and fails loudly on GraphQL errors: autocannon counts HTTP statuses only. */
async function expectAnswered(variant: Variant): Promise<void> {
  if ("sequence" in variant) return variant.sequence();
  const perRequest = await variant.prepare?.(1);
  const response = await fetch(variant.request.url, {
    method: "POST",
    headers: { "content-type": "application/json", ...variant.request.headers, ...perRequest?.().headers },
    body: variant.request.body,
  });
  const body = (await response.json()) as { errors?: unknown };
  if (!response.ok || body.errors)
    throw new Error(
      `${variant.name}: ${response.status} ${JSON.stringify(body.errors ?? body).slice(0, 300)}`,
    );
}

const WARMUP_SECONDS = 2;

/** Runs the variants interleaved (A B C A B C …), `rounds` times each after a warm-up; medians over rounds. */
export async function compare(
  service: RunningService,
  variants: readonly Variant[],
  options: {
    rounds: number;
    seconds: number;
    connections: number /** For variants with `prepare`: at least the requests one run sends. */;
    signaturesPerRun?: number;
  },
): Promise<Measured[]> {
  for (const variant of variants) await expectAnswered(variant);
  const run = async (variant: Variant, seconds: number) => {
    if ("sequence" in variant)
      return runSequences(service, variant.sequence, { connections: options.connections, seconds });
    if (variant.prepare && !options.signaturesPerRun)
      throw new Error(`${variant.name} signs its requests: pass signaturesPerRun`);
    const perRequest = await variant.prepare?.(options.signaturesPerRun!);
    return runLoad(
      service,
      { ...variant.request, ...(perRequest ? { perRequest } : {}) },
      { connections: options.connections, seconds },
    );
  };
  // A short unmeasured run each, so that no variant's first round pays for the JIT compiling its code path.
  for (const variant of variants) await run(variant, WARMUP_SECONDS);
  const results = new Map<string, LoadResult[]>(variants.map((variant) => [variant.name, []]));
  for (let round = 0; round < options.rounds; round++) {
    for (const variant of variants) {
      console.error(
        `  ${variant.name}, round ${round + 1}/${options.rounds}, ${options.connections} connection(s), ${options.seconds} s …`,
      );
      results.get(variant.name)!.push(await run(variant, options.seconds));
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

/** The JSON body of one named operation (its name read from the document). */
export const operationBody = (query: string, variables: Record<string, unknown>) =>
  JSON.stringify({ query, variables, operationName: query.match(/query (\w+)/)![1] });

export async function governmentHeaders(jwtSecret: string): Promise<Record<string, string>> {
  const token = await mintToken(jwtSecret, { role: "GOVERNMENT", org: GOVERNMENT.org!, ttl: "2h" });
  return { authorization: `Bearer ${token}`, "x-credit-purpose": GOVERNMENT.purpose! };
}

/** Single-use subgraph signatures, signed ahead of a run (autocannon's per-request hook is synchronous). */
async function presigned(
  signingKey: KeyObject,
  subgraph: string,
  body: string,
  count: number,
): Promise<PerRequest> {
  const { query, variables, operationName } = JSON.parse(body) as {
    query: string;
    variables: Record<string, unknown>;
    operationName: string;
  };
  const signatures = Array.from({ length: count }, () =>
    signSubgraphRequest(
      signingKey,
      { viewer: GOVERNMENT, requestId: randomUUID(), caller: "bench" },
      subgraph,
      { query, operationName, variables },
    ),
  );
  let next = 0;
  return () => ({ headers: { [SIGNATURE_HEADER]: signatures[next++ % count]! } });
}

/**
 * Each request asks for the next of `identifiers`, as real callers do. Sending one identical request
 * over and over would measure Hive Gateway's inflight deduplication (on by default: concurrent
 * identical subgraph fetches share one answer) rather than the gateways' work — docs/decisions/0001-measure-side-by-side.md.
 */
function rotating(
  url: string,
  query: string,
  identifiers: readonly string[],
  headers?: Record<string, string>,
): LoadRequest {
  const bodies = identifiers.map((id) => operationBody(query, { id }));
  let next = 0;
  return {
    url,
    body: bodies[0]!,
    ...(headers ? { headers } : {}),
    perRequest: () => ({ body: bodies[next++ % bodies.length]! }),
  };
}

/** The peer comparison: the same lookups through Hive Gateway and ours, auth and audit off (fair) and on (headline). */
export async function peerGatewayVariants(
  service: RunningService,
  jwtSecret: string,
  identifiers: readonly string[],
): Promise<{ fair: Variant[]; headline: Variant[] }> {
  const government = await governmentHeaders(jwtSecret);
  return {
    fair: [
      {
        name: "ours, no auth, no audit",
        request: rotating(service.urls.gatewayUnaudited, LOOKUP_PUBLIC, identifiers),
      },
      { name: "Hive Gateway", request: rotating(service.urls.hivePublic, LOOKUP_PUBLIC, identifiers) },
    ],
    headline: [
      {
        name: "ours, auth + audit",
        request: rotating(service.urls.gateway, LOOKUP_GOVERNMENT, identifiers, government),
      },
      {
        name: "Hive Gateway (signs the same viewer)",
        request: rotating(service.urls.hiveGovernment, LOOKUP_GOVERNMENT, identifiers),
      },
    ],
  };
}

/** Items 1 and 2: the 1,000-identifier screen through the gateway, straight to the measures subgraph, and as bare SQL over HTTP. */
export async function screenVariants(
  service: RunningService,
  jwtSecret: string,
  signingKey: KeyObject,
  identifiers: readonly string[],
): Promise<Variant[]> {
  const body = operationBody(SCREEN, { ids: identifiers });
  return [
    {
      name: "through gateway (auth, audit)",
      request: { url: service.urls.gateway, body, headers: await governmentHeaders(jwtSecret) },
    },
    {
      name: "straight to subgraph",
      request: { url: service.urls.subgraphs.measures!, body },
      prepare: (count) => presigned(signingKey, "measures", body, count),
    },
    {
      name: "bare SQL + audit insert",
      request: { url: service.urls.sql, body: JSON.stringify({ ids: identifiers }) },
    },
    {
      name: ONE_PROCESS_SCREEN,
      request: { url: service.urls.gatewayInProcess, body, headers: await governmentHeaders(jwtSecret) },
    },
    // The same gateway without the audit: "screen, audit on ÷ off". Absent when only the product runs.
    ...(service.urls.gatewayUnaudited
      ? [
          {
            name: "through gateway (auth, no audit)",
            request: {
              url: service.urls.gatewayUnaudited,
              body,
              headers: await governmentHeaders(jwtSecret),
            },
          },
        ]
      : []),
  ];
}

/** The variants measuring `npm start`'s shape: the gateway executing its subgraphs in its own process. */
export const ONE_PROCESS_SCREEN = "through the one-process gateway (subgraphs in process; auth, audit)";
export const ONE_PROCESS_LOOKUP =
  "lookup across all subgraphs through the one-process gateway (subgraphs in process)";

/** The same lookup straight to the subjects subgraph, for the lookup's gateway overhead. */
export async function lookupVariants(
  service: RunningService,
  jwtSecret: string,
  signingKey: KeyObject,
  identifier: string,
): Promise<Variant[]> {
  const government = await governmentHeaders(jwtSecret);
  const subjectOnly = `query Lookup($id: String!) { subject(identifier: $id) { name identifier sex } }`;
  const direct = operationBody(subjectOnly, { id: identifier });
  return [
    {
      name: "subject fields through gateway",
      request: { url: service.urls.gateway, body: direct, headers: government },
    },
    {
      name: "subject fields straight to subgraph",
      request: { url: service.urls.subgraphs.subjects!, body: direct },
      prepare: (count) => presigned(signingKey, "subjects", direct, count),
    },
  ];
}

/** POSTs one GraphQL operation with the load generator's connection pool; throws on any error in the answer. */
async function post<T>(
  url: string,
  body: Record<string, unknown>,
  headers: Record<string, string>,
): Promise<T> {
  const response = await request(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  const answer = (await response.body.json()) as { data?: T; errors?: unknown };
  if (response.statusCode !== 200 || answer.errors || !answer.data)
    throw new Error(`${response.statusCode} ${JSON.stringify(answer.errors ?? answer).slice(0, 300)}`);
  return answer.data;
}

/** The fields of LOOKUP_GOVERNMENT each subgraph contributes to a Subject, as the gateway's plan asks them. */
const ENTITY_FIELDS: Readonly<Record<string, string>> = {
  records: "records { title tier expiresOn }",
  lists: "listEntries { list status }",
  measures: "measureApplications { outcome }",
  repair: "objections { state }",
};

/**
 * Item 1, the lookup crossing all subgraphs: through the gateway (auth, audit), and straight to the
 * subgraphs — the load generator doing what the gateway's plan does (the subject from `subjects`, then
 * the four `_entities` fetches at once), each fetch signed for the same viewer. People in turn.
 */
export async function crossingLookupVariants(
  service: RunningService,
  jwtSecret: string,
  signingKey: KeyObject,
  identifiers: readonly string[],
): Promise<Variant[]> {
  const government = await governmentHeaders(jwtSecret);
  const signed = (subgraph: string, query: string, variables: Record<string, unknown>) =>
    post<Record<string, unknown>>(
      service.urls.subgraphs[subgraph]!,
      { query, variables },
      {
        [SIGNATURE_HEADER]: signSubgraphRequest(
          signingKey,
          { viewer: GOVERNMENT, requestId: randomUUID(), caller: "bench" },
          subgraph,
          { query, operationName: null, variables },
        ),
      },
    );
  const subjectQuery = `query ($id: String!) { subject(identifier: $id) { __typename id name identifier sex } }`;
  let next = 0;
  return [
    {
      name: "lookup across all subgraphs through gateway",
      sequence: async () =>
        void (await post(
          service.urls.gateway,
          {
            query: LOOKUP_GOVERNMENT,
            variables: { id: identifiers[next++ % identifiers.length] },
            operationName: "Lookup",
          },
          government,
        )),
    },
    {
      name: ONE_PROCESS_LOOKUP,
      sequence: async () =>
        void (await post(
          service.urls.gatewayInProcess,
          {
            query: LOOKUP_GOVERNMENT,
            variables: { id: identifiers[next++ % identifiers.length] },
            operationName: "Lookup",
          },
          government,
        )),
    },
    {
      name: "lookup across all subgraphs straight to the subgraphs",
      sequence: async () => {
        const { subject } = (await signed("subjects", subjectQuery, {
          id: identifiers[next++ % identifiers.length],
        })) as { subject: { id: string } | null };
        if (!subject) throw new Error("subject not found");
        const representations = [{ __typename: "Subject", id: subject.id }];
        await Promise.all(
          Object.entries(ENTITY_FIELDS).map(([subgraph, fields]) =>
            signed(
              subgraph,
              `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Subject { ${fields} } } }`,
              { representations },
            ),
          ),
        );
      },
    },
  ];
}
