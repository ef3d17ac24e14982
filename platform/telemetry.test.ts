import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("tracing settings from the standard OTEL_* variables", () => {
  it("are off by default: nothing is exported anywhere", () => {
    expect(loadConfig({ NODE_ENV: "test" }).tracing).toEqual({ exporter: "none" });
  });

  it("export over OTLP when an endpoint or the exporter is set, unless the SDK is disabled", () => {
    expect(
      loadConfig({ NODE_ENV: "test", OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318" }).tracing.exporter,
    ).toBe("otlp");
    expect(
      loadConfig({ NODE_ENV: "test", OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "http://collector:4318/v1/traces" })
        .tracing.exporter,
    ).toBe("otlp");
    expect(loadConfig({ NODE_ENV: "test", OTEL_TRACES_EXPORTER: "otlp" }).tracing).toEqual({
      exporter: "otlp",
    });
    expect(
      loadConfig({
        NODE_ENV: "test",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_TRACES_EXPORTER: "none",
      }).tracing.exporter,
    ).toBe("none");
    expect(
      loadConfig({
        NODE_ENV: "test",
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_SDK_DISABLED: "true",
      }).tracing.exporter,
    ).toBe("none");
  });

  it("refuse an exporter this service does not ship, and an endpoint that is not a URL, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "test", OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "test", OTEL_TRACES_EXPORTER: "zipkin" })).toThrow(
      /OTEL_TRACES_EXPORTER/,
    );
    expect(() => loadConfig({ NODE_ENV: "test", OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });
});
