import {
  createHash,
  createHmac,
  createPrivateKey,
  hkdfSync,
  randomUUID,
  sign,
  type KeyObject,
} from "node:crypto";
import { hashOperation, type SignedOperation } from "../platform/subgraph-signature";
import type { Viewer } from "../platform/viewer";

/** PKCS#8 DER of an Ed25519 private key up to its 32-byte seed (RFC 8410). */
const ED25519_PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");

const ed25519FromSeed = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([ED25519_PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });

/**
 * Gateway signatures as whoever holds the bearer-token secret could make them: with the HKDF key the
 * subgraph signature used before the Ed25519 keys, with the raw secret (HMAC, under the old HS256 header and
 * under today's EdDSA one), and with Ed25519 keys whose seed is taken from the secret. Every claim is
 * right, so only the key can be what refuses them.
 */
export function signaturesFromJwtSecret(
  jwtSecret: string,
  viewer: Viewer,
  audience: string,
  operation: SignedOperation,
): Array<Readonly<{ label: string; signature: string }>> {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = () =>
    Buffer.from(
      JSON.stringify({
        viewer,
        rid: "forged",
        op: hashOperation(operation),
        iss: "credit-federation-gateway",
        aud: audience,
        iat: issuedAt,
        exp: issuedAt + 30,
        jti: randomUUID(),
      }),
    ).toString("base64url");
  const header = (alg: string) =>
    Buffer.from(JSON.stringify({ alg, typ: "credit-subgraph+jwt" })).toString("base64url");
  const hmacSigned = (alg: string, key: Uint8Array | string) => {
    const input = `${header(alg)}.${payload()}`;
    return `${input}.${createHmac("sha256", key).update(input).digest("base64url")}`;
  };
  const ed25519Signed = (key: KeyObject) => {
    const input = `${header("EdDSA")}.${payload()}`;
    return `${input}.${sign(null, Buffer.from(input), key).toString("base64url")}`;
  };
  const hkdfKey = new Uint8Array(
    hkdfSync("sha256", jwtSecret, "credit-federation", "subgraph-request-signature/v1", 32),
  );
  const secretBytes = Buffer.from(jwtSecret, "utf8");
  const seeds: Record<string, Uint8Array> = {
    "the old HKDF key": hkdfKey,
    "SHA-256 of the secret": createHash("sha256").update(jwtSecret).digest(),
    "the secret's first 32 bytes": secretBytes.subarray(0, 32),
    "the secret read as base64url": Buffer.from(jwtSecret, "base64url").subarray(0, 32),
  };
  return [
    {
      label: "HS256 with the old HKDF key (the signature before issue 16)",
      signature: hmacSigned("HS256", hkdfKey),
    },
    { label: "HS256 with the raw secret", signature: hmacSigned("HS256", jwtSecret) },
    { label: "an HMAC by the old HKDF key under the EdDSA header", signature: hmacSigned("EdDSA", hkdfKey) },
    { label: "an HMAC by the raw secret under the EdDSA header", signature: hmacSigned("EdDSA", jwtSecret) },
    ...Object.entries(seeds)
      .filter(([, seed]) => seed.length === 32)
      .map(([source, seed]) => ({
        label: `Ed25519 seeded with ${source}`,
        signature: ed25519Signed(ed25519FromSeed(seed)),
      })),
  ];
}
