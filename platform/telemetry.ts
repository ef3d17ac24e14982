import type { IncomingHttpHeaders } from "node:http";
import {
  context,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Span,
} from "@opentelemetry/api";
import type { SpanProcessor } from "@opentelemetry/sdk-trace-node";

/** What the standard `OTEL_*` variables ask of tracing (platform/config.ts reads them). */
export type TracingSettings = Readonly<{
  /** `otlp`: spans are exported over OTLP/HTTP to `OTEL_EXPORTER_OTLP_(TRACES_)ENDPOINT`; `none`: no tracing. */
  exporter: "otlp" | "none";
}>;

export type Tracing = Readonly<{
  /** Exports what is still buffered and stops. */
  shutdown(): Promise<void>;
}>;

const TRACER_NAME = "credit-federation";

/**
 * Starts tracing for this process when the settings ask for it (or with `processor`, the tests' in-memory
 * exporter): W3C trace context and async-hooks context (the Node provider's defaults), spans batched to the
 * OTLP exporter, which reads its endpoint, headers and timeout from the standard `OTEL_EXPORTER_OTLP_*`
 * variables itself. Returns null
 * when tracing is off: then no provider is registered, every span below is the API's no-op, and the cost
 * is a function call per span. The SDK and exporter (~0.25 s to load) are loaded only when tracing is on.
 */
export async function startTracing(
  settings: TracingSettings,
  processor?: SpanProcessor,
): Promise<Tracing | null> {
  if (settings.exporter === "none" && !processor) return null;
  const [{ BatchSpanProcessor, NodeTracerProvider }, { OTLPTraceExporter }] = await Promise.all([
    import("@opentelemetry/sdk-trace-node"),
    import("@opentelemetry/exporter-trace-otlp-http"),
  ]);
  const provider = new NodeTracerProvider({
    spanProcessors: [processor ?? new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  provider.register();
  return {
    async shutdown() {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

function tracer() {
  return trace.getTracer(TRACER_NAME);
}

async function endingWith<T>(span: Span, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.name : "error" });
    throw error;
  } finally {
    span.end();
  }
}

/** Runs `handle` in a server span continuing the caller's W3C trace context (`traceparent`), if any. */
export function inServerSpan<T>(
  name: string,
  headers: IncomingHttpHeaders,
  handle: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = propagation.extract(ROOT_CONTEXT, headers);
  return tracer().startActiveSpan(name, { kind: SpanKind.SERVER }, parent, (span) =>
    endingWith(span, () => handle(span)),
  );
}

/** Runs `call` in a client span; `headers` get the span's W3C trace context for the callee. */
export function inClientSpan<T>(
  name: string,
  headers: Record<string, string>,
  call: (span: Span) => Promise<T>,
): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT }, (span) => {
    propagation.inject(context.active(), headers);
    return endingWith(span, () => call(span));
  });
}

/** Runs `work` in an internal span of the current trace (SQL statements). */
export function inSpan<T>(name: string, attributes: Attributes, work: () => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { kind: SpanKind.CLIENT, attributes }, (span) =>
    endingWith(span, work),
  );
}

/** Adds attributes to the span of the current request, when there is one. */
export function describeCurrentSpan(attributes: Attributes): void {
  trace.getActiveSpan()?.setAttributes(attributes);
}
