import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from "node:crypto";
import { isPurpose, isRole, type Viewer } from "./viewer";

/** The header that carries the gateway's signature over the viewer and the operation. */
export const SIGNATURE_HEADER = "x-credit-signature";

const ISSUER = "credit-federation-gateway";
const LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;

/*
 * Keys travel as one line of base64url DER (PKCS#8 for the private key, SPKI for a public one): a single
 * environment line each, and a list of public keys splits unambiguously on commas or newlines.
 */
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/** A new Ed25519 key pair for signing subgraph requests (`npm run keys`, development's generated key). */
export function generateSubgraphKeyPair(): Readonly<{ privateKey: KeyObject; publicKey: KeyObject }> {
  return generateKeyPairSync("ed25519");
}

/** The gateway's private key from its base64url PKCS#8 DER; throws on anything but an Ed25519 private key. */
export function parseSubgraphSigningKey(encoded: string): KeyObject {
  if (!BASE64URL.test(encoded)) throw new Error("not base64url");
  const key = createPrivateKey({ key: Buffer.from(encoded, "base64url"), format: "der", type: "pkcs8" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** A public key the subgraphs accept, from its base64url SPKI DER; throws on anything but an Ed25519 public key. */
export function parseSubgraphVerifyKey(encoded: string): KeyObject {
  if (!BASE64URL.test(encoded)) throw new Error("not base64url");
  const key = createPublicKey({ key: Buffer.from(encoded, "base64url"), format: "der", type: "spki" });
  if (key.asymmetricKeyType !== "ed25519") throw new Error(`an ${key.asymmetricKeyType} key, not Ed25519`);
  return key;
}

/** The one-line form of a key, as `parseSubgraphSigningKey` and `parseSubgraphVerifyKey` read it. */
export function encodeSubgraphKey(key: KeyObject): string {
  return key.type === "private"
    ? key.export({ format: "der", type: "pkcs8" }).toString("base64url")
    : key.export({ format: "der", type: "spki" }).toString("base64url");
}

export type SignedOperation = Readonly<{
  query: string | undefined;
  operationName?: string | null | undefined;
  variables?: Record<string, unknown> | null | undefined;
}>;

/** Binds a signature to one operation: the same hash is computed on both sides of the wire. */
export function hashOperation(operation: SignedOperation): string {
  return createHash("sha256")
    .update(operation.query ?? "")
    .update("\u0000")
    .update(operation.operationName ?? "")
    .update("\u0000")
    .update(JSON.stringify(operation.variables ?? {}))
    .digest("base64url");
}

/**
 * `caller` is whom per-caller budgets charge: the token's subject, or the client address of an anonymous caller.
 * `network` is the client's address as per-person budgets charge it (an IPv6 address by its /64,
 * gateway/client-address.ts#networkKeyOf), whoever is signed in; the gateway always sends it.
 */
export type SubgraphRequestClaims = Readonly<{
  viewer: Viewer;
  requestId: string;
  caller: string;
  network?: string;
}>;

/*
 * The signature is a compact EdDSA (Ed25519) JWT, made and checked with node:crypto rather than jose:
 * jose 6 works only through asynchronous WebCrypto, which cost 106 µs of CPU per signature against 54 µs
 * here and 218 µs per check against 170 µs, and every lookup signs and verifies one per subgraph fetch
 * (docs/decisions/0003-subgraph-signatures-with-node-crypto.md). The format is entirely ours (one fixed header, so no algorithm is ever
 * negotiated), which keeps the check short; bearer tokens from outside are still verified by jose
 * (gateway/auth.ts). A test checks that jose accepts what is signed here and that everything jose would
 * refuse is refused here too.
 *
 * Ed25519 rather than an HMAC, so that only the gateway can sign: subgraphs hold public keys, and
 * nothing about the key follows from the bearer-token secret, so whoever can mint bearer tokens cannot sign as the gateway.
 */
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: "EdDSA", typ: "credit-subgraph+jwt" })).toString(
  "base64url",
);

/**
 * Signs one gateway → subgraph fetch: viewer claims, request id, the subgraph as audience, a fresh
 * nonce (jti), a 30-second lifetime and the hash of the operation, so that a captured header can be
 * used neither for another query, nor on another subgraph, nor twice.
 */
export function signSubgraphRequest(
  key: KeyObject,
  claims: SubgraphRequestClaims,
  audience: string,
  operation: SignedOperation,
): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = {
    viewer: claims.viewer,
    rid: claims.requestId,
    clr: claims.caller,
    ...(claims.network === undefined ? {} : { net: claims.network }),
    op: hashOperation(operation),
    iss: ISSUER,
    aud: audience,
    iat: issuedAt,
    exp: issuedAt + LIFETIME_SECONDS,
    jti: randomUUID(),
  };
  const signingInput = `${PROTECTED_HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signingInput}.${sign(null, Buffer.from(signingInput), key).toString("base64url")}`;
}

export class SignatureError extends Error {
  override readonly name = "SignatureError";
}

/** Remembers nonces until their signature expires, so each signed fetch is accepted once. */
export class ReplayGuard {
  private readonly seen = new Map<string, number>();
  private nextSweepAt = 0;

  /** Returns false when `nonce` was already used. */
  claim(nonce: string, expiresAtSeconds: number, nowSeconds = Date.now() / 1000): boolean {
    if (nowSeconds >= this.nextSweepAt) {
      for (const [seenNonce, expiry] of this.seen) {
        if (expiry + CLOCK_TOLERANCE_SECONDS < nowSeconds) this.seen.delete(seenNonce);
      }
      this.nextSweepAt = nowSeconds + LIFETIME_SECONDS;
    }
    if (this.seen.has(nonce)) return false;
    this.seen.set(nonce, expiresAtSeconds);
    return true;
  }
}

/**
 * Verifies a subgraph request's signature, by any of `keys` (more than one while a key is rotated),
 * against the operation actually received; throws `SignatureError` (never says which check failed
 * beyond a short reason) on anything else.
 */
export function verifySubgraphRequest(
  keys: readonly KeyObject[],
  token: string | undefined,
  audience: string,
  operation: SignedOperation,
  replayGuard: ReplayGuard,
): SubgraphRequestClaims {
  if (!token) throw new SignatureError("missing gateway signature");
  const payload = verifiedPayload(keys, token, audience, Date.now() / 1000);
  if (payload.op !== hashOperation(operation))
    throw new SignatureError("signature does not cover this operation");
  if (!replayGuard.claim(String(payload.jti), Number(payload.exp)))
    throw new SignatureError("signature already used");
  const viewer = parseViewer(payload.viewer);
  if (
    !viewer ||
    typeof payload.rid !== "string" ||
    typeof payload.clr !== "string" ||
    (payload.net !== undefined && typeof payload.net !== "string")
  ) {
    throw new SignatureError("malformed gateway signature");
  }
  return {
    viewer,
    requestId: payload.rid,
    caller: payload.clr,
    ...(typeof payload.net === "string" ? { network: payload.net } : {}),
  };
}

/** The claims of a token signed by one of `keys` for `audience`, current at `nowSeconds`; SignatureError otherwise. */
function verifiedPayload(
  keys: readonly KeyObject[],
  token: string,
  audience: string,
  nowSeconds: number,
): Record<string, unknown> {
  const invalid = () => new SignatureError("invalid gateway signature");
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PROTECTED_HEADER) throw invalid();
  const signature = Buffer.from(parts[2]!, "base64url");
  // base64url decoding skips stray characters and ignores the last one's spare bits: only the one encoding counts.
  if (signature.toString("base64url") !== parts[2]) throw invalid();
  const signingInput = Buffer.from(`${parts[0]}.${parts[1]}`);
  if (!keys.some((key) => verify(null, signingInput, key, signature))) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw invalid();
  const { iss, aud, iat, exp, jti } = payload as Record<string, unknown>;
  if (iss !== ISSUER || aud !== audience || typeof jti !== "string" || jti === "") throw invalid();
  if (typeof iat !== "number" || typeof exp !== "number" || !Number.isFinite(iat) || !Number.isFinite(exp))
    throw invalid();
  const expired = exp <= nowSeconds - CLOCK_TOLERANCE_SECONDS;
  const tooOld = nowSeconds - iat - CLOCK_TOLERANCE_SECONDS > LIFETIME_SECONDS;
  const fromTheFuture = iat > nowSeconds + CLOCK_TOLERANCE_SECONDS;
  if (expired || tooOld || fromTheFuture) throw invalid();
  return payload as Record<string, unknown>;
}

function parseViewer(value: unknown): Viewer | null {
  if (typeof value !== "object" || value === null) return null;
  const candidate = value as Record<string, unknown>;
  const optionalString = (field: unknown) => (typeof field === "string" ? field : null);
  if (!isRole(candidate.role)) return null;
  if (candidate.purpose != null && !isPurpose(candidate.purpose)) return null;
  return Object.freeze({
    role: candidate.role,
    actor: optionalString(candidate.actor),
    org: optionalString(candidate.org),
    subject: optionalString(candidate.subject),
    purpose: isPurpose(candidate.purpose) ? candidate.purpose : null,
  });
}
