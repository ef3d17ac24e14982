import { describe, expect, it, vi } from "vitest";
import type { GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import { CreditError } from "../platform/errors";
import { createLogger } from "../platform/logger";
import type { Viewer } from "../platform/viewer";
import type { SubgraphRequestClaims } from "../platform/subgraph-signature";
import type { GatewayContext } from "./context";
import { InProcessDataSource, type InProcessSubgraph } from "./in-process-data-source";

const logger = createLogger({ logLevel: "silent" });
const VIEWER: Viewer = {
  role: "GOVERNMENT",
  actor: "officer-1",
  org: "HA-GOV",
  subject: null,
  purpose: "SUPERVISION",
};

/** A subgraph that records what it was handed and answers as the executor would (or never, `hang`). */
function fakeExecutor(answer: "ok" | "hang" = "ok") {
  const disclosed = [
    {
      entityType: "CreditRecord",
      tiers: ["PUBLIC" as const],
      consentIds: [],
      subjectIds: ["s-1"],
      subjectIdentifiers: ["91320800MA0000001X"],
      counts: [1],
    },
  ];
  const executeHandedOver = vi.fn((_operation: unknown, _verified: SubgraphRequestClaims) =>
    answer === "hang"
      ? new Promise<never>(() => {})
      : Promise.resolve({ status: 200, result: { data: { records: [] } }, disclosed }),
  );
  const executor: InProcessSubgraph = { name: "records", executeHandedOver };
  return { executor, executeHandedOver };
}

function fetchOptions(context: Partial<GatewayContext>): GraphQLDataSourceProcessOptions<GatewayContext> {
  return {
    kind: "incoming operation",
    request: { query: "{ records { id } }", variables: {} },
    context,
  } as unknown as GraphQLDataSourceProcessOptions<GatewayContext>;
}

function gatewayContext(overrides: Partial<GatewayContext> = {}): Partial<GatewayContext> {
  return {
    viewer: VIEWER,
    requestId: "request-1",
    clientAddress: "192.0.2.1",
    disclosures: [],
    ...overrides,
  };
}

async function refusal(promise: Promise<unknown>): Promise<CreditError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(CreditError);
  return error as CreditError;
}

describe("InProcessDataSource", () => {
  it.each([
    ["no context at all (Apollo's own health check)", {}],
    ["no viewer", { requestId: "request-1", disclosures: [] }],
    ["no request id", { viewer: VIEWER, disclosures: [] }],
    ["a viewer of no known role", gatewayContext({ viewer: { ...VIEWER, role: "ROOT" as Viewer["role"] } })],
  ])("fails closed on %s: UNAUTHENTICATED, and the subgraph never runs", async (_case, context) => {
    const { executor, executeHandedOver } = fakeExecutor();
    const error = await refusal(
      new InProcessDataSource({ executor, timeoutMs: 1_000, logger }).process(fetchOptions(context)),
    );
    expect(error.code).toBe("UNAUTHENTICATED");
    expect(executeHandedOver).not.toHaveBeenCalled();
  });

  it("hands the gateway's verified viewer, request id and caller to the subgraph, and its disclosures back as objects", async () => {
    const { executor, executeHandedOver } = fakeExecutor();
    const context = gatewayContext();
    const response = await new InProcessDataSource({ executor, timeoutMs: 1_000, logger }).process(
      fetchOptions(context),
    );
    expect(executeHandedOver).toHaveBeenCalledWith(expect.objectContaining({ query: "{ records { id } }" }), {
      viewer: VIEWER,
      requestId: "request-1",
      caller: "officer-1",
      network: "address:192.0.2.1",
    });
    expect(response).toEqual({ data: { records: [] }, errors: undefined, extensions: undefined });
    expect(context.disclosures).toEqual([
      {
        entityType: "CreditRecord",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: ["s-1"],
        subjectIdentifiers: ["91320800MA0000001X"],
        counts: [1],
        subgraph: "records",
      },
    ]);
  });

  it("charges an anonymous caller's budgets to its address, as the signed claims do", async () => {
    const { executor, executeHandedOver } = fakeExecutor();
    const anonymous: Viewer = { role: "PUBLIC", actor: null, org: null, subject: null, purpose: null };
    await new InProcessDataSource({ executor, timeoutMs: 1_000, logger }).process(
      fetchOptions(gatewayContext({ viewer: anonymous })),
    );
    expect(executeHandedOver).toHaveBeenCalledWith(expect.anything(), {
      viewer: anonymous,
      requestId: "request-1",
      caller: "address:192.0.2.1",
      network: "address:192.0.2.1",
    });
  });

  it("cuts a subgraph that does not answer at the timeout: SERVICE_UNAVAILABLE, nothing disclosed, the fetch counted unavailable", async () => {
    const { executor } = fakeExecutor("hang");
    const observeFetch = vi.fn();
    const context = gatewayContext();
    const startedAt = performance.now();
    const error = await refusal(
      new InProcessDataSource({ executor, timeoutMs: 50, logger, observeFetch }).process(
        fetchOptions(context),
      ),
    );
    expect(error.code).toBe("SERVICE_UNAVAILABLE");
    expect(error.message).not.toContain("50 ms");
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(context.disclosures).toEqual([]);
    expect(observeFetch).toHaveBeenCalledWith("unavailable", expect.any(Number));
  });
});
