import { generateKeyPairSync, randomUUID, sign as signWith } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { base64url, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export type SigningKey = Readonly<{
  kid: string;
  alg: "RS256" | "ES256";
  privateKey: CryptoKey;
  publicJwk: JWK;
}>;

/** A key pair as an identity provider holds it: the private half signs, the public half is published with its `kid`. */
export async function createSigningKey(alg: "RS256" | "ES256" = "RS256"): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const kid = randomUUID();
  return { kid, alg, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg, use: "sig" } };
}

/**
 * A local OpenID Connect issuer for tests: serves its discovery document and its JWK set over HTTP on a free
 * port, and signs tokens. `publish` replaces the published keys (a rotation); `fetches` counts JWKS reads.
 */
export type LocalIssuer = Readonly<{
  issuer: string;
  jwksUrl: string;
  publish(keys: readonly SigningKey[]): void;
  fetches(): number;
  sign(
    key: SigningKey,
    claims: Record<string, unknown>,
    options?: { issuer?: string; audience?: string; ttlSeconds?: number; iat?: number; sub?: string },
  ): Promise<string>;
  stop(): Promise<void>;
}>;

export async function startLocalIssuer(audience: string): Promise<LocalIssuer> {
  let published: readonly SigningKey[] = [];
  let fetchCount = 0;
  const server: Server = createServer((request, response) => {
    response.setHeader("content-type", "application/json");
    if (request.url === "/jwks") {
      fetchCount += 1;
      response.end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
    } else if (request.url === "/.well-known/openid-configuration") {
      response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    } else {
      response.statusCode = 404;
      response.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    publish: (keys) => void (published = keys),
    fetches: () => fetchCount,
    async sign(key, claims, options = {}) {
      const issuedAt = options.iat ?? Math.floor(Date.now() / 1000);
      return new SignJWT(claims)
        .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT" })
        .setIssuer(options.issuer ?? issuer)
        .setAudience(options.audience ?? audience)
        .setSubject(options.sub ?? `person-${randomUUID().slice(0, 8)}`)
        .setIssuedAt(issuedAt)
        .setExpirationTime(issuedAt + (options.ttlSeconds ?? 600))
        .sign(key.privateKey);
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A published key too weak for its algorithm: RS256 with 1024 bits, which jose will not even sign with. */
export type WeakRsaKey = Readonly<{
  kid: string;
  publicJwk: JWK;
  sign(claims: Record<string, unknown>): string;
}>;

/** A 1024-bit RSA key whose tokens are signed by hand (RS256), as a misconfigured or hostile issuer would. */
export async function createWeakRsaKey(issuer: string, audience: string): Promise<WeakRsaKey> {
  const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const kid = randomUUID();
  return {
    kid,
    publicJwk: { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" },
    sign(claims) {
      const now = Math.floor(Date.now() / 1000);
      const header = base64url.encode(JSON.stringify({ alg: "RS256", kid, typ: "JWT" }));
      const payload = base64url.encode(
        JSON.stringify({
          iss: issuer,
          aud: audience,
          sub: `weak-${kid.slice(0, 8)}`,
          iat: now,
          exp: now + 600,
          ...claims,
        }),
      );
      return `${header}.${payload}.${base64url.encode(signWith("sha256", Buffer.from(`${header}.${payload}`), privateKey))}`;
    },
  };
}
