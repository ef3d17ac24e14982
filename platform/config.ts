import { createPublicKey, type KeyObject } from "node:crypto";
import { isIP } from "node:net";
import { availableParallelism } from "node:os";
import { z } from "zod";
import { clockStartingAt, systemClock, type Clock } from "./clock";
import { parseSubgraphSigningKey, parseSubgraphVerifyKey } from "./subgraph-signature";
import type { TracingSettings } from "./telemetry";

/** An ISO 8601 instant whose date exists (Date.parse would roll 30 February over into March). */
function isRealInstant(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    !Number.isNaN(Date.parse(value)) &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day
  );
}

/** `scheme://host[:port]` and nothing more: what a browser sends as `Origin`. */
function isExactOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (
      (url.protocol === "https:" || url.protocol === "http:") && url.origin === value && !value.includes("*")
    );
  } catch {
    return false;
  }
}

/** An IPv4 or IPv6 address, optionally with a prefix length its family allows. */
function isCidr(value: string): boolean {
  const [network = "", bits, ...rest] = value.split("/");
  const family = isIP(network);
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

/**
 * The one place that reads the process environment. Every entry point calls `loadConfig()` once and
 * passes the frozen result down; nothing else touches `process.env`.
 */
/** An optional Ed25519 private key, base64url PKCS#8 DER as `npm run keys` prints it. */
function ed25519PrivateKeySetting(name: string) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, context) => {
      if (!value) return undefined;
      try {
        return parseSubgraphSigningKey(value);
      } catch {
        context.addIssue({
          code: "custom",
          message: `${name} must be an Ed25519 private key, base64url PKCS#8 DER (make one with \`npm run keys\`)`,
        });
        return z.NEVER;
      }
    });
}

const environmentSchema = z.object({
  // Unset is production: development's conveniences (demo sign-in, generated secrets, demo data) are asked for by
  // name — `npm start` and `npm run dev` ask for them (package.json), a deployed process never does.
  NODE_ENV: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z
      .enum(["development", "production", "test"], {
        message: "NODE_ENV must be development, test or production (unset: production)",
      })
      .default("production"),
  ),
  PORT: z.coerce
    .number({ message: "PORT must be a port number, e.g. PORT=4000" })
    .int()
    .min(0)
    .max(65535)
    .default(4000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  CREDIT_DATA_DIR: z.string().min(1).default("./.data"),
  CREDIT_JWT_SECRET: z
    .string()
    .min(32, "CREDIT_JWT_SECRET must be at least 32 characters (HS256 needs 256 bits)")
    .optional(),
  CREDIT_SUBGRAPH_SIGNING_KEY: ed25519PrivateKeySetting("CREDIT_SUBGRAPH_SIGNING_KEY"),
  CREDIT_REPORT_SIGNING_KEY: ed25519PrivateKeySetting("CREDIT_REPORT_SIGNING_KEY"),
  CREDIT_REPORT_CODES_PER_HOUR: z.coerce.number().int().positive().default(60),
  CREDIT_REPORT_WORKERS: z.coerce.number().int().positive().max(64).optional(),
  CREDIT_REPORT_QUEUE: z.coerce.number().int().nonnegative().max(1_000).default(4),
  CREDIT_REPORT_TIMEOUT_MS: z.coerce.number().int().positive().optional(),
  CREDIT_REPORT_WEIGHT_PER_HOUR: z.coerce.number().int().positive().default(10_000),
  CREDIT_BODY_BYTES_PER_UNIT: z.coerce.number().int().positive().default(1_024),
  CREDIT_SUBGRAPH_VERIFY_KEYS: z
    .string()
    .optional()
    .transform((value, context) => {
      const encoded = (value ?? "").split(/[,\s]+/).filter(Boolean);
      const keys: KeyObject[] = [];
      for (const [index, each] of encoded.entries()) {
        try {
          keys.push(parseSubgraphVerifyKey(each));
        } catch {
          context.addIssue({
            code: "custom",
            message: `key ${index + 1} of CREDIT_SUBGRAPH_VERIFY_KEYS is not an Ed25519 public key, base64url SPKI DER (make a pair with \`npm run keys\`)`,
          });
          return z.NEVER;
        }
      }
      return keys;
    }),
  CREDIT_SEED: z.enum(["demo", "none"], { message: "CREDIT_SEED must be demo or none" }).optional(),
  CREDIT_GATEWAY_URL: z
    .url({
      protocol: /^https?$/,
      message: "CREDIT_GATEWAY_URL must be an http(s) URL, e.g. http://localhost:4000/graphql",
    })
    .optional(),
  CREDIT_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CREDIT_SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  CREDIT_MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  CREDIT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(6_000),
  CREDIT_PUBLIC_PERSON_LOOKUPS_PER_HOUR: z.coerce.number().int().positive().default(30),
  CREDIT_MAX_IN_FLIGHT_COST: z.coerce.number().int().positive().default(16_000),
  CREDIT_MAX_TOKEN_AGE_SECONDS: z.coerce.number().int().positive().default(43_200),
  CREDIT_METRICS_TOKEN: z
    .string()
    .min(32, "CREDIT_METRICS_TOKEN must be at least 32 characters (e.g. `openssl rand -base64 32`)")
    .optional(),
  CREDIT_MEASURES_FILE: z.string().min(1).optional(),
  OTEL_SDK_DISABLED: z
    .enum(["true", "false"], { message: "OTEL_SDK_DISABLED must be true or false" })
    .optional(),
  OTEL_TRACES_EXPORTER: z
    .enum(["otlp", "none"], {
      message: "OTEL_TRACES_EXPORTER must be otlp or none (the only exporters this service ships)",
    })
    .optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      message: "OTEL_EXPORTER_OTLP_ENDPOINT must be an http(s) URL, e.g. http://collector:4318",
    })
    .optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z
    .url({
      protocol: /^https?$/,
      message:
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT must be an http(s) URL, e.g. http://collector:4318/v1/traces",
    })
    .optional(),
  CREDIT_CALENDAR_DIR: z.string().min(1).optional(),
  CREDIT_NOW: z
    .preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .regex(
          /^2[01]\d{2}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/,
          "CREDIT_NOW must be an ISO 8601 instant with its offset in the years 2000-2199, e.g. 2026-12-28T10:00:00+08:00",
        )
        .refine(isRealInstant, "CREDIT_NOW must be a real instant, e.g. 2026-12-28T10:00:00+08:00")
        .optional(),
    )
    .optional(),
  CREDIT_ALERT_SUBJECTS_PER_HOUR: z.coerce.number().int().positive().default(50),
  CREDIT_ALERT_DENIALS_PER_HOUR: z.coerce.number().int().positive().default(10),
  CREDIT_ALERT_PROBES_PER_HOUR: z.coerce.number().int().positive().default(30),
  CREDIT_ALERT_MASK_WALK_PER_HOUR: z.coerce.number().int().min(2).default(5),
  CREDIT_ALERT_REVOKED_WITHIN_MINUTES: z.coerce.number().int().positive().default(30),
  CREDIT_ALERT_WORKING_HOURS: z
    .string()
    .regex(/^\d{1,2}-\d{1,2}$/, "CREDIT_ALERT_WORKING_HOURS is FROM-TO in hours, e.g. 8-18")
    // Reads count as off hours before FROM or from TO on (China time): the day must hold FROM ≤ TO within 0-24
    // (FROM = TO: no working hours, every read is off hours).
    .refine((value) => {
      const [from, to] = value.split("-").map(Number) as [number, number];
      return from <= to && to <= 24;
    }, "CREDIT_ALERT_WORKING_HOURS must be FROM-TO with 0 ≤ FROM ≤ TO ≤ 24 (hours of a China-time day), e.g. 8-18")
    .default("8-18"),
  CREDIT_OIDC_ISSUER: z
    .url({
      protocol: /^https?$/,
      message:
        "CREDIT_OIDC_ISSUER must be the issuer URL of an OpenID Connect provider, e.g. https://id.example.gov.cn/realms/city",
    })
    .optional(),
  CREDIT_OIDC_JWKS_URL: z
    .url({
      protocol: /^https?$/,
      message: "CREDIT_OIDC_JWKS_URL must be an http(s) URL of the issuer's JWK set",
    })
    .optional(),
  CREDIT_OIDC_AUDIENCE: z.string().trim().min(1).optional(),
  CREDIT_OIDC_CLAIM_ROLE: z.string().trim().min(1).default("role"),
  CREDIT_OIDC_CLAIM_ORG: z.string().trim().min(1).default("org"),
  CREDIT_OIDC_CLAIM_SUBJECT: z.string().trim().min(1).default("subject"),
  CREDIT_CORS_ORIGINS: z
    .string()
    .optional()
    .transform((value, context) => {
      const origins = (value ?? "").split(/[,\s]+/).filter(Boolean);
      for (const origin of origins) {
        if (!isExactOrigin(origin)) {
          context.addIssue({
            code: "custom",
            message: `CREDIT_CORS_ORIGINS: "${origin}" is not an exact origin; list scheme://host[:port] of each portal, e.g. https://portal.example.gov.cn (no wildcard, no path)`,
          });
          return z.NEVER;
        }
      }
      return origins;
    }),
  CREDIT_TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, context) => {
      const cidrs = (value ?? "").split(/[,\s]+/).filter(Boolean);
      for (const cidr of cidrs) {
        if (!isCidr(cidr)) {
          context.addIssue({
            code: "custom",
            message: `CREDIT_TRUSTED_PROXIES: "${cidr}" is not an address or CIDR, e.g. 10.0.0.0/8, 192.168.1.10 or fd00::/8`,
          });
          return z.NEVER;
        }
      }
      return cidrs;
    }),
  CREDIT_TRUSTED_PROXIES_ALLOW_WIDE: z
    .enum(["true", "false"], { message: "CREDIT_TRUSTED_PROXIES_ALLOW_WIDE must be true or false" })
    .default("false"),
  CREDIT_EXPIRY_MONTHS_GENERAL: z.coerce.number().int().positive().default(12),
  CREDIT_EXPIRY_MONTHS_SERIOUS: z.coerce.number().int().positive().default(36),
  CREDIT_EXPIRY_MONTHS_SEVERE: z.coerce.number().int().positive().default(36),
  CREDIT_EXPIRY_MONTHS_UNSPECIFIED: z.coerce.number().int().positive().default(36),
});

export type Config = Readonly<{
  env: "development" | "production" | "test";
  port: number;
  host: string;
  database: Readonly<{ kind: "postgres"; url: string } | { kind: "pglite"; dataDir: string }>;
  dataDir: string;
  /** Bearer-token secret; absent in development until `ensureJwtSecret` generates one. */
  jwtSecret: string | undefined;
  /** The gateway's Ed25519 key for subgraph requests; absent in development until `ensureSubgraphSigningKey` generates one. */
  subgraphSigningKey: KeyObject | undefined;
  /** The Ed25519 public keys subgraphs accept (several while rotating); empty: the public half of `subgraphSigningKey`. */
  subgraphVerifyKeys: readonly KeyObject[];
  /** The service's Ed25519 key for signing credit reports; absent in development until `ensureReportSigningKey` generates one. */
  reportSigningKey: KeyObject | undefined;
  /** Demo data on first start: `demo` by default in development, never in production. */
  seed: "demo" | "none";
  /** Where the command-line tools (`npm run import`) reach the running service's gateway. */
  gatewayUrl: string;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  subgraphTimeoutMs: number;
  maxBodyBytes: number;
  /** Units (root fields, aliases, screened identifiers) each caller may spend per minute at the gateway. */
  rateLimitPerMinute: number;
  /** Work units (as for the rate limit) all callers together may have in flight in one gateway. */
  maxInFlightCost: number;
  /** Request body bytes that cost one more unit of the rate and admission budgets (a body under it costs nothing extra). */
  bodyBytesPerUnit: number;
  /** Credit reports laid out in worker threads (subgraphs/reports/credit-report.printer.ts): workers, waiting places, time. */
  reportPrinting: Readonly<{ workers: number; queue: number; timeoutMs: number }>;
  /** The longest a bearer token may live, `iat` to `exp` (and the oldest it may be); default 12 h. */
  maxTokenAgeSeconds: number;
  rules: DomainRules;
  /** The bearer a Prometheus scraper presents for the gateway's `/metrics`; unset: `/metrics` is off (404). */
  metricsToken: string | undefined;
  /** Tracing as the standard `OTEL_*` variables ask (platform/telemetry.ts): off unless an exporter or an endpoint is set. */
  tracing: TracingSettings;
  /** The measure list the credit centre edits; default data/measures.yaml. */
  measuresFile: string | undefined;
  /** The folder of the State Council's yearly holiday notices (YYYY.json); default data/calendar. */
  calendarDir: string | undefined;
  /** The one clock of the service: the machine's, or `CREDIT_NOW` outside production. */
  clock: Clock;
  /** An OpenID Connect issuer trusted for bearer tokens (`CREDIT_OIDC_*`); undefined: HS256 tokens only. */
  oidc: OidcSettings | undefined;
  /** Browser origins allowed to call the gateway (CORS), exact; empty: no cross-origin browser calls. */
  corsOrigins: readonly string[];
  /** Proxies (CIDRs) whose `X-Forwarded-For` names the client; empty: the socket's peer is the client. */
  trustedProxies: readonly string[];
}>;

/** Where each of our claims is found in an OpenID Connect issuer's tokens: a claim name, or a dotted path into nested claims. */
export type OidcClaimNames = Readonly<{ role: string; org: string; subject: string }>;

/** One OpenID Connect issuer whose RS256/ES256 tokens the gateway accepts beside its own HS256 ones. */
export type OidcSettings = Readonly<{
  issuer: string;
  /** The issuer's JWK set; when absent, read from the issuer's `/.well-known/openid-configuration`. */
  jwksUrl: string | undefined;
  /** The `aud` tokens must carry: this service's client id at the issuer. */
  audience: string;
  claims: OidcClaimNames;
}>;

/** Domain periods that later rules change (PCIM art. 27, JRP art. 12): configuration, with the regulations' values as defaults. */
export type DomainRules = Readonly<{
  /** Publication period of negative information by severity, in months from the decision date (PCIM art. 27). */
  expiryMonths: Readonly<{ GENERAL: number; SERIOUS: number; SEVERE: number; UNSPECIFIED: number }>;
  /** Thresholds of the audit's abuse alerts (PCIM art. 33: 非履职需要，不得查询). */
  alerts: Readonly<{
    subjectsPerHour: number;
    denialsPerHour: number;
    probesPerHour: number;
    maskWalkPerHour: number;
    revokedWithinMinutes: number;
    workingHours: readonly [number, number];
  }>;
  /**
   * Distinct natural persons one caller not entitled to them (no consent, no duty, not the person) may look up or
   * screen per hour, per actor and per network (an IPv6 /64), across replicas (docs/api.md: no existence oracle).
   */
  publicPersonLookupsPerHour: number;
  /** Distinct credit-report verification codes one caller may try per hour (no code guessing). */
  reportCodesPerHour: number;
  /** Weight of the credit reports one caller may issue per hour: a report weighs its items plus a fixed part. */
  reportWeightPerHour: number;
}>;

export const DEFAULT_RULES: DomainRules = Object.freeze({
  expiryMonths: Object.freeze({ GENERAL: 12, SERIOUS: 36, SEVERE: 36, UNSPECIFIED: 36 }),
  alerts: Object.freeze({
    subjectsPerHour: 50,
    denialsPerHour: 10,
    probesPerHour: 30,
    maskWalkPerHour: 5,
    revokedWithinMinutes: 30,
    workingHours: [8, 18] as const,
  }),
  publicPersonLookupsPerHour: 30,
  reportCodesPerHour: 60,
  reportWeightPerHour: 10_000,
});

/**
 * OpenTelemetry's own rules: `OTEL_SDK_DISABLED=true` turns everything off; `OTEL_TRACES_EXPORTER` says
 * which exporter; unset, spans are exported over OTLP only when an OTLP endpoint is configured (so a
 * plain start pays nothing for tracing and sends nothing anywhere).
 */
function tracingExporterOf(env: z.infer<typeof environmentSchema>): TracingSettings["exporter"] {
  if (env.OTEL_SDK_DISABLED === "true") return "none";
  if (env.OTEL_TRACES_EXPORTER) return env.OTEL_TRACES_EXPORTER;
  return env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? "otlp" : "none";
}

/** A setting the process cannot start with; its message names the variable and says how to fix it (printed without a stack). */
export class ConfigError extends Error {
  override readonly name: string = "ConfigError";
}

/** What a process serves, and so which subgraph keys it needs: the gateway signs, subgraphs verify. */
export type ServedPart = "gateway" | "subgraphs";

/**
 * Validates the environment; throws `ConfigError` naming each bad variable and how to fix it. `serves`
 * adds the keys those parts need: the gateway's private key in production (and whenever the accepted
 * public keys are set, since a generated key could not be among them); in production, subgraphs without
 * the gateway in their process need the accepted public keys.
 */
export function loadConfig(
  environment: NodeJS.ProcessEnv = process.env,
  serves: readonly ServedPart[] = [],
): Config {
  const parsed = environmentSchema.safeParse(environment);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
  }
  const env = parsed.data;
  if (env.NODE_ENV === "production" && !env.CREDIT_JWT_SECRET) {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_JWT_SECRET: required when NODE_ENV=production (generate one with `openssl rand -base64 48`)",
    );
  }
  const signsHere = serves.includes("gateway");
  if (
    signsHere &&
    !env.CREDIT_SUBGRAPH_SIGNING_KEY &&
    (env.NODE_ENV === "production" || env.CREDIT_SUBGRAPH_VERIFY_KEYS.length > 0)
  ) {
    throw new ConfigError(
      `invalid configuration:\n  CREDIT_SUBGRAPH_SIGNING_KEY: required ${env.NODE_ENV === "production" ? "when NODE_ENV=production" : "when CREDIT_SUBGRAPH_VERIFY_KEYS is set"} for the gateway to sign subgraph requests (make a key pair with \`npm run keys\`)`,
    );
  }
  if (
    serves.includes("subgraphs") &&
    !signsHere &&
    env.NODE_ENV === "production" &&
    env.CREDIT_SUBGRAPH_VERIFY_KEYS.length === 0
  ) {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_SUBGRAPH_VERIFY_KEYS: required when NODE_ENV=production for a subgraph to check the gateway's signatures (the public key printed by `npm run keys`)",
    );
  }
  if (
    signsHere &&
    serves.includes("subgraphs") &&
    env.CREDIT_SUBGRAPH_SIGNING_KEY &&
    env.CREDIT_SUBGRAPH_VERIFY_KEYS.length > 0
  ) {
    const own = createPublicKey(env.CREDIT_SUBGRAPH_SIGNING_KEY);
    if (!env.CREDIT_SUBGRAPH_VERIFY_KEYS.some((key) => key.equals(own))) {
      throw new ConfigError(
        "invalid configuration:\n  CREDIT_SUBGRAPH_VERIFY_KEYS: does not include the public key of CREDIT_SUBGRAPH_SIGNING_KEY, so the subgraphs in this process would refuse every request; add it",
      );
    }
  }
  const oidc = oidcSettingsOf(env);
  if (env.NODE_ENV === "production" && env.CREDIT_NOW) {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_NOW: refused when NODE_ENV=production (a fixed clock is for demos and tests); unset it",
    );
  }
  // A report's own deadline falls before the gateway gives up on the subgraph, so a report is either stored and
  // answered or refused and not stored — never stored after the gateway has answered SERVICE_UNAVAILABLE.
  const reportTimeoutMs =
    env.CREDIT_REPORT_TIMEOUT_MS ?? Math.max(1, Math.min(8_000, env.CREDIT_SUBGRAPH_TIMEOUT_MS - 2_000));
  if (reportTimeoutMs > env.CREDIT_SUBGRAPH_TIMEOUT_MS - 1_000) {
    throw new ConfigError(
      `invalid configuration:\n  CREDIT_REPORT_TIMEOUT_MS: must be at least 1000 ms less than CREDIT_SUBGRAPH_TIMEOUT_MS (${env.CREDIT_SUBGRAPH_TIMEOUT_MS}), so a report is cut off by its own deadline before the gateway stops waiting for it`,
    );
  }
  if (env.NODE_ENV === "production" && env.CREDIT_SEED === "demo") {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_SEED: demo is refused when NODE_ENV=production (the demo's subjects and black list are fictitious); unset it or set none",
    );
  }
  if (env.NODE_ENV === "production") {
    const problems = productionSafetyProblems(env, environment);
    if (problems.length > 0)
      throw new ConfigError(
        `invalid configuration:\n${problems.map((problem) => `  ${problem}`).join("\n")}`,
      );
  }
  return Object.freeze({
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    database: Object.freeze(
      env.DATABASE_URL
        ? { kind: "postgres" as const, url: env.DATABASE_URL }
        : { kind: "pglite" as const, dataDir: env.CREDIT_DATA_DIR },
    ),
    dataDir: env.CREDIT_DATA_DIR,
    jwtSecret: env.CREDIT_JWT_SECRET,
    subgraphSigningKey: env.CREDIT_SUBGRAPH_SIGNING_KEY,
    subgraphVerifyKeys: Object.freeze(env.CREDIT_SUBGRAPH_VERIFY_KEYS),
    reportSigningKey: env.CREDIT_REPORT_SIGNING_KEY,
    seed: env.CREDIT_SEED ?? (env.NODE_ENV === "production" ? "none" : "demo"),
    gatewayUrl: env.CREDIT_GATEWAY_URL ?? `http://localhost:${env.PORT}/graphql`,
    logLevel: env.CREDIT_LOG_LEVEL,
    subgraphTimeoutMs: env.CREDIT_SUBGRAPH_TIMEOUT_MS,
    maxBodyBytes: env.CREDIT_MAX_BODY_BYTES,
    rateLimitPerMinute: env.CREDIT_RATE_LIMIT_PER_MINUTE,
    maxInFlightCost: env.CREDIT_MAX_IN_FLIGHT_COST,
    bodyBytesPerUnit: env.CREDIT_BODY_BYTES_PER_UNIT,
    reportPrinting: Object.freeze({
      workers: env.CREDIT_REPORT_WORKERS ?? Math.max(1, Math.min(2, availableParallelism() - 1)),
      queue: env.CREDIT_REPORT_QUEUE,
      timeoutMs: reportTimeoutMs,
    }),
    maxTokenAgeSeconds: env.CREDIT_MAX_TOKEN_AGE_SECONDS,
    metricsToken: env.CREDIT_METRICS_TOKEN,
    tracing: Object.freeze({ exporter: tracingExporterOf(env) }),
    measuresFile: env.CREDIT_MEASURES_FILE,
    calendarDir: env.CREDIT_CALENDAR_DIR,
    clock: env.CREDIT_NOW ? clockStartingAt(new Date(env.CREDIT_NOW)) : systemClock,
    oidc,
    corsOrigins: Object.freeze(env.CREDIT_CORS_ORIGINS),
    trustedProxies: Object.freeze(env.CREDIT_TRUSTED_PROXIES),
    rules: Object.freeze({
      expiryMonths: Object.freeze({
        GENERAL: env.CREDIT_EXPIRY_MONTHS_GENERAL,
        SERIOUS: env.CREDIT_EXPIRY_MONTHS_SERIOUS,
        SEVERE: env.CREDIT_EXPIRY_MONTHS_SEVERE,
        UNSPECIFIED: env.CREDIT_EXPIRY_MONTHS_UNSPECIFIED,
      }),
      alerts: Object.freeze({
        subjectsPerHour: env.CREDIT_ALERT_SUBJECTS_PER_HOUR,
        denialsPerHour: env.CREDIT_ALERT_DENIALS_PER_HOUR,
        probesPerHour: env.CREDIT_ALERT_PROBES_PER_HOUR,
        maskWalkPerHour: env.CREDIT_ALERT_MASK_WALK_PER_HOUR,
        revokedWithinMinutes: env.CREDIT_ALERT_REVOKED_WITHIN_MINUTES,
        workingHours: env.CREDIT_ALERT_WORKING_HOURS.split("-").map(Number) as unknown as readonly [
          number,
          number,
        ],
      }),
      publicPersonLookupsPerHour: env.CREDIT_PUBLIC_PERSON_LOOKUPS_PER_HOUR,
      reportCodesPerHour: env.CREDIT_REPORT_CODES_PER_HOUR,
      reportWeightPerHour: env.CREDIT_REPORT_WEIGHT_PER_HOUR,
    }),
  });
}

/** The OpenID Connect issuer, when `CREDIT_OIDC_ISSUER` names one; its audience is then required, and its keys travel over https in production. */
function oidcSettingsOf(env: z.infer<typeof environmentSchema>): OidcSettings | undefined {
  if (!env.CREDIT_OIDC_ISSUER) {
    if (env.CREDIT_OIDC_JWKS_URL || env.CREDIT_OIDC_AUDIENCE) {
      throw new ConfigError(
        "invalid configuration:\n  CREDIT_OIDC_ISSUER: required when CREDIT_OIDC_JWKS_URL or CREDIT_OIDC_AUDIENCE is set (tokens are checked against the issuer they name)",
      );
    }
    return undefined;
  }
  if (!env.CREDIT_OIDC_AUDIENCE) {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_OIDC_AUDIENCE: required when CREDIT_OIDC_ISSUER is set (this service's client id at the issuer; without it a token issued for any other application would be accepted)",
    );
  }
  if (env.NODE_ENV === "production") {
    for (const [name, url] of [
      ["CREDIT_OIDC_ISSUER", env.CREDIT_OIDC_ISSUER],
      ["CREDIT_OIDC_JWKS_URL", env.CREDIT_OIDC_JWKS_URL],
    ] as const) {
      if (url && !url.startsWith("https://"))
        throw new ConfigError(
          `invalid configuration:\n  ${name}: must be https:// when NODE_ENV=production (the keys that decide who calls may not travel in clear)`,
        );
    }
  }
  return Object.freeze({
    issuer: env.CREDIT_OIDC_ISSUER,
    jwksUrl: env.CREDIT_OIDC_JWKS_URL,
    audience: env.CREDIT_OIDC_AUDIENCE,
    claims: Object.freeze({
      role: env.CREDIT_OIDC_CLAIM_ROLE,
      org: env.CREDIT_OIDC_CLAIM_ORG,
      subject: env.CREDIT_OIDC_CLAIM_SUBJECT,
    }),
  });
}

/** The least estimated entropy, in bits, of a secret production accepts (a 32-byte random value has 256). */
export const MIN_SECRET_BITS = 128;

/**
 * A secret's estimated entropy in bits: its length times the Shannon entropy of its own character frequencies.
 * It measures how much alphabet a secret really uses, so repeated characters (`xxxx…`), short cycles
 * (`abab…`) and few distinct characters score low, while `openssl rand -base64 32` or `-hex 32` score far above
 * MIN_SECRET_BITS. It cannot see a passphrase made of words; the documented way to make a secret is `openssl rand`.
 */
export function estimatedSecretBits(secret: string): number {
  const characters = [...secret];
  const counts = new Map<string, number>();
  for (const character of characters) counts.set(character, (counts.get(character) ?? 0) + 1);
  let bitsPerCharacter = 0;
  for (const count of counts.values()) {
    const share = count / characters.length;
    bitsPerCharacter -= share * Math.log2(share);
  }
  return characters.length * bitsPerCharacter;
}

/** Widest trusted-proxy range production accepts without `CREDIT_TRUSTED_PROXIES_ALLOW_WIDE=true`: a /8 of IPv4, a /32 of IPv6. */
const NARROWEST_WIDE_PREFIX = { 4: 8, 6: 32 } as const;

/**
 * What production refuses beyond each variable's own form: trusted proxies wide enough to let most of the
 * Internet write its own client address, weak secrets, and one secret or key serving two purposes (a leak of
 * one would then be a leak of both, and a signature of one kind could be replayed as the other).
 */
function productionSafetyProblems(
  env: z.infer<typeof environmentSchema>,
  environment: NodeJS.ProcessEnv,
): string[] {
  const problems: string[] = [];
  if (env.CREDIT_TRUSTED_PROXIES_ALLOW_WIDE !== "true") {
    for (const cidr of env.CREDIT_TRUSTED_PROXIES) {
      const [network = "", bits] = cidr.split("/");
      const family = isIP(network) as 4 | 6;
      if (bits !== undefined && Number(bits) < NARROWEST_WIDE_PREFIX[family]) {
        problems.push(
          `CREDIT_TRUSTED_PROXIES: "${cidr}" is wider than a /${NARROWEST_WIDE_PREFIX[family]}, so callers in it could name any client address; list the proxies' own addresses or networks, or set CREDIT_TRUSTED_PROXIES_ALLOW_WIDE=true if every address in it really is your proxy`,
        );
      }
    }
  }
  for (const name of ["CREDIT_JWT_SECRET", "CREDIT_METRICS_TOKEN"] as const) {
    const secret = env[name];
    if (secret && estimatedSecretBits(secret) < MIN_SECRET_BITS) {
      problems.push(
        `${name}: too predictable (repeated or few distinct characters, under ${MIN_SECRET_BITS} bits estimated); generate one with \`openssl rand -base64 48\``,
      );
    }
  }
  // Each purpose's material as it was given, and keys also by their bytes (one key written two ways is one key).
  const material: Array<readonly [string, string]> = [];
  for (const name of [
    "CREDIT_JWT_SECRET",
    "CREDIT_METRICS_TOKEN",
    "CREDIT_SUBGRAPH_SIGNING_KEY",
    "CREDIT_REPORT_SIGNING_KEY",
  ] as const) {
    const given = environment[name]?.trim();
    if (given) material.push([name, given]);
  }
  for (const [name, key] of [
    ["CREDIT_SUBGRAPH_SIGNING_KEY", env.CREDIT_SUBGRAPH_SIGNING_KEY],
    ["CREDIT_REPORT_SIGNING_KEY", env.CREDIT_REPORT_SIGNING_KEY],
  ] as const) {
    if (key)
      material.push([
        name,
        createPublicKey(key).export({ format: "der", type: "spki" }).toString("base64url"),
      ]);
  }
  const reportPublic = env.CREDIT_REPORT_SIGNING_KEY
    ? createPublicKey(env.CREDIT_REPORT_SIGNING_KEY)
    : undefined;
  if (reportPublic && env.CREDIT_SUBGRAPH_VERIFY_KEYS.some((key) => key.equals(reportPublic))) {
    material.push([
      "CREDIT_SUBGRAPH_VERIFY_KEYS",
      reportPublic.export({ format: "der", type: "spki" }).toString("base64url"),
    ]);
  }
  const seen = new Map<string, string>();
  const reused = new Set<string>();
  for (const [name, value] of material) {
    const first = seen.get(value);
    if (first === undefined) seen.set(value, name);
    else if (first !== name)
      reused.add(
        `${name}: the same secret or key as ${first}; give every purpose its own (\`npm run keys\` for keys, \`openssl rand -base64 48\` for secrets)`,
      );
  }
  problems.push(...reused);
  return problems;
}
