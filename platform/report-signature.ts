import { createHash, createPublicKey, sign, verify, type KeyObject } from "node:crypto";
import { encodeSubgraphKey } from "./subgraph-signature";

/*
 * A credit report is signed twice with the service's report key (Ed25519, never the bearer secret nor the
 * gateway's subgraph key): its canonical content (for `verifyCreditReport` and machine readers) and its whole
 * PDF file. The file signature is one comment line appended after the PDF's last `%%EOF`, over every byte
 * before it, so a PDF reader still opens the file and ANY changed byte — text, font, QR image, embedded
 * content, metadata, the trailer — makes it not genuine.
 */

/** Where the gateway publishes the report key (JSON: algorithm, keyId, publicKey as base64url SPKI DER, pem). */
export const REPORT_KEY_PATH = "/.well-known/credit-report-key";

const TRAILER_PREFIX = "%CREDIT-REPORT-SIGNATURE ed25519";
const TRAILER = /\n%CREDIT-REPORT-SIGNATURE ed25519 ([0-9a-f]{16}) ([A-Za-z0-9_-]{86})\n$/;

/** The key's short id: the first 16 hex digits of SHA-256 over its SPKI DER, printed on the report. */
export function reportKeyId(key: KeyObject): string {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return createHash("sha256")
    .update(publicKey.export({ format: "der", type: "spki" }))
    .digest("hex")
    .slice(0, 16);
}

/** What `/.well-known/credit-report-key` publishes: enough for anyone to verify offline. */
export function publishedReportKey(key: KeyObject) {
  const publicKey = key.type === "private" ? createPublicKey(key) : key;
  return {
    algorithm: "Ed25519",
    keyId: reportKeyId(publicKey),
    publicKey: encodeSubgraphKey(publicKey),
    pem: publicKey.export({ format: "pem", type: "spki" }).toString(),
  };
}

/**
 * Canonical JSON: object keys sorted, no whitespace, arrays in their order — the bytes the content signature
 * covers, so any reader can re-serialise the content and check it.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, each]) => each !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, each]) => `${JSON.stringify(key)}:${canonicalJson(each)}`).join(",")}}`;
}

/** Signs the canonical form of `content`; base64url. */
export function signReportContent(key: KeyObject, content: unknown): string {
  return sign(null, Buffer.from(canonicalJson(content), "utf8"), key).toString("base64url");
}

export function verifyReportContent(key: KeyObject, content: unknown, signature: string): boolean {
  try {
    return verify(
      null,
      Buffer.from(canonicalJson(content), "utf8"),
      key,
      Buffer.from(signature, "base64url"),
    );
  } catch {
    return false;
  }
}

/** The PDF with its file signature appended after `%%EOF`. */
export function signReportFile(key: KeyObject, pdf: Uint8Array): Buffer {
  const body = Buffer.from(pdf.at(-1) === 0x0a ? pdf : Buffer.concat([pdf, Buffer.from("\n")]));
  const signature = sign(null, body, key).toString("base64url");
  return Buffer.concat([body, Buffer.from(`${TRAILER_PREFIX} ${reportKeyId(key)} ${signature}\n`, "latin1")]);
}

export type FileVerification = Readonly<{ genuine: boolean; keyId: string | null; reason: string }>;

/** Checks a signed report file against `key`: genuine only if the trailer is intact and covers every other byte. */
export function verifyReportFile(key: KeyObject, file: Uint8Array): FileVerification {
  const buffer = Buffer.from(file);
  const tail = buffer.subarray(Math.max(0, buffer.length - 200)).toString("latin1");
  const match = TRAILER.exec(tail);
  if (!match)
    return { genuine: false, keyId: null, reason: "no credit-report signature at the end of the file" };
  const [line, keyId, signature] = match as unknown as [string, string, string];
  if (keyId !== reportKeyId(key))
    return { genuine: false, keyId, reason: `signed with key ${keyId}, not with ${reportKeyId(key)}` };
  const body = buffer.subarray(0, buffer.length - line.length + 1);
  const genuine = verify(null, body, key, Buffer.from(signature, "base64url"));
  return {
    genuine,
    keyId,
    reason: genuine
      ? "the signature covers every byte of the file"
      : "the file was changed after it was signed",
  };
}
