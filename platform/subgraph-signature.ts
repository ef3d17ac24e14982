import { createHash, createHmac, hkdfSync, randomUUID, timingSafeEqual } from "node:crypto";
import { isPurpose, isRole, type Viewer } from "./viewer";

/** The header that carries the gateway's signature over the viewer and the operation. */
export const SIGNATURE_HEADER = "x-credit-signature";

const ISSUER = "credit-federation-gateway";
const LIFETIME_SECONDS = 30;
const CLOCK_TOLERANCE_SECONDS = 5;

/**
 * The key the gateway signs subgraph requests with, derived from the bearer-token secret so that a
 * bearer token can never pass as a gateway signature (different key, issuer and audience).
 */
export function deriveSubgraphSigningKey(jwtSecret: string): Uint8Array {
  return new Uint8Array(hkdfSync("sha256", jwtSecret, "credit-federation", "subgraph-request-signature/v1", 32));
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

export type SubgraphRequestClaims = Readonly<{ viewer: Viewer; requestId: string }>;

/*
 * The signature is a compact HS256 JWT, but made and checked with node:crypto's HMAC rather than jose:
 * jose 6 works only through WebCrypto, whose asynchronous HMAC cost 196 µs of CPU per signature against
 * 8 µs here — and every lookup signs and verifies one per subgraph fetch (docs/performance.md). The
 * format is entirely ours (one fixed header, so no algorithm is ever negotiated), which keeps the check
 * short; bearer tokens from outside are still verified by jose (gateway/auth.ts). A test checks that jose
 * accepts what is signed here and that everything jose would refuse is refused here too.
 */
const PROTECTED_HEADER = Buffer.from(JSON.stringify({ alg: "HS256", typ: "credit-subgraph+jwt" })).toString("base64url");

const mac = (key: Uint8Array, signingInput: string) => createHmac("sha256", key).update(signingInput).digest("base64url");

/**
 * Signs one gateway → subgraph fetch: viewer claims, request id, the subgraph as audience, a fresh
 * nonce (jti), a 30-second lifetime and the hash of the operation, so that a captured header can be
 * used neither for another query, nor on another subgraph, nor twice.
 */
export function signSubgraphRequest(key: Uint8Array, claims: SubgraphRequestClaims, audience: string, operation: SignedOperation): string {
  const issuedAt = Math.floor(Date.now() / 1000);
  const payload = {
    viewer: claims.viewer,
    rid: claims.requestId,
    op: hashOperation(operation),
    iss: ISSUER,
    aud: audience,
    iat: issuedAt,
    exp: issuedAt + LIFETIME_SECONDS,
    jti: randomUUID(),
  };
  const signingInput = `${PROTECTED_HEADER}.${Buffer.from(JSON.stringify(payload)).toString("base64url")}`;
  return `${signingInput}.${mac(key, signingInput)}`;
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
 * Verifies a subgraph request's signature against the operation actually received; throws
 * `SignatureError` (never says which check failed beyond a short reason) on anything else.
 */
export function verifySubgraphRequest(
  key: Uint8Array,
  token: string | undefined,
  audience: string,
  operation: SignedOperation,
  replayGuard: ReplayGuard,
): SubgraphRequestClaims {
  if (!token) throw new SignatureError("missing gateway signature");
  const payload = verifiedPayload(key, token, audience, Date.now() / 1000);
  if (payload.op !== hashOperation(operation)) throw new SignatureError("signature does not cover this operation");
  if (!replayGuard.claim(String(payload.jti), Number(payload.exp))) throw new SignatureError("signature already used");
  const viewer = parseViewer(payload.viewer);
  if (!viewer || typeof payload.rid !== "string") throw new SignatureError("malformed gateway signature");
  return { viewer, requestId: payload.rid };
}

/** The claims of a token signed with `key` for `audience`, current at `nowSeconds`; SignatureError otherwise. */
function verifiedPayload(key: Uint8Array, token: string, audience: string, nowSeconds: number): Record<string, unknown> {
  const invalid = () => new SignatureError("invalid gateway signature");
  const parts = token.split(".");
  if (parts.length !== 3 || parts[0] !== PROTECTED_HEADER) throw invalid();
  const given = Buffer.from(parts[2]!);
  const expected = Buffer.from(mac(key, `${parts[0]}.${parts[1]}`));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalid();
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(parts[1]!, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw invalid();
  const { iss, aud, iat, exp, jti } = payload as Record<string, unknown>;
  if (iss !== ISSUER || aud !== audience || typeof jti !== "string" || jti === "") throw invalid();
  if (typeof iat !== "number" || typeof exp !== "number" || !Number.isFinite(iat) || !Number.isFinite(exp)) throw invalid();
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
