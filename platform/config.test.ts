import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

describe("loadConfig", () => {
  it("defaults to embedded PGlite in ./.data on port 4000 with demo data", () => {
    expect(loadConfig({})).toMatchObject({ port: 4000, database: { kind: "pglite", dataDir: "./.data" }, seed: "demo" });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(loadConfig({ DATABASE_URL: "postgres://u@127.0.0.1:5432/credit" }).database).toEqual({ kind: "postgres", url: "postgres://u@127.0.0.1:5432/credit" });
  });

  it("refuses to start in production without CREDIT_JWT_SECRET, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/CREDIT_JWT_SECRET/);
  });

  it("names every bad variable", () => {
    try {
      loadConfig({ PORT: "eighty", DATABASE_URL: "mysql://x", CREDIT_SEED: "lots" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*CREDIT_SEED/);
    }
  });

  it("is frozen", () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
