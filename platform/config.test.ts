import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "./subgraph-signature";

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

  it("never loads demo data in production: none by default, CREDIT_SEED=demo refused", () => {
    const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: "x".repeat(32) };
    expect(loadConfig(production).seed).toBe("none");
    expect(loadConfig({ ...production, CREDIT_SEED: "none" }).seed).toBe("none");
    expect(() => loadConfig({ ...production, CREDIT_SEED: "demo" })).toThrow(/CREDIT_SEED: demo is refused when NODE_ENV=production/);
    expect(loadConfig({ NODE_ENV: "test" }).seed).toBe("demo");
  });

  it("points the tools at the local gateway unless CREDIT_GATEWAY_URL says otherwise", () => {
    expect(loadConfig({}).gatewayUrl).toBe("http://localhost:4000/graphql");
    expect(loadConfig({ PORT: "8080" }).gatewayUrl).toBe("http://localhost:8080/graphql");
    expect(loadConfig({ CREDIT_GATEWAY_URL: "https://credit.example.gov.cn/graphql" }).gatewayUrl).toBe("https://credit.example.gov.cn/graphql");
    expect(() => loadConfig({ CREDIT_GATEWAY_URL: "localhost:4000" })).toThrow(/CREDIT_GATEWAY_URL/);
  });

  it("is frozen", () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});

describe("CREDIT_NOW", () => {
  it("pins the service's one clock to the instant given, which then runs on", () => {
    const config = loadConfig({ CREDIT_NOW: "2026-12-28T10:00:00+08:00" });
    expect(config.clock.now().getTime() - Date.parse("2026-12-28T02:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(config.clock.now().getTime() - Date.parse("2026-12-28T02:00:00Z")).toBeLessThan(5_000);
    expect(loadConfig({}).clock.describe()).toBe("the machine's clock");
  });

  it("is refused in production, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production", CREDIT_JWT_SECRET: "x".repeat(32), CREDIT_NOW: "2026-12-28T10:00:00+08:00" })).toThrow(/CREDIT_NOW: refused when NODE_ENV=production/);
  });

  it("needs a real instant with its offset", () => {
    for (const value of [
      "2026-12-28",
      "2026-12-28T10:00:00",
      "2026-02-30T10:00:00+08:00",
      "2026-12-28T25:00:00+08:00",
      "2026-12-28T24:00:00+08:00",
      "2026-12-28T10:00:00+99:00",
      "9999-12-28T10:00:00+08:00",
      "1000-12-28T10:00:00+08:00",
      "tomorrow",
      "2026-12-28T10:00:00+08:00\u200b",
    ]) {
      expect(() => loadConfig({ CREDIT_NOW: value }), value).toThrow(/CREDIT_NOW/);
    }
    expect(loadConfig({ CREDIT_NOW: "" }).clock.describe()).toBe("the machine's clock");
  });
});

describe("loadConfig: the subgraph signing keys", () => {
  const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: "x".repeat(32) };
  const old = generateSubgraphKeyPair();
  const next = generateSubgraphKeyPair();
  const signing = encodeSubgraphKey(next.privateKey);
  const publicKeys = `${encodeSubgraphKey(old.publicKey)},\n ${encodeSubgraphKey(next.publicKey)}`;

  it("refuses a production gateway without its private key, and production subgraphs alone without public keys, naming the variable", () => {
    expect(() => loadConfig(production, ["gateway"])).toThrow(/CREDIT_SUBGRAPH_SIGNING_KEY: required when NODE_ENV=production/);
    expect(() => loadConfig(production, ["gateway", "subgraphs"])).toThrow(/CREDIT_SUBGRAPH_SIGNING_KEY: required/);
    expect(() => loadConfig(production, ["subgraphs"])).toThrow(/CREDIT_SUBGRAPH_VERIFY_KEYS: required when NODE_ENV=production/);
    expect(() => loadConfig({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing }, ["subgraphs"])).toThrow(/CREDIT_SUBGRAPH_VERIFY_KEYS: required/);
  });

  it("starts a production subgraph with the public keys alone, and the whole service with the private key alone", () => {
    expect(loadConfig({ ...production, CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys }, ["subgraphs"]).subgraphSigningKey).toBeUndefined();
    expect(loadConfig({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing }, ["gateway", "subgraphs"]).subgraphVerifyKeys).toEqual([]);
  });

  it("reads one or more public keys separated by commas or newlines", () => {
    const { subgraphVerifyKeys } = loadConfig({ CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys, CREDIT_SUBGRAPH_SIGNING_KEY: signing });
    expect(subgraphVerifyKeys).toHaveLength(2);
    expect(subgraphVerifyKeys[0]!.equals(old.publicKey) && subgraphVerifyKeys[1]!.equals(next.publicKey)).toBe(true);
  });

  it("refuses keys that are not Ed25519 or the wrong half, naming the variable and never echoing the value", () => {
    for (const [variable, value] of [
      ["CREDIT_SUBGRAPH_SIGNING_KEY", encodeSubgraphKey(next.publicKey)],
      ["CREDIT_SUBGRAPH_SIGNING_KEY", "a-bearer-secret-of-thirty-two-characters!"],
      ["CREDIT_SUBGRAPH_VERIFY_KEYS", `${encodeSubgraphKey(old.publicKey)},${signing}`],
    ] as const) {
      try {
        loadConfig({ [variable]: value });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toContain(variable);
        expect((error as Error).message).not.toContain(value.split(",").at(-1));
      }
    }
  });

  it("refuses a gateway whose private key cannot match the configured public keys", () => {
    expect(() => loadConfig({ CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys }, ["gateway"])).toThrow(/CREDIT_SUBGRAPH_SIGNING_KEY: required when CREDIT_SUBGRAPH_VERIFY_KEYS is set/);
    expect(() => loadConfig({ CREDIT_SUBGRAPH_SIGNING_KEY: signing, CREDIT_SUBGRAPH_VERIFY_KEYS: encodeSubgraphKey(old.publicKey) }, ["gateway", "subgraphs"])).toThrow(
      /CREDIT_SUBGRAPH_VERIFY_KEYS: does not include the public key of CREDIT_SUBGRAPH_SIGNING_KEY/,
    );
    expect(loadConfig({ CREDIT_SUBGRAPH_SIGNING_KEY: signing, CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys }, ["gateway", "subgraphs"]).subgraphVerifyKeys).toHaveLength(2);
  });
});

describe("identity, browsers and proxies (issue 21)", () => {
  const oidc = { CREDIT_OIDC_ISSUER: "https://id.example.gov.cn/realms/city", CREDIT_OIDC_AUDIENCE: "credit-federation" };

  it("reads an OpenID Connect issuer with its audience and claim names", () => {
    const config = loadConfig({ ...oidc, CREDIT_OIDC_CLAIM_ROLE: "credit.role" });
    expect(config.oidc).toEqual({ issuer: oidc.CREDIT_OIDC_ISSUER, jwksUrl: undefined, audience: "credit-federation", claims: { role: "credit.role", org: "org", subject: "subject" } });
    expect(loadConfig({}).oidc).toBeUndefined();
  });

  it("requires the audience with an issuer, the issuer with a key set, and https in production", () => {
    expect(() => loadConfig({ CREDIT_OIDC_ISSUER: oidc.CREDIT_OIDC_ISSUER })).toThrow(/CREDIT_OIDC_AUDIENCE: required/);
    expect(() => loadConfig({ CREDIT_OIDC_JWKS_URL: "https://id.example.gov.cn/jwks" })).toThrow(/CREDIT_OIDC_ISSUER: required/);
    const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: "x".repeat(32) };
    expect(() => loadConfig({ ...production, ...oidc, CREDIT_OIDC_JWKS_URL: "http://id.example.gov.cn/jwks" })).toThrow(/CREDIT_OIDC_JWKS_URL: must be https/);
    expect(loadConfig({ ...production, ...oidc }).oidc?.issuer).toBe(oidc.CREDIT_OIDC_ISSUER);
  });

  it("takes exact CORS origins only: no wildcard, no path, no look-alike", () => {
    expect(loadConfig({ CREDIT_CORS_ORIGINS: "https://portal.example.gov.cn, http://localhost:5173" }).corsOrigins).toEqual(["https://portal.example.gov.cn", "http://localhost:5173"]);
    for (const bad of ["*", "https://*.example.gov.cn", "https://portal.example.gov.cn/", "portal.example.gov.cn", "null"]) {
      expect(() => loadConfig({ CREDIT_CORS_ORIGINS: bad })).toThrow(/CREDIT_CORS_ORIGINS/);
    }
  });

  it("takes trusted proxies as addresses or CIDRs", () => {
    expect(loadConfig({ CREDIT_TRUSTED_PROXIES: "10.0.0.0/8,192.168.1.10 fd00::/8" }).trustedProxies).toEqual(["10.0.0.0/8", "192.168.1.10", "fd00::/8"]);
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "fd00::/129", "proxy.local", "0.0.0.0/0/1"]) {
      expect(() => loadConfig({ CREDIT_TRUSTED_PROXIES: bad })).toThrow(/CREDIT_TRUSTED_PROXIES/);
    }
  });
});
