import { createPublicKey, randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "./config";
import { ensureReportSigningKey, ensureSubgraphSigningKey, ensureSubgraphVerifyKeys } from "./secrets";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "./subgraph-signature";

const folders: string[] = [];
afterEach(async () =>
  Promise.all(folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true }))),
);

describe("the subgraph signing key in development", () => {
  it("is generated once into the data directory (mode 0600), shared by every process that reads it", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "credit-keys-"));
    folders.push(dataDir);
    const config = loadConfig({ NODE_ENV: "development", CREDIT_DATA_DIR: dataDir });
    const [first, concurrent] = await Promise.all([
      ensureSubgraphSigningKey(config),
      ensureSubgraphSigningKey(config),
    ]);
    expect(first.equals(concurrent)).toBe(true);
    expect((await ensureSubgraphSigningKey(config)).equals(first)).toBe(true);
    const file = join(dataDir, "subgraph-signing-key");
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await readFile(file, "utf8")).trim()).toBe(encodeSubgraphKey(first));
    const [accepted] = await ensureSubgraphVerifyKeys(config);
    expect(accepted!.equals(createPublicKey(first))).toBe(true);
  });

  it("lives in the process with memory://, and the subgraphs accept its public half", async () => {
    const config = loadConfig({ NODE_ENV: "development", CREDIT_DATA_DIR: "memory://" });
    const key = await ensureSubgraphSigningKey(config);
    expect(key.asymmetricKeyType).toBe("ed25519");
    expect((await ensureSubgraphVerifyKeys(config, key))[0]!.equals(createPublicKey(key))).toBe(true);
  });

  it("is the configured one when set, and the configured public keys are the accepted ones", async () => {
    const { privateKey, publicKey } = generateSubgraphKeyPair();
    const other = generateSubgraphKeyPair().publicKey;
    const config = loadConfig({
      NODE_ENV: "development",
      CREDIT_DATA_DIR: "memory://",
      CREDIT_SUBGRAPH_SIGNING_KEY: encodeSubgraphKey(privateKey),
      CREDIT_SUBGRAPH_VERIFY_KEYS: `${encodeSubgraphKey(other)},${encodeSubgraphKey(publicKey)}`,
    });
    expect((await ensureSubgraphSigningKey(config)).equals(privateKey)).toBe(true);
    expect(await ensureSubgraphVerifyKeys(config, privateKey)).toHaveLength(2);
  });

  it("is never generated in production", async () => {
    const config = loadConfig({
      NODE_ENV: "production",
      CREDIT_JWT_SECRET: randomBytes(32).toString("base64url"),
      CREDIT_DATA_DIR: "memory://",
    });
    await expect(ensureSubgraphSigningKey(config)).rejects.toThrow(/CREDIT_SUBGRAPH_SIGNING_KEY/);
  });
});

describe("the credit-report signing key", () => {
  it("is generated once into the data directory (mode 0600), apart from the subgraph key", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "credit-keys-"));
    folders.push(dataDir);
    const config = loadConfig({ NODE_ENV: "development", CREDIT_DATA_DIR: dataDir });
    const [first, concurrent] = await Promise.all([
      ensureReportSigningKey(config),
      ensureReportSigningKey(config),
    ]);
    expect(first.equals(concurrent)).toBe(true);
    expect((await ensureReportSigningKey(config)).equals(first)).toBe(true);
    expect((await stat(join(dataDir, "report-signing-key"))).mode & 0o777).toBe(0o600);
    expect((await ensureSubgraphSigningKey(config)).equals(first)).toBe(false);
  });

  it("is the configured one when set, and refused missing in production", async () => {
    const { privateKey } = generateSubgraphKeyPair();
    expect(
      (
        await ensureReportSigningKey(
          loadConfig({
            NODE_ENV: "development",
            CREDIT_DATA_DIR: "memory://",
            CREDIT_REPORT_SIGNING_KEY: encodeSubgraphKey(privateKey),
          }),
        )
      ).equals(privateKey),
    ).toBe(true);
    const production = loadConfig({
      NODE_ENV: "production",
      CREDIT_JWT_SECRET: randomBytes(32).toString("base64url"),
      CREDIT_DATA_DIR: "memory://",
    });
    await expect(ensureReportSigningKey(production)).rejects.toThrow(
      /CREDIT_REPORT_SIGNING_KEY: required when NODE_ENV=production/,
    );
    expect(() => loadConfig({ NODE_ENV: "development", CREDIT_REPORT_SIGNING_KEY: "not-a-key" })).toThrow(
      /CREDIT_REPORT_SIGNING_KEY must be an Ed25519 private key/,
    );
  });
});
