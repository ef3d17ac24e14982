import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from "@opentelemetry/sdk-trace-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import { startTracing, type Tracing } from "../../platform/telemetry";
import { startTestFederation, type TestFederation } from "../harness";

const exporter = new InMemorySpanExporter();
let tracing: Tracing | null;
let federation: TestFederation;
let companyIdentifier: string;

beforeAll(async () => {
  tracing = await startTracing({ exporter: "none" }, new SimpleSpanProcessor(exporter));
  federation = await startTestFederation({ seed: "demo" });
  const company = await federation.connection.db
    .selectFrom("subjects")
    .select("identifier")
    .where("name", "=", DEMO_BLACKLISTED_COMPANY)
    .executeTakeFirstOrThrow();
  companyIdentifier = company.identifier;
});
afterAll(async () => {
  await federation?.stop();
  await tracing?.shutdown();
});

const LOOKUP = /* GraphQL */ `
  query Lookup($identifier: String!) {
    subject(identifier: $identifier) { name records { id } listEntries { list } }
  }
`;

/** A caller's own trace: the gateway continues it (W3C trace context). */
const CALLER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
const CALLER_SPAN_ID = "00f067aa0ba902b7";

function parentOf(span: ReadableSpan): string | undefined {
  return span.parentSpanContext?.spanId;
}

describe("tracing", () => {
  it("follows one cross-subgraph lookup: the gateway, each subgraph it called, and their SQL, in one trace", async () => {
    exporter.reset();
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const result = await federation.query(LOOKUP, {
      token,
      variables: { identifier: companyIdentifier },
      headers: { traceparent: `00-${CALLER_TRACE_ID}-${CALLER_SPAN_ID}-01` },
    });
    expect(result.errors).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const spans = exporter
      .getFinishedSpans()
      .filter((span) => span.spanContext().traceId === CALLER_TRACE_ID);
    const byId = new Map(spans.map((span) => [span.spanContext().spanId, span]));
    const gateway = spans.find((span) => span.name === "gateway POST /graphql");
    expect(gateway).toBeDefined();
    expect(parentOf(gateway!)).toBe(CALLER_SPAN_ID);
    expect(gateway!.attributes).toMatchObject({
      "credit.operation": "query:subject",
      "credit.role": "CREDIT_CENTER",
      "credit.outcome": "ok",
    });
    expect(JSON.stringify(spans.map((span) => span.attributes))).not.toContain(companyIdentifier);

    const ancestorsOf = (span: ReadableSpan): ReadableSpan[] => {
      const chain: ReadableSpan[] = [];
      for (let current = byId.get(parentOf(span) ?? ""); current; current = byId.get(parentOf(current) ?? ""))
        chain.push(current);
      return chain;
    };
    for (const subgraph of ["subjects", "records", "lists"]) {
      const served = spans.filter((span) => span.name === `subgraph ${subgraph}` && span.kind === 1);
      expect(served.length, `server spans of ${subgraph}`).toBeGreaterThan(0);
      for (const span of served) {
        const client = byId.get(parentOf(span)!);
        expect(client?.name).toBe(`subgraph ${subgraph}`);
        expect(ancestorsOf(span)).toContain(gateway);
      }
      const statements = spans.filter(
        (span) =>
          span.attributes["db.system"] === "postgresql" &&
          served.some((server) => ancestorsOf(span).includes(server)),
      );
      expect(statements.length, `SQL spans under ${subgraph}`).toBeGreaterThan(0);
      for (const statement of statements)
        expect(String(statement.attributes["db.statement"])).not.toContain(companyIdentifier);
    }
    // The audit event's statements belong to the request as well.
    expect(
      spans.some((span) => span.attributes["db.system"] === "postgresql" && ancestorsOf(span)[0] === gateway),
    ).toBe(true);
  });
});
