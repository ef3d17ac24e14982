import { createHash, createPublicKey, type KeyObject } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../platform/config";
import { REPORT_KEY_PATH, verifyReportFile } from "../platform/report-signature";
import { parseSubgraphSigningKey, parseSubgraphVerifyKey } from "../platform/subgraph-signature";

/*
 * `npm run report:verify -- FILE.pdf [--key KEY | --key-file FILE | --key-url URL]`: checks a credit report's
 * file signature offline. Exit 0 genuine, 1 not genuine (any changed byte), 2 usage or no key.
 * The key: --key (base64url SPKI DER, as published), --key-file (the published JSON, a PEM, or the one-line
 * key), --key-url (the gateway's /.well-known/credit-report-key); else the configured or development key of
 * this machine's data directory; else the configured gateway's published key.
 */

const USAGE =
  "usage: npm run report:verify -- FILE.pdf [--key BASE64URL_SPKI | --key-file FILE | --key-url URL]";

function parseKey(text: string): KeyObject {
  const trimmed = text.trim();
  if (trimmed.startsWith("{"))
    return parseKey(String((JSON.parse(trimmed) as { publicKey?: unknown }).publicKey ?? ""));
  if (trimmed.startsWith("-----BEGIN")) {
    const key = createPublicKey(trimmed);
    if (key.asymmetricKeyType !== "ed25519") throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
    return key;
  }
  try {
    return parseSubgraphVerifyKey(trimmed);
  } catch {
    return createPublicKey(parseSubgraphSigningKey(trimmed));
  }
}

async function fetchKey(url: string): Promise<KeyObject> {
  const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  return parseKey(await response.text());
}

async function keyOfThisMachine(): Promise<KeyObject> {
  const config = loadConfig();
  if (config.reportSigningKey) return createPublicKey(config.reportSigningKey);
  try {
    return parseKey(await readFile(join(config.dataDir, "report-signing-key"), "utf8"));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  return fetchKey(new URL(REPORT_KEY_PATH, config.gatewayUrl).toString());
}

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { key: { type: "string" }, "key-file": { type: "string" }, "key-url": { type: "string" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [file, ...extra] = parsed.positionals;
  if (!file || extra.length > 0) {
    console.error(USAGE);
    return 2;
  }
  let key: KeyObject;
  try {
    const { key: inline, "key-file": keyFile, "key-url": keyUrl } = parsed.values;
    key = inline
      ? parseKey(inline)
      : keyFile
        ? parseKey(await readFile(keyFile, "utf8"))
        : keyUrl
          ? await fetchKey(keyUrl)
          : await keyOfThisMachine();
  } catch (error) {
    console.error(
      `no report key to verify with: ${error instanceof ConfigError ? error.message : (error as Error).message}\n${USAGE}`,
    );
    return 2;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    console.error(`cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const result = verifyReportFile(key, bytes);
  const digest = createHash("sha256").update(bytes).digest("hex");
  if (result.genuine) {
    console.log(
      `GENUINE: ${file} was signed by report key ${result.keyId}; ${result.reason} (sha256 ${digest})`,
    );
    return 0;
  }
  console.error(`NOT GENUINE: ${file}: ${result.reason} (sha256 ${digest})`);
  return 1;
}

process.exitCode = await main();
