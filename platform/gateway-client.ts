export type GatewayError = Readonly<{
  message: string;
  extensions?: { code?: string; problems?: unknown; retryAfterSeconds?: number };
}>;

export type GatewayAnswer<T> = Readonly<{ data?: T | null; errors?: readonly GatewayError[] }>;

/** Nothing answers at the gateway's URL (not started, wrong port, wrong host). */
export class GatewayUnreachableError extends Error {
  override readonly name = "GatewayUnreachableError";
}

export type GatewayClientOptions = Readonly<{
  /** The gateway's GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string;
  /** A bearer token for each request (minted fresh, so that long jobs outlive a token's lifetime). */
  token: () => Promise<string>;
  /** How often a request answered SERVICE_UNAVAILABLE or RATE_LIMITED is tried again; default 5. */
  retries?: number;
  /** How long one request may take before it counts as lost; default 5 minutes. */
  timeoutMs?: number;
}>;

const RETRIED = new Set(["SERVICE_UNAVAILABLE", "RATE_LIMITED"]);

/**
 * The command-line tools' way into the running service: every request goes through the gateway (so it
 * is authorized and audited like any other) with a bearer token. A busy gateway's `retryAfterSeconds` is
 * waited out; use it only for operations that are safe to repeat.
 */
export function createGatewayClient(options: GatewayClientOptions) {
  const retries = options.retries ?? 5;
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<GatewayAnswer<T>> {
      for (let attempt = 0; ; attempt++) {
        let response: Response;
        try {
          response = await fetch(options.url, {
            method: "POST",
            headers: { "content-type": "application/json", authorization: `Bearer ${await options.token()}` },
            body: JSON.stringify({ query, variables }),
            signal: AbortSignal.timeout(options.timeoutMs ?? 300_000),
          });
        } catch (error) {
          const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
          if (cause === "ECONNREFUSED" || cause === "ENOTFOUND" || cause === "EAI_AGAIN") {
            throw new GatewayUnreachableError(
              `no service answers at ${options.url} (${cause}): start it with npm start, or point CREDIT_GATEWAY_URL (or --gateway) at its gateway`,
            );
          }
          throw new Error(`the request to ${options.url} failed (${cause}); its answer was lost`);
        }
        let answer: GatewayAnswer<T>;
        try {
          answer = (await response.json()) as GatewayAnswer<T>;
        } catch {
          throw new Error(
            `${options.url} answered HTTP ${response.status} without a GraphQL answer; is it the gateway's /graphql endpoint?`,
          );
        }
        const busy = answer.errors?.find((error) => RETRIED.has(error.extensions?.code ?? ""));
        if (!busy || attempt >= retries) return answer;
        const seconds = Math.min(60, Math.max(1, busy.extensions?.retryAfterSeconds ?? 2 ** attempt));
        await new Promise((resolve) => setTimeout(resolve, seconds * 1_000));
      }
    },
  };
}

export type GatewayClient = ReturnType<typeof createGatewayClient>;
