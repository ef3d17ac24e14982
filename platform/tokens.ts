import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import type { Role } from "./viewer";

export type TokenClaims = Readonly<{
  role: Role;
  org?: string | undefined;
  subject?: string | undefined;
  sub?: string | undefined;
  /** Lifetime as jose reads it: "1h", "15m", "30s". */
  ttl?: string | undefined;
}>;

/** Mints a bearer token (HS256) as docs/api.md "Identity" describes; used by `npm run token` and the tests. */
export async function mintToken(secret: string, claims: TokenClaims): Promise<string> {
  const payload: Record<string, string> = { role: claims.role };
  if (claims.org) payload.org = claims.org;
  if (claims.subject) payload.subject = claims.subject;
  return new SignJWT(payload)
    .setProtectedHeader({ alg: "HS256", typ: "JWT" })
    .setSubject(claims.sub ?? `${claims.role.toLowerCase()}-${randomUUID().slice(0, 8)}`)
    .setIssuedAt()
    .setExpirationTime(claims.ttl ?? "1h")
    .sign(new TextEncoder().encode(secret));
}
