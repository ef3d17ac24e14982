import { createPublicKey, randomBytes, randomUUID, type KeyObject } from "node:crypto";
import { link, mkdir, readFile, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ConfigError, type Config } from "./config";
import { encodeSubgraphKey, generateSubgraphKeyPair, parseSubgraphSigningKey } from "./subgraph-signature";

const IN_MEMORY = "memory://";

/**
 * Returns the bearer-token secret: the configured one, or in development one generated on first start
 * into `<dataDir>/jwt-secret` (mode 0600) and reused afterwards. With `memory://` the secret lives only
 * as long as the process. Production never gets here without `CREDIT_JWT_SECRET` (see `loadConfig`).
 */
export async function ensureJwtSecret(config: Config): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.dataDir.startsWith(IN_MEMORY)) return randomBytes(48).toString("base64url");
  const file = join(config.dataDir, "jwt-secret");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const generated = randomBytes(48).toString("base64url");
  await writeFile(file, `${generated}\n`, { mode: 0o600, flag: "w" });
  return generated;
}

/**
 * Returns the gateway's private key for subgraph requests: `CREDIT_SUBGRAPH_SIGNING_KEY`, or in
 * development one generated on first start into `<dataDir>/subgraph-signing-key` (mode 0600, the same
 * one-line form as the variable) and reused afterwards — by every process sharing the data directory.
 * With `memory://` it lives only as long as the process. Never derived from the bearer-token secret.
 */
export async function ensureSubgraphSigningKey(config: Config): Promise<KeyObject> {
  if (config.subgraphSigningKey) return config.subgraphSigningKey;
  if (config.env === "production" || config.subgraphVerifyKeys.length > 0) {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_SUBGRAPH_SIGNING_KEY: required (make a key pair with `npm run keys`)",
    );
  }
  if (config.dataDir.startsWith(IN_MEMORY)) return generateSubgraphKeyPair().privateKey;
  return ensureStoredKey(join(config.dataDir, "subgraph-signing-key"), config.dataDir);
}

/**
 * Returns the service's credit-report signing key: `CREDIT_REPORT_SIGNING_KEY`, or in development one
 * generated on first start into `<dataDir>/report-signing-key` (mode 0600) and reused by every process sharing
 * the data directory. Refused missing in production: a report signed by a key nobody published is worthless.
 * Independent of the bearer secret and of the subgraph signing key.
 */
export async function ensureReportSigningKey(config: Config): Promise<KeyObject> {
  if (config.reportSigningKey) return config.reportSigningKey;
  if (config.env === "production") {
    throw new ConfigError(
      "invalid configuration:\n  CREDIT_REPORT_SIGNING_KEY: required when NODE_ENV=production to sign credit reports (make a key with `npm run keys`)",
    );
  }
  if (config.dataDir.startsWith(IN_MEMORY)) return generateSubgraphKeyPair().privateKey;
  return ensureStoredKey(join(config.dataDir, "report-signing-key"), config.dataDir);
}

/** A key file generated once: written aside and linked into place, so processes started together share one key. */
async function ensureStoredKey(file: string, dataDir: string): Promise<KeyObject> {
  try {
    return await readStoredKey(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(dataDir, { recursive: true });
  // The link fails if another process got there first: the gateway and subgraph processes started together
  // all end up with the one key.
  const draft = `${file}.${randomUUID()}`;
  await writeFile(draft, `${encodeSubgraphKey(generateSubgraphKeyPair().privateKey)}\n`, {
    mode: 0o600,
    flag: "wx",
  });
  try {
    await link(draft, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  } finally {
    await unlink(draft);
  }
  return readStoredKey(file);
}

/**
 * The public keys the subgraphs accept: `CREDIT_SUBGRAPH_VERIFY_KEYS`, or else the public half of the
 * gateway's key — `signingKey` when this process holds it, otherwise development's generated one.
 */
export async function ensureSubgraphVerifyKeys(
  config: Config,
  signingKey?: KeyObject,
): Promise<readonly KeyObject[]> {
  if (config.subgraphVerifyKeys.length > 0) return config.subgraphVerifyKeys;
  return [createPublicKey(signingKey ?? (await ensureSubgraphSigningKey(config)))];
}

async function readStoredKey(file: string): Promise<KeyObject> {
  const stored = (await readFile(file, "utf8")).trim();
  try {
    return parseSubgraphSigningKey(stored);
  } catch {
    throw new ConfigError(
      `invalid configuration:\n  ${file} holds no Ed25519 private key; delete it to generate a new one`,
    );
  }
}
