import { randomBytes } from "node:crypto";
import { exportSPKI, importJWK, SignJWT, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ServiceUnavailableError, UnauthenticatedError } from "../platform/errors";
import { mintToken } from "../platform/tokens";
import {
  createSigningKey,
  createWeakRsaKey,
  startLocalIssuer,
  type LocalIssuer,
  type SigningKey,
} from "../test/oidc-issuer";
import { authenticate, type BearerTrust } from "./auth";
import { createOidcIssuer } from "./oidc";

const AUDIENCE = "credit-federation";
const TWELVE_HOURS = 43_200;
const secretText = randomBytes(32).toString("base64url");
const secret = new TextEncoder().encode(secretText);
/** The city's identity provider names our claims its own way, one of them nested. */
const CLAIMS = { role: "credit_role", org: "organisation.code", subject: "citizen_id" };

let issuer: LocalIssuer;
let current: SigningKey;
let trust: BearerTrust;

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const refusalOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );

beforeAll(async () => {
  issuer = await startLocalIssuer(AUDIENCE);
  current = await createSigningKey("RS256");
  issuer.publish([current]);
  trust = {
    secret,
    oidc: await createOidcIssuer(
      { issuer: issuer.issuer, jwksUrl: issuer.jwksUrl, audience: AUDIENCE, claims: CLAIMS },
      { rotationCooldownMs: 0 },
    ),
  };
});
afterAll(() => issuer?.stop());

describe("bearer tokens from an OpenID Connect issuer's JWKS", () => {
  it("accepts a token signed with the issuer's published key, its claims read under the configured names", async () => {
    const token = await issuer.sign(
      current,
      { credit_role: "GOVERNMENT", organisation: { code: "HA-ADMIN-APPROVAL" } },
      { sub: "official-7" },
    );
    expect(await authenticate(bearer(token), trust, TWELVE_HOURS)).toEqual({
      role: "GOVERNMENT",
      actor: "official-7",
      org: "HA-ADMIN-APPROVAL",
      subject: null,
      purpose: null,
    });
  });

  it("accepts ES256 as well", async () => {
    const elliptic = await createSigningKey("ES256");
    issuer.publish([current, elliptic]);
    const token = await issuer.sign(elliptic, { credit_role: "SUBJECT", citizen_id: "410102199003070015" });
    expect((await authenticate(bearer(token), trust, TWELVE_HOURS)).subject).toBe("410102199003070015");
  });

  it("refuses a token signed by another key, under a published kid or an unknown one", async () => {
    const impostor = await createSigningKey("RS256");
    const underPublishedKid = await issuer.sign(
      { ...impostor, kid: current.kid },
      { credit_role: "CREDIT_CENTER" },
    );
    expect(await refusalOf(authenticate(bearer(underPublishedKid), trust, TWELVE_HOURS))).toBeInstanceOf(
      UnauthenticatedError,
    );
    const underOwnKid = await issuer.sign(impostor, { credit_role: "CREDIT_CENTER" });
    const refused = await refusalOf(authenticate(bearer(underOwnKid), trust, TWELVE_HOURS));
    expect(refused).toBeInstanceOf(UnauthenticatedError);
    expect((refused as Error).message).toMatch(/key the identity provider does not publish/);
  });

  it("refuses a token of another issuer or for another audience", async () => {
    const otherIssuer = await issuer.sign(
      current,
      { credit_role: "AUDITOR" },
      { issuer: "https://elsewhere.example" },
    );
    expect(
      ((await refusalOf(authenticate(bearer(otherIssuer), trust, TWELVE_HOURS))) as Error).message,
    ).toMatch(/`iss`/);
    const otherAudience = await issuer.sign(current, { credit_role: "AUDITOR" }, { audience: "another-app" });
    expect(
      ((await refusalOf(authenticate(bearer(otherAudience), trust, TWELVE_HOURS))) as Error).message,
    ).toMatch(/`aud`/);
  });

  it("follows a key rotation: a token under a new kid is accepted once the issuer publishes it, the retired key no longer", async () => {
    const retired = current;
    current = await createSigningKey("RS256");
    issuer.publish([current]);
    const before = issuer.fetches();
    const token = await issuer.sign(current, { credit_role: "AUDITOR" });
    expect((await authenticate(bearer(token), trust, TWELVE_HOURS)).role).toBe("AUDITOR");
    expect(issuer.fetches()).toBeGreaterThan(before);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const old = await issuer.sign(retired, { credit_role: "AUDITOR" });
    expect(await refusalOf(authenticate(bearer(old), trust, TWELVE_HOURS))).toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it("keeps the token rules of our own tokens: iat and exp, the maximum age, a known role, org for organisations", async () => {
    const tooLong = await issuer.sign(current, { credit_role: "AUDITOR" }, { ttlSeconds: TWELVE_HOURS + 60 });
    expect(((await refusalOf(authenticate(bearer(tooLong), trust, TWELVE_HOURS))) as Error).message).toMatch(
      /lives longer/,
    );
    const unknownRole = await issuer.sign(current, { credit_role: "ADMIN" });
    expect(
      ((await refusalOf(authenticate(bearer(unknownRole), trust, TWELVE_HOURS))) as Error).message,
    ).toMatch(/no known role/);
    const noOrg = await issuer.sign(current, { credit_role: "PROVIDER" });
    expect(((await refusalOf(authenticate(bearer(noOrg), trust, TWELVE_HOURS))) as Error).message).toMatch(
      /`org` claim/,
    );
  });

  it("still accepts the HS256 tokens of `npm run token`, and never checks an HS256 token with the issuer's public key as secret", async () => {
    expect(
      (await authenticate(bearer(await mintToken(secretText, { role: "AUDITOR" })), trust, TWELVE_HOURS))
        .role,
    ).toBe("AUDITOR");
    const publicPem = await exportSPKI(
      (await importJWK(current.publicJwk, "RS256", { extractable: true })) as CryptoKey,
    );
    const confused = await new SignJWT({ credit_role: "CREDIT_CENTER", role: "CREDIT_CENTER" })
      .setProtectedHeader({ alg: "HS256", kid: current.kid })
      .setIssuer(issuer.issuer)
      .setAudience(AUDIENCE)
      .setSubject("attacker")
      .setIssuedAt()
      .setExpirationTime("5m")
      .sign(new TextEncoder().encode(publicPem));
    expect(await refusalOf(authenticate(bearer(confused), trust, TWELVE_HOURS))).toBeInstanceOf(
      UnauthenticatedError,
    );
  });

  it("refuses an RS256 token where no issuer is configured", async () => {
    const token = await issuer.sign(current, { credit_role: "AUDITOR" });
    expect(
      ((await refusalOf(authenticate(bearer(token), { secret, oidc: null }, TWELVE_HOURS))) as Error).message,
    ).toMatch(/no OpenID Connect issuer/);
  });

  it("finds the key set through discovery, and is SERVICE_UNAVAILABLE (not PUBLIC, not a bad token) when the issuer cannot be reached", async () => {
    const discovered: BearerTrust = {
      secret,
      oidc: await createOidcIssuer({
        issuer: issuer.issuer,
        jwksUrl: undefined,
        audience: AUDIENCE,
        claims: CLAIMS,
      }),
    };
    const token = await issuer.sign(current, { credit_role: "AUDITOR" });
    expect((await authenticate(bearer(token), discovered, TWELVE_HOURS)).role).toBe("AUDITOR");

    const unreachable: BearerTrust = {
      secret,
      oidc: await createOidcIssuer({
        issuer: issuer.issuer,
        jwksUrl: "http://127.0.0.1:9/jwks",
        audience: AUDIENCE,
        claims: CLAIMS,
      }),
    };
    expect(await refusalOf(authenticate(bearer(token), unreachable, TWELVE_HOURS))).toBeInstanceOf(
      ServiceUnavailableError,
    );
  });
});

describe("what an issuer's token may not be", () => {
  it("refuses a token signed with a published 1024-bit RSA key as UNAUTHENTICATED, not as an outage", async () => {
    const weak = await createWeakRsaKey(issuer.issuer, AUDIENCE);
    const token = weak.sign({ credit_role: "AUDITOR" });
    issuer.publish([current, { ...current, kid: weak.kid, publicJwk: weak.publicJwk }]);
    try {
      const refused = await refusalOf(authenticate(bearer(token), trust, TWELVE_HOURS));
      expect(refused).toBeInstanceOf(UnauthenticatedError);
    } finally {
      issuer.publish([current]);
    }
  });

  it("reads a dotted claim path nested only: a flat claim of that name never counts, and beside the nested one is refused", async () => {
    const dotted: BearerTrust = {
      secret,
      oidc: await createOidcIssuer(
        {
          issuer: issuer.issuer,
          jwksUrl: issuer.jwksUrl,
          audience: AUDIENCE,
          claims: { role: "credit.role", org: "org", subject: "subject" },
        },
        { rotationCooldownMs: 0 },
      ),
    };
    const nested = await issuer.sign(current, { credit: { role: "AUDITOR" } });
    expect((await authenticate(bearer(nested), dotted, TWELVE_HOURS)).role).toBe("AUDITOR");
    const flatOnly = await issuer.sign(current, { "credit.role": "CREDIT_CENTER" });
    expect(
      ((await refusalOf(authenticate(bearer(flatOnly), dotted, TWELVE_HOURS))) as Error).message,
    ).toMatch(/ambiguous/);
    const both = await issuer.sign(current, {
      credit: { role: "SUBJECT" },
      "credit.role": "CREDIT_CENTER",
      subject: "410102199003070015",
    });
    const refused = await refusalOf(authenticate(bearer(both), dotted, TWELVE_HOURS));
    expect(refused).toBeInstanceOf(UnauthenticatedError);
    expect((refused as Error).message).toMatch(/ambiguous/);
    // Nor is a path read through what every object inherits.
    const inherited = await issuer.sign(current, { credit: {} });
    expect(
      await refusalOf(
        authenticate(
          bearer(inherited),
          {
            secret,
            oidc: { ...dotted.oidc!, claims: { role: "credit.constructor", org: "org", subject: "subject" } },
          },
          TWELVE_HOURS,
        ),
      ),
    ).toBeInstanceOf(UnauthenticatedError);
  });

  it("refuses an empty or blank sub, from the issuer and in our own tokens", async () => {
    for (const sub of ["", " "]) {
      const fromIssuer = await issuer.sign(current, { credit_role: "AUDITOR" }, { sub });
      const refused = await refusalOf(authenticate(bearer(fromIssuer), trust, TWELVE_HOURS));
      expect(refused, JSON.stringify(sub)).toBeInstanceOf(UnauthenticatedError);
      expect((refused as Error).message).toMatch(/`sub`/);
      const own = await mintToken(secretText, { role: "AUDITOR", sub });
      expect(
        await refusalOf(authenticate(bearer(own), trust, TWELVE_HOURS)),
        JSON.stringify(sub),
      ).toBeInstanceOf(UnauthenticatedError);
    }
  });
});
