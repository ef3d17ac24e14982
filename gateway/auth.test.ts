import { randomBytes } from "node:crypto";
import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { UnauthenticatedError } from "../platform/errors";
import { mintToken } from "../platform/tokens";
import { authenticate } from "./auth";

const secret = randomBytes(32).toString("base64url");
const key = new TextEncoder().encode(secret);
const TWELVE_HOURS = 43_200;
const now = () => Math.floor(Date.now() / 1000);

function sign(claims: { iat?: number; exp?: number }): Promise<string> {
  const token = new SignJWT({ role: "AUDITOR" }).setProtectedHeader({ alg: "HS256" }).setSubject("auditor-1");
  if (claims.iat !== undefined) token.setIssuedAt(claims.iat);
  if (claims.exp !== undefined) token.setExpirationTime(claims.exp);
  return token.sign(key);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

async function refusal(token: string): Promise<string> {
  const error = await authenticate(bearer(token), key, TWELVE_HOURS).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UnauthenticatedError);
  return (error as UnauthenticatedError).message;
}

describe("bearer token lifetime", () => {
  it("accepts what `npm run token` mints (1 h) and a token of exactly the maximum age", async () => {
    expect(
      (await authenticate(bearer(await mintToken(secret, { role: "AUDITOR" })), key, TWELVE_HOURS)).role,
    ).toBe("AUDITOR");
    const issued = now();
    expect(
      (await authenticate(bearer(await sign({ iat: issued, exp: issued + TWELVE_HOURS })), key, TWELVE_HOURS))
        .role,
    ).toBe("AUDITOR");
  });

  it("refuses a token that lives longer than the maximum, however fresh", async () => {
    const issued = now();
    expect(await refusal(await sign({ iat: issued, exp: issued + 10 * 365 * 86_400 }))).toMatch(
      /lives longer than 43200 s/,
    );
    expect(await refusal(await sign({ iat: issued, exp: issued + TWELVE_HOURS + 1 }))).toMatch(
      /lives longer/,
    );
  });

  it("refuses a token issued longer ago than the maximum, even when it has not expired", async () => {
    expect(await refusal(await sign({ iat: now() - TWELVE_HOURS - 60, exp: now() + 60 }))).toMatch(/expired/);
  });

  it("refuses an iat in the future beyond 30 s of clock skew, and tolerates less", async () => {
    expect(await refusal(await sign({ iat: now() + 60, exp: now() + 600 }))).toMatch(/issued in the future/);
    expect(
      (await authenticate(bearer(await sign({ iat: now() + 10, exp: now() + 600 })), key, TWELVE_HOURS)).role,
    ).toBe("AUDITOR");
  });

  it("requires iat and exp", async () => {
    expect(await refusal(await sign({ exp: now() + 600 }))).toMatch(/no `iat` claim/);
    expect(await refusal(await sign({ iat: now() }))).toMatch(/no `exp` claim/);
  });
});
