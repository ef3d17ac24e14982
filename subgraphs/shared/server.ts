import type { KeyObject } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CreditError, UnauthenticatedError } from "../../platform/errors";
import {
  BodyTooLargeError,
  executeWithApollo,
  parseJsonBody,
  readBody,
  writeRefusal,
} from "../../platform/http";
import type { Logger } from "../../platform/logger";
import {
  ReplayGuard,
  SIGNATURE_HEADER,
  SignatureError,
  verifySubgraphRequest,
} from "../../platform/subgraph-signature";
import { inServerSpan } from "../../platform/telemetry";
import type { SubgraphExecutor } from "./executor";

export type SubgraphServerOptions<TLoaders> = Readonly<{
  /** The subgraph's schema, context and error mask (executor.ts), shared with the in-process shape. */
  executor: SubgraphExecutor<TLoaders>;
  /** The Ed25519 public keys of the gateway this subgraph accepts signatures from (several while rotating). */
  verifyKeys: readonly KeyObject[];
  logger: Logger;
  maxBodyBytes: number;
}>;

export type RunningSubgraph = Readonly<{ name: string; url: string; stop(): Promise<void> }>;

/**
 * Serves one subgraph over HTTP. Every GraphQL request must carry the gateway's signature over this
 * very operation (see platform/subgraph-signature.ts): `_entities` and `_service` included, nothing is
 * answered to a caller that went around the gateway. Stopping the server stops its executor too.
 */
export async function startSubgraphServer<TLoaders>(
  options: SubgraphServerOptions<TLoaders>,
  port: number,
  host: string,
): Promise<RunningSubgraph> {
  const { executor, logger } = options;
  const { name, apollo } = executor;
  const replayGuard = new ReplayGuard();

  const server: Server = createServer((request, response) => {
    /** Transport refusals pass the same error boundary as GraphQL errors; anything unexpected is logged and masked. */
    const refuse = (error: unknown) =>
      writeRefusal(response, error, (original) =>
        logger.error({ err: original, subgraph: name }, "subgraph request failed"),
      );
    void inServerSpan(`subgraph ${name}`, request.headers, async () => {
      const url = new URL(request.url ?? "/", "http://localhost");
      if (url.pathname === "/health") {
        response.end("ok");
        return;
      }
      if (url.pathname !== "/graphql") {
        refuse(new CreditError("NOT_FOUND", "the GraphQL endpoint is /graphql", { http: { status: 404 } }));
        return;
      }
      if (request.method !== "POST") {
        refuse(
          new CreditError("BAD_USER_INPUT", "subgraphs accept only POST from the gateway", {
            http: { status: 405 },
          }),
        );
        return;
      }
      const body = parseJsonBody(request, await readBody(request, options.maxBodyBytes));
      const operation = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
      const signature = request.headers[SIGNATURE_HEADER];
      const claims = verifySubgraphRequest(
        options.verifyKeys,
        typeof signature === "string" ? signature : undefined,
        name,
        {
          query: typeof operation.query === "string" ? operation.query : undefined,
          operationName: typeof operation.operationName === "string" ? operation.operationName : null,
          variables: (operation.variables as Record<string, unknown> | undefined) ?? null,
        },
        replayGuard,
      );
      await executeWithApollo(apollo, request, response, body, async () =>
        executor.contextFor(claims, "extensions"),
      );
    }).catch((error: unknown) => {
      if (response.headersSent) {
        response.destroy();
      } else if (error instanceof SignatureError) {
        logger.warn({ subgraph: name, reason: error.message }, "refused unsigned request");
        refuse(new UnauthenticatedError("this subgraph answers only requests signed by the gateway"));
      } else if (error instanceof BodyTooLargeError) {
        refuse(new CreditError("BAD_USER_INPUT", error.message, { http: { status: 413 } }));
      } else {
        refuse(error);
      }
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, resolve);
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host === "0.0.0.0" ? "127.0.0.1" : host}:${address.port}/graphql`;
  logger.info({ subgraph: name, url }, "subgraph listening");
  return {
    name,
    url,
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await executor.stop();
    },
  };
}
