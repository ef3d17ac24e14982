import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config";

/** A production secret as `openssl rand` makes one. */
const SECRET = randomBytes(32).toString("base64url");
const DEVELOPMENT = { NODE_ENV: "development" };
import { encodeSubgraphKey, generateSubgraphKeyPair } from "./subgraph-signature";

describe("loadConfig", () => {
  it("defaults to embedded PGlite in ./.data on port 4000 with demo data in development", () => {
    expect(loadConfig(DEVELOPMENT)).toMatchObject({
      env: "development",
      port: 4000,
      database: { kind: "pglite", dataDir: "./.data" },
      seed: "demo",
    });
  });

  it("uses PostgreSQL when DATABASE_URL is set", () => {
    expect(
      loadConfig({ ...DEVELOPMENT, DATABASE_URL: "postgres://u@127.0.0.1:5432/credit" }).database,
    ).toEqual({ kind: "postgres", url: "postgres://u@127.0.0.1:5432/credit" });
  });

  it("refuses to start in production without CREDIT_JWT_SECRET, naming the variable", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/CREDIT_JWT_SECRET/);
  });

  it("names every bad variable", () => {
    try {
      loadConfig({ ...DEVELOPMENT, PORT: "eighty", DATABASE_URL: "mysql://x", CREDIT_SEED: "lots" });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*CREDIT_SEED/);
    }
  });

  it("never loads demo data in production: none by default, CREDIT_SEED=demo refused", () => {
    const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: SECRET };
    expect(loadConfig(production).seed).toBe("none");
    expect(loadConfig({ ...production, CREDIT_SEED: "none" }).seed).toBe("none");
    expect(() => loadConfig({ ...production, CREDIT_SEED: "demo" })).toThrow(
      /CREDIT_SEED: demo is refused when NODE_ENV=production/,
    );
    expect(loadConfig({ NODE_ENV: "test" }).seed).toBe("demo");
  });

  it("points the tools at the local gateway unless CREDIT_GATEWAY_URL says otherwise", () => {
    expect(loadConfig(DEVELOPMENT).gatewayUrl).toBe("http://localhost:4000/graphql");
    expect(loadConfig({ ...DEVELOPMENT, PORT: "8080" }).gatewayUrl).toBe("http://localhost:8080/graphql");
    expect(
      loadConfig({ ...DEVELOPMENT, CREDIT_GATEWAY_URL: "https://credit.example.gov.cn/graphql" }).gatewayUrl,
    ).toBe("https://credit.example.gov.cn/graphql");
    expect(() => loadConfig({ ...DEVELOPMENT, CREDIT_GATEWAY_URL: "localhost:4000" })).toThrow(
      /CREDIT_GATEWAY_URL/,
    );
  });

  it("is frozen", () => {
    expect(Object.isFrozen(loadConfig(DEVELOPMENT))).toBe(true);
  });
});

describe("CREDIT_NOW", () => {
  it("pins the service's one clock to the instant given, which then runs on", () => {
    const config = loadConfig({ ...DEVELOPMENT, CREDIT_NOW: "2026-12-28T10:00:00+08:00" });
    expect(config.clock.now().getTime() - Date.parse("2026-12-28T02:00:00Z")).toBeGreaterThanOrEqual(0);
    expect(config.clock.now().getTime() - Date.parse("2026-12-28T02:00:00Z")).toBeLessThan(5_000);
    expect(loadConfig(DEVELOPMENT).clock.describe()).toBe("the machine's clock");
  });

  it("is refused in production, naming the variable", () => {
    expect(() =>
      loadConfig({
        NODE_ENV: "production",
        CREDIT_JWT_SECRET: SECRET,
        CREDIT_NOW: "2026-12-28T10:00:00+08:00",
      }),
    ).toThrow(/CREDIT_NOW: refused when NODE_ENV=production/);
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
      expect(() => loadConfig({ ...DEVELOPMENT, CREDIT_NOW: value }), value).toThrow(/CREDIT_NOW/);
    }
    expect(loadConfig({ ...DEVELOPMENT, CREDIT_NOW: "" }).clock.describe()).toBe("the machine's clock");
  });
});

describe("loadConfig: the subgraph signing keys", () => {
  const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: SECRET };
  const old = generateSubgraphKeyPair();
  const next = generateSubgraphKeyPair();
  const signing = encodeSubgraphKey(next.privateKey);
  const publicKeys = `${encodeSubgraphKey(old.publicKey)},\n ${encodeSubgraphKey(next.publicKey)}`;

  it("refuses a production gateway without its private key, and production subgraphs alone without public keys, naming the variable", () => {
    expect(() => loadConfig(production, ["gateway"])).toThrow(
      /CREDIT_SUBGRAPH_SIGNING_KEY: required when NODE_ENV=production/,
    );
    expect(() => loadConfig(production, ["gateway", "subgraphs"])).toThrow(
      /CREDIT_SUBGRAPH_SIGNING_KEY: required/,
    );
    expect(() => loadConfig(production, ["subgraphs"])).toThrow(
      /CREDIT_SUBGRAPH_VERIFY_KEYS: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing }, ["subgraphs"])).toThrow(
      /CREDIT_SUBGRAPH_VERIFY_KEYS: required/,
    );
  });

  it("starts a production subgraph with the public keys alone, and the whole service with the private key alone", () => {
    expect(
      loadConfig({ ...production, CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys }, ["subgraphs"])
        .subgraphSigningKey,
    ).toBeUndefined();
    expect(
      loadConfig({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing }, ["gateway", "subgraphs"])
        .subgraphVerifyKeys,
    ).toEqual([]);
  });

  it("reads one or more public keys separated by commas or newlines", () => {
    const { subgraphVerifyKeys } = loadConfig({
      ...DEVELOPMENT,
      CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys,
      CREDIT_SUBGRAPH_SIGNING_KEY: signing,
    });
    expect(subgraphVerifyKeys).toHaveLength(2);
    expect(
      subgraphVerifyKeys[0]!.equals(old.publicKey) && subgraphVerifyKeys[1]!.equals(next.publicKey),
    ).toBe(true);
  });

  it("refuses keys that are not Ed25519 or the wrong half, naming the variable and never echoing the value", () => {
    for (const [variable, value] of [
      ["CREDIT_SUBGRAPH_SIGNING_KEY", encodeSubgraphKey(next.publicKey)],
      ["CREDIT_SUBGRAPH_SIGNING_KEY", "a-bearer-secret-of-thirty-two-characters!"],
      ["CREDIT_SUBGRAPH_VERIFY_KEYS", `${encodeSubgraphKey(old.publicKey)},${signing}`],
    ] as const) {
      try {
        loadConfig({ ...DEVELOPMENT, [variable]: value });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        expect((error as Error).message).toContain(variable);
        expect((error as Error).message).not.toContain(value.split(",").at(-1));
      }
    }
  });

  it("refuses a gateway whose private key cannot match the configured public keys", () => {
    expect(() =>
      loadConfig({ ...DEVELOPMENT, CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys }, ["gateway"]),
    ).toThrow(/CREDIT_SUBGRAPH_SIGNING_KEY: required when CREDIT_SUBGRAPH_VERIFY_KEYS is set/);
    expect(() =>
      loadConfig(
        {
          ...DEVELOPMENT,
          CREDIT_SUBGRAPH_SIGNING_KEY: signing,
          CREDIT_SUBGRAPH_VERIFY_KEYS: encodeSubgraphKey(old.publicKey),
        },
        ["gateway", "subgraphs"],
      ),
    ).toThrow(/CREDIT_SUBGRAPH_VERIFY_KEYS: does not include the public key of CREDIT_SUBGRAPH_SIGNING_KEY/);
    expect(
      loadConfig(
        { ...DEVELOPMENT, CREDIT_SUBGRAPH_SIGNING_KEY: signing, CREDIT_SUBGRAPH_VERIFY_KEYS: publicKeys },
        ["gateway", "subgraphs"],
      ).subgraphVerifyKeys,
    ).toHaveLength(2);
  });
});

describe("identity, browsers and proxies", () => {
  const oidc = {
    CREDIT_OIDC_ISSUER: "https://id.example.gov.cn/realms/city",
    CREDIT_OIDC_AUDIENCE: "credit-federation",
  };

  it("reads an OpenID Connect issuer with its audience and claim names", () => {
    const config = loadConfig({ ...DEVELOPMENT, ...oidc, CREDIT_OIDC_CLAIM_ROLE: "credit.role" });
    expect(config.oidc).toEqual({
      issuer: oidc.CREDIT_OIDC_ISSUER,
      jwksUrl: undefined,
      audience: "credit-federation",
      claims: { role: "credit.role", org: "org", subject: "subject" },
    });
    expect(loadConfig(DEVELOPMENT).oidc).toBeUndefined();
  });

  it("requires the audience with an issuer, the issuer with a key set, and https in production", () => {
    expect(() => loadConfig({ ...DEVELOPMENT, CREDIT_OIDC_ISSUER: oidc.CREDIT_OIDC_ISSUER })).toThrow(
      /CREDIT_OIDC_AUDIENCE: required/,
    );
    expect(() =>
      loadConfig({ ...DEVELOPMENT, CREDIT_OIDC_JWKS_URL: "https://id.example.gov.cn/jwks" }),
    ).toThrow(/CREDIT_OIDC_ISSUER: required/);
    const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: SECRET };
    expect(() =>
      loadConfig({ ...production, ...oidc, CREDIT_OIDC_JWKS_URL: "http://id.example.gov.cn/jwks" }),
    ).toThrow(/CREDIT_OIDC_JWKS_URL: must be https/);
    expect(loadConfig({ ...production, ...oidc }).oidc?.issuer).toBe(oidc.CREDIT_OIDC_ISSUER);
  });

  it("takes exact CORS origins only: no wildcard, no path, no look-alike", () => {
    expect(
      loadConfig({
        ...DEVELOPMENT,
        CREDIT_CORS_ORIGINS: "https://portal.example.gov.cn, http://localhost:5173",
      }).corsOrigins,
    ).toEqual(["https://portal.example.gov.cn", "http://localhost:5173"]);
    for (const bad of [
      "*",
      "https://*.example.gov.cn",
      "https://portal.example.gov.cn/",
      "portal.example.gov.cn",
      "null",
    ]) {
      expect(() => loadConfig({ ...DEVELOPMENT, CREDIT_CORS_ORIGINS: bad })).toThrow(/CREDIT_CORS_ORIGINS/);
    }
  });

  it("takes trusted proxies as addresses or CIDRs", () => {
    expect(
      loadConfig({ ...DEVELOPMENT, CREDIT_TRUSTED_PROXIES: "10.0.0.0/8,192.168.1.10 fd00::/8" })
        .trustedProxies,
    ).toEqual(["10.0.0.0/8", "192.168.1.10", "fd00::/8"]);
    for (const bad of ["10.0.0.0/33", "10.0.0/8", "fd00::/129", "proxy.local", "0.0.0.0/0/1"]) {
      expect(() => loadConfig({ ...DEVELOPMENT, CREDIT_TRUSTED_PROXIES: bad })).toThrow(
        /CREDIT_TRUSTED_PROXIES/,
      );
    }
  });
});

describe("defaults that fail safe", () => {
  const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: SECRET };
  const refusalOf = (
    environment: Record<string, string>,
    serves: Parameters<typeof loadConfig>[1] = [],
  ): string => {
    try {
      loadConfig(environment, serves);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message;
    }
    return "";
  };

  it("is production when NODE_ENV is unset: development only when asked for by name", () => {
    expect(() => loadConfig({})).toThrow(/CREDIT_JWT_SECRET: required when NODE_ENV=production/);
    expect(loadConfig({ CREDIT_JWT_SECRET: SECRET })).toMatchObject({ env: "production", seed: "none" });
    expect(loadConfig({ NODE_ENV: "test" }).env).toBe("test");
    expect(loadConfig(DEVELOPMENT).env).toBe("development");
    expect(refusalOf({ NODE_ENV: "dev" })).toMatch(/NODE_ENV must be development, test or production/);
  });

  it("refuses trusted proxies wider than a /8 (IPv4) or a /32 (IPv6) in production unless CREDIT_TRUSTED_PROXIES_ALLOW_WIDE=true", () => {
    for (const wide of ["0.0.0.0/0", "10.0.0.0/7", "::/0", "fd00::/31"]) {
      expect(refusalOf({ ...production, CREDIT_TRUSTED_PROXIES: `192.168.1.10,${wide}` }), wide).toMatch(
        new RegExp(`CREDIT_TRUSTED_PROXIES: "${wide.replace(/[./]/g, "\\$&")}" is wider than a /(8|32)`),
      );
      expect(
        loadConfig({ ...production, CREDIT_TRUSTED_PROXIES: wide, CREDIT_TRUSTED_PROXIES_ALLOW_WIDE: "true" })
          .trustedProxies,
      ).toEqual([wide]);
    }
    expect(
      loadConfig({ ...production, CREDIT_TRUSTED_PROXIES: "10.0.0.0/8,192.168.1.10,fd00::/32,fd00::1" })
        .trustedProxies,
    ).toHaveLength(4);
    expect(refusalOf({ ...production, CREDIT_TRUSTED_PROXIES_ALLOW_WIDE: "yes" })).toMatch(
      /CREDIT_TRUSTED_PROXIES_ALLOW_WIDE must be true or false/,
    );
  });

  it("refuses low-entropy secrets in production, naming the variable and never echoing the value", () => {
    for (const weak of [
      "x".repeat(32),
      "ab".repeat(24),
      "0123".repeat(12),
      "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab",
    ]) {
      const message = refusalOf({ ...production, CREDIT_JWT_SECRET: weak });
      expect(message, weak).toMatch(/CREDIT_JWT_SECRET: too predictable/);
      expect(message).not.toContain(weak);
      expect(refusalOf({ ...production, CREDIT_METRICS_TOKEN: weak }), weak).toMatch(
        /CREDIT_METRICS_TOKEN: too predictable/,
      );
    }
    for (const strong of [
      randomBytes(32).toString("base64url"),
      randomBytes(32).toString("hex"),
      randomBytes(48).toString("base64"),
    ]) {
      expect(
        loadConfig({
          ...production,
          CREDIT_JWT_SECRET: strong,
          CREDIT_METRICS_TOKEN: randomBytes(32).toString("base64url"),
        }).jwtSecret,
      ).toBe(strong);
    }
  });

  it("refuses one secret or key for two purposes in production: bearer secret, metrics token, subgraph and report signing keys", () => {
    const key = generateSubgraphKeyPair();
    const signing = encodeSubgraphKey(key.privateKey);
    expect(refusalOf({ ...production, CREDIT_METRICS_TOKEN: SECRET })).toMatch(
      /CREDIT_METRICS_TOKEN: the same secret or key as CREDIT_JWT_SECRET/,
    );
    expect(
      refusalOf({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing, CREDIT_REPORT_SIGNING_KEY: signing }, [
        "gateway",
        "subgraphs",
      ]),
    ).toMatch(/CREDIT_REPORT_SIGNING_KEY: the same secret or key as CREDIT_SUBGRAPH_SIGNING_KEY/);
    // The same key written with other whitespace, or its public half among the keys subgraph requests are checked with.
    expect(
      refusalOf(
        { ...production, CREDIT_SUBGRAPH_SIGNING_KEY: signing, CREDIT_REPORT_SIGNING_KEY: ` ${signing}\n` },
        ["gateway", "subgraphs"],
      ),
    ).toMatch(/CREDIT_REPORT_SIGNING_KEY: the same/);
    expect(
      refusalOf(
        {
          ...production,
          CREDIT_SUBGRAPH_VERIFY_KEYS: encodeSubgraphKey(key.publicKey),
          CREDIT_REPORT_SIGNING_KEY: signing,
        },
        ["subgraphs"],
      ),
    ).toMatch(/CREDIT_SUBGRAPH_VERIFY_KEYS: the same secret or key as CREDIT_REPORT_SIGNING_KEY/);
    expect(refusalOf({ ...production, CREDIT_SUBGRAPH_SIGNING_KEY: SECRET })).toMatch(
      /CREDIT_SUBGRAPH_SIGNING_KEY/,
    );
    const other = encodeSubgraphKey(generateSubgraphKeyPair().privateKey);
    expect(
      loadConfig(
        {
          ...production,
          CREDIT_SUBGRAPH_SIGNING_KEY: signing,
          CREDIT_REPORT_SIGNING_KEY: other,
          CREDIT_METRICS_TOKEN: randomBytes(32).toString("base64url"),
        },
        ["gateway", "subgraphs"],
      ).env,
    ).toBe("production");
  });
});
