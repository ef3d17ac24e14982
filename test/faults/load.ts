import { errorCodes, type GraphQLResult, type TestFederation } from "../harness";

/** One answered request of a load run. */
export type Outcome = Readonly<{
  requestId: string | null;
  status: number;
  codes: string[];
  messages: string[];
  /** Answered with data and no error: the answer a caller could act on. */
  ok: boolean;
  hasData: boolean;
  startedAt: number;
  durationMs: number;
  /** The HTTP request itself failed: the gateway did not answer at all. */
  transportError: string | null;
}>;

export type Operation = (federation: TestFederation) => Promise<GraphQLResult>;

/** The demo company of README's first query. */
export const DEMO_COMPANY = "91320802MA1000000F";

/** A public lookup crossing the subjects, records and lists subgraphs, and a screening through measures. */
export async function mixedOperations(federation: TestFederation): Promise<Operation[]> {
  const government = await federation.token({ role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" });
  return [
    (f) =>
      f.query(
        `query Lookup($id: String!) { subject(identifier: $id) { name records { title } listEntries { list status } } }`,
        { variables: { id: DEMO_COMPANY } },
      ),
    (f) =>
      f.query(
        `query Screen($ids: [String!]!) { screen(identifiers: $ids, scenario: ADMINISTRATIVE_LICENSING) { identifier decision } }`,
        {
          token: government,
          purpose: "ADMINISTRATIVE_LICENSING",
          variables: { ids: [DEMO_COMPANY] },
        },
      ),
  ];
}

async function timed(federation: TestFederation, operation: Operation): Promise<Outcome> {
  const startedAt = performance.now();
  try {
    const result = await operation(federation);
    return {
      requestId: result.headers.get("x-request-id"),
      status: result.status,
      codes: errorCodes(result),
      messages: (result.errors ?? []).map(
        (error) => `${error.extensions?.code}: ${error.message} at ${error.path?.join(".") ?? "-"}`,
      ),
      ok: result.status === 200 && !result.errors?.length && result.data != null,
      hasData: result.data != null && Object.values(result.data).some((value) => value != null),
      startedAt,
      durationMs: performance.now() - startedAt,
      transportError: null,
    };
  } catch (error) {
    return {
      requestId: null,
      status: 0,
      codes: [],
      messages: [],
      ok: false,
      hasData: false,
      startedAt,
      durationMs: performance.now() - startedAt,
      transportError: String(error),
    };
  }
}

/** `clients` concurrent loops sending the operations round-robin until `stop()`; resolves with every outcome. */
export function runLoad(
  federation: TestFederation,
  operations: Operation[],
  clients: number,
): { outcomes: Outcome[]; stop(): Promise<Outcome[]> } {
  const outcomes: Outcome[] = [];
  let running = true;
  const loops = Array.from({ length: clients }, async (_, client) => {
    for (let turn = client; running; turn++) {
      outcomes.push(await timed(federation, operations[turn % operations.length]!));
    }
  });
  return {
    outcomes,
    async stop() {
      running = false;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

/** Sends the operations until one is answered OK; returns how long that took, or null after `withinMs`. */
export async function timeToRecovery(
  federation: TestFederation,
  operation: Operation,
  withinMs: number,
): Promise<number | null> {
  const startedAt = performance.now();
  while (performance.now() - startedAt < withinMs) {
    if ((await timed(federation, operation)).ok) return performance.now() - startedAt;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return null;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
