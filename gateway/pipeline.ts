import type { IncomingMessage } from "node:http";
import type { HTTPGraphQLResponse } from "@apollo/server";
import { refusalAnswer } from "../platform/http";
import type { GatewayContext } from "./context";

/** The operation as the client sent it, from a POST body or a GET query string; nulls until `useBody` has read it. */
export type SentOperation = Readonly<{
  body: unknown;
  query: string | null;
  variables: unknown;
  operationName: string | null;
}>;

export const NOTHING_SENT: SentOperation = Object.freeze({
  body: undefined,
  query: null,
  variables: undefined,
  operationName: null,
});

/** One request to the gateway on its way through the plugins. */
export type GatewayRequest = {
  readonly http: IncomingMessage;
  readonly path: string;
  readonly context: GatewayContext;
  /** Headers every answer to this request carries: its id, CORS, and `Retry-After` when a plugin refuses for a while. */
  readonly headers: Record<string, string>;
  operation: SentOperation;
  /** Units of work the operation asks for (`useQueryLimits`), charged to the rate and admission budgets. */
  cost: number;
  /** Bytes the client sent for the operation (`useBody`): the POST body, or a GET's query string. */
  bodyBytes: number;
};

export type Next = () => Promise<HTTPGraphQLResponse>;

/**
 * One step of the gateway's pipeline, in the manner of Hive Gateway's `useX(options)` plugins: it refuses
 * by throwing a `CreditError`, answers itself, or calls `next` and may look at the answer on its way out.
 */
export type GatewayPlugin = (request: GatewayRequest, next: Next) => Promise<HTTPGraphQLResponse>;

/**
 * Runs the plugins in order around `execute`. Whatever a plugin throws becomes an answer at once, through
 * `refusalAnswer`, so every plugin outside it sees an answer, never an exception.
 */
export function runPipeline(
  plugins: readonly GatewayPlugin[],
  request: GatewayRequest,
  execute: Next,
  onInternal: (error: unknown) => void,
): Promise<HTTPGraphQLResponse> {
  const step = async (index: number): Promise<HTTPGraphQLResponse> => {
    try {
      return await (index === plugins.length ? execute() : plugins[index]!(request, () => step(index + 1)));
    } catch (error) {
      return refusalAnswer(error, onInternal);
    }
  };
  return step(0);
}

/** The contract codes of an answer (Apollo's own HTTP-level refusals — bad JSON, CSRF, batches, methods — and ours). */
export function errorCodesOf(answer: HTTPGraphQLResponse): string[] {
  if (answer.body.kind !== "complete" || answer.body.string === "") return [];
  try {
    const parsed = JSON.parse(answer.body.string) as { errors?: Array<{ extensions?: { code?: unknown } }> };
    return (parsed.errors ?? []).map((error) => String(error.extensions?.code ?? "BAD_USER_INPUT"));
  } catch {
    return ["BAD_USER_INPUT"];
  }
}
