import type { TypedDocumentString } from "./gql/graphql";
import { currentToken } from "./session";

/** A refusal or error as the gateway reports it: the contract code (docs/api.md "Errors") and its message. */
export class GraphQLFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

/** Whatever a request threw, as a failure the page can show (an unexpected one as INTERNAL_SERVER_ERROR). */
export function asFailure(error: unknown): GraphQLFailure {
  return error instanceof GraphQLFailure ? error : new GraphQLFailure("INTERNAL_SERVER_ERROR", String(error));
}

export type RequestOptions = Readonly<{ purpose?: string | undefined; signal?: AbortSignal | undefined }>;

/**
 * A document's variables, then the request's options: the variables may be left out only where the document
 * needs none (every variable nullable), as GraphQL allows.
 */
export type VariablesThen<Variables, Options> = {} extends Variables
  ? [variables?: Variables, options?: Options]
  : [variables: Variables, options?: Options];

/**
 * One GraphQL request to this origin's gateway, with the tab's bearer token and the purpose the viewer
 * chose (X-Credit-Purpose). Resolves to the data, typed by the document (portal/gql, generated from the
 * gateway's schema); any error rejects with its contract code.
 */
export async function request<Data, Variables>(
  document: TypedDocumentString<Data, Variables>,
  ...[variables, options = {}]: VariablesThen<Variables, RequestOptions>
): Promise<Data> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const token = currentToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (options.purpose) headers["x-credit-purpose"] = options.purpose;
  let response: Response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers,
      body: JSON.stringify({ query: document.toString(), variables: variables ?? {} }),
      signal: options.signal ?? null,
    });
  } catch (error) {
    if ((error as Error).name === "AbortError") throw error;
    throw new GraphQLFailure("NETWORK", "the service cannot be reached");
  }
  let body: {
    data?: Data | null;
    errors?: ReadonlyArray<{ message: string; extensions?: Record<string, unknown> }>;
  };
  try {
    body = (await response.json()) as typeof body;
  } catch {
    throw new GraphQLFailure("SERVICE_UNAVAILABLE", `the service answered ${response.status}`);
  }
  const first = body.errors?.[0];
  if (first)
    throw new GraphQLFailure(
      String(first.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
      first.message,
      first.extensions ?? {},
    );
  if (!body.data) throw new GraphQLFailure("SERVICE_UNAVAILABLE", `the service answered ${response.status}`);
  return body.data;
}
