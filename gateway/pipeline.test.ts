import type { IncomingMessage } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { HeaderMap, type HTTPGraphQLResponse } from "@apollo/server";
import { GraphQLError } from "graphql";
import { CreditError } from "../platform/errors";
import { PUBLIC_VIEWER } from "../platform/viewer";
import { errorCodesOf, NOTHING_SENT, runPipeline, type GatewayPlugin, type GatewayRequest } from "./pipeline";

function request(): GatewayRequest {
  return {
    http: { method: "POST", headers: {}, url: "/graphql" } as IncomingMessage,
    path: "/graphql",
    context: {
      viewer: PUBLIC_VIEWER,
      requestId: "r",
      clientAddress: null,
      startedAt: 0,
      startedAtMonotonic: 0,
      disclosures: [],
      audit: { written: false },
      observed: { operation: "unresolved" },
    },
    headers: {},
    operation: NOTHING_SENT,
    cost: 1,
    bodyBytes: 0,
  };
}

const ok = async (): Promise<HTTPGraphQLResponse> => ({
  status: 200,
  headers: new HeaderMap(),
  body: { kind: "complete", string: '{"data":{}}' },
});
const bodyOf = (answer: HTTPGraphQLResponse) =>
  JSON.parse(answer.body.kind === "complete" ? answer.body.string : "") as {
    errors: Array<{ message: string; extensions: Record<string, unknown> }>;
  };

/** Runs `inner` inside a plugin that records what it saw coming back. */
async function seenFromOutside(inner: GatewayPlugin, execute = ok) {
  const seen: HTTPGraphQLResponse[] = [];
  const onInternal = vi.fn();
  const outer: GatewayPlugin = async (_request, next) => {
    const answer = await next();
    seen.push(answer);
    return answer;
  };
  const answer = await runPipeline([outer, inner], request(), execute, onInternal);
  return { answer, seen, onInternal };
}

describe("the gateway's pipeline: one error boundary", () => {
  it("turns a plugin's refusal into an answer the plugins outside it see, with the code's status and the error's own details", async () => {
    const { answer, seen, onInternal } = await seenFromOutside(async () => {
      throw new CreditError("RATE_LIMITED", "too many", { retryAfterSeconds: 7 });
    });
    expect(seen).toEqual([answer]);
    expect(answer.status).toBe(429);
    expect(bodyOf(answer)).toEqual({
      errors: [{ message: "too many", extensions: { retryAfterSeconds: 7, code: "RATE_LIMITED" } }],
    });
    expect(errorCodesOf(answer)).toEqual(["RATE_LIMITED"]);
    expect(onInternal).not.toHaveBeenCalled();
  });

  it("answers with the status a refusal names, which the client never reads", async () => {
    const { answer } = await seenFromOutside(async () => {
      throw new CreditError("QUERY_TOO_COMPLEX", "too big", { limit: "maxBodyBytes", http: { status: 413 } });
    });
    expect(answer.status).toBe(413);
    expect(bodyOf(answer).errors[0]!.extensions).toEqual({
      limit: "maxBodyBytes",
      code: "QUERY_TOO_COMPLEX",
    });
  });

  it("masks anything else as INTERNAL_SERVER_ERROR (500) — its message and extensions never reach the client — and hands it to be logged once", async () => {
    const leak = new GraphQLError("password=hunter2 at 10.0.0.7", {
      extensions: { code: "BAD_USER_INPUT", problems: ["hunter2"], secret: "hunter2" },
    });
    const { answer, onInternal } = await seenFromOutside(async () => {
      throw leak;
    });
    expect(answer.status).toBe(500);
    expect(JSON.stringify(bodyOf(answer))).not.toContain("hunter2");
    expect(errorCodesOf(answer)).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(onInternal).toHaveBeenCalledTimes(1);
    expect(onInternal).toHaveBeenCalledWith(leak);
  });

  it("tells a client whose request met a lost database to retry (503 SERVICE_UNAVAILABLE), from the plugins or from execution alike", async () => {
    const lost = Object.assign(new Error("Connection terminated unexpectedly"), { code: "57P01" });
    const fromPlugin = await seenFromOutside(async () => {
      throw lost;
    });
    const fromExecution = await seenFromOutside(
      (_request, next) => next(),
      async () => {
        throw lost;
      },
    );
    for (const { answer, seen } of [fromPlugin, fromExecution]) {
      expect(seen).toEqual([answer]);
      expect(answer.status).toBe(503);
      expect(bodyOf(answer).errors[0]!.extensions).toMatchObject({
        code: "SERVICE_UNAVAILABLE",
        retryAfterSeconds: 5,
      });
    }
  });

  it("runs the plugins in order around the execution, each seeing the answer on its way out", async () => {
    const order: string[] = [];
    const named =
      (name: string): GatewayPlugin =>
      async (_request, next) => {
        order.push(`${name} in`);
        const answer = await next();
        order.push(`${name} out`);
        return answer;
      };
    await runPipeline(
      [named("a"), named("b")],
      request(),
      async () => (order.push("execute"), ok()),
      () => {},
    );
    expect(order).toEqual(["a in", "b in", "execute", "b out", "a out"]);
  });
});
