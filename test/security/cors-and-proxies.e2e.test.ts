import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startLocalIssuer,
  createSigningKey,
  createWeakRsaKey,
  type LocalIssuer,
  type SigningKey,
} from "../oidc-issuer";
import { startTestFederation, type TestFederation } from "../harness";

/**
 * The gateway behind a proxy and in front of browsers on other origins, over real HTTP: CORS
 * answers only the listed origins; `X-Forwarded-For` names the client only when the peer is a trusted proxy,
 * read from the right, so a spoofed header buys no new anonymous budget; OIDC tokens work end to end.
 */

const PORTAL = "https://portal.example.gov.cn";
const AUDIENCE = "credit-federation";
const PER_MINUTE = 4;

let federation: TestFederation;
let issuer: LocalIssuer;
let issuerKey: SigningKey;

type Answer = Readonly<{
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}>;

/** One HTTP request from a chosen local address (127.0.0.1 is the trusted proxy here; 127.0.0.2 is not). */
function send(options: {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  from?: string;
}): Promise<Answer> {
  const url = new URL(federation.gatewayUrl);
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: options.method ?? "POST",
        headers: options.headers,
        localAddress: options.from ?? "127.0.0.1",
      },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      },
    );
    outgoing.once("error", reject);
    outgoing.end(options.body);
  });
}

const MEASURES = JSON.stringify({ query: "{ measures { code } }" });
const post = (headers: Record<string, string>, from?: string) =>
  send({ headers: { "content-type": "application/json", ...headers }, body: MEASURES, from });
const codeOf = (answer: Answer) =>
  (JSON.parse(answer.body) as { errors?: Array<{ extensions: { code: string } }> }).errors?.[0]?.extensions
    .code ?? null;

beforeAll(async () => {
  issuer = await startLocalIssuer(AUDIENCE);
  issuerKey = await createSigningKey("ES256");
  issuer.publish([issuerKey]);
  federation = await startTestFederation({
    environment: {
      CREDIT_CORS_ORIGINS: `${PORTAL}, http://localhost:5173`,
      CREDIT_TRUSTED_PROXIES: "127.0.0.1/32",
      CREDIT_RATE_LIMIT_PER_MINUTE: String(PER_MINUTE),
      CREDIT_OIDC_ISSUER: issuer.issuer,
      CREDIT_OIDC_AUDIENCE: AUDIENCE,
    },
  });
});
afterAll(async () => {
  await federation?.stop();
  await issuer?.stop();
});

describe("CORS allow-list (CREDIT_CORS_ORIGINS)", () => {
  it("answers the preflight of a listed origin with exactly that origin, no wildcard and no credentials", async () => {
    const preflight = await send({
      method: "OPTIONS",
      headers: {
        origin: PORTAL,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(preflight.headers["access-control-allow-headers"]).toMatch(/authorization/);
    expect(preflight.headers["access-control-allow-credentials"]).toBeUndefined();
    const answer = await post({ origin: PORTAL, "x-forwarded-for": "198.51.100.1" });
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe(PORTAL);
    expect(answer.headers.vary).toMatch(/Origin/);
  });

  it("refuses the preflight of any other origin, a look-alike included, and gives its answers no CORS header", async () => {
    for (const origin of [
      "https://evil.example",
      `${PORTAL}.evil.example`,
      "https://portal.example.gov.cn:8443",
      "null",
    ]) {
      const preflight = await send({
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "x-forwarded-for": "198.51.100.2" },
      });
      expect(preflight.status).toBe(403);
      expect(codeOf(preflight)).toBe("FORBIDDEN");
      expect(preflight.headers["access-control-allow-origin"]).toBeUndefined();
    }
    const answer = await post({ origin: "https://evil.example", "x-forwarded-for": "198.51.100.3" });
    expect(answer.headers["access-control-allow-origin"]).toBeUndefined();
  });
});

describe("the client address behind a trusted proxy (CREDIT_TRUSTED_PROXIES)", () => {
  it("gives each real client its own anonymous budget, and a spoofed X-Forwarded-For prefix buys none", async () => {
    const spend = async (client: string, spoofed: (attempt: number) => string) => {
      const codes: Array<string | null> = [];
      for (let attempt = 0; attempt < PER_MINUTE + 2; attempt++)
        codes.push(codeOf(await post({ "x-forwarded-for": `${spoofed(attempt)}${client}` })));
      return codes;
    };
    // The proxy appends the address it saw; whatever the client wrote stands to the left of it.
    const attacker = await spend("203.0.113.7", (attempt) => `10.9.${attempt}.1, `);
    expect(attacker.slice(0, PER_MINUTE)).toEqual(Array(PER_MINUTE).fill(null));
    expect(attacker.slice(PER_MINUTE)).toEqual(["RATE_LIMITED", "RATE_LIMITED"]);
    const neighbour = await post({ "x-forwarded-for": "203.0.113.8" });
    expect(codeOf(neighbour)).toBeNull();

    const audited = await federation.connection.db
      .selectFrom("audit_events")
      .select("client_address")
      .where("request_id", "=", String(neighbour.headers["x-request-id"]))
      .executeTakeFirstOrThrow();
    expect(audited.client_address).toBe("203.0.113.8");
  });

  it("skips further trusted hops from the right, and ignores X-Forwarded-For from a peer that is not trusted", async () => {
    const chained = await post({ "x-forwarded-for": "192.0.2.50, 127.0.0.1" });
    const fromUntrusted = await post({ "x-forwarded-for": "192.0.2.51" }, "127.0.0.2");
    const addresses = await federation.connection.db
      .selectFrom("audit_events")
      .select(["request_id", "client_address"])
      .where("request_id", "in", [
        String(chained.headers["x-request-id"]),
        String(fromUntrusted.headers["x-request-id"]),
      ])
      .execute();
    const byRequest = new Map(addresses.map((row) => [row.request_id, row.client_address]));
    expect(byRequest.get(String(chained.headers["x-request-id"]))).toBe("192.0.2.50");
    expect(byRequest.get(String(fromUntrusted.headers["x-request-id"]))).toBe("127.0.0.2");
  });
});

describe("an OpenID Connect token through the gateway", () => {
  it("is accepted when signed with the issuer's key and refused (401) when signed with another", async () => {
    const token = await issuer.sign(issuerKey, { role: "AUDITOR" });
    const accepted = await send({
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: "{ auditChain { verified } }" }),
    });
    expect(accepted.status).toBe(200);
    expect(JSON.parse(accepted.body).data.auditChain.verified).toBe(true);
    const forged = await issuer.sign(
      { ...(await createSigningKey("ES256")), kid: issuerKey.kid },
      { role: "AUDITOR" },
    );
    const refused = await send({
      headers: { "content-type": "application/json", authorization: `Bearer ${forged}` },
      body: JSON.stringify({ query: "{ auditChain { verified } }" }),
    });
    expect(refused.status).toBe(401);
    expect(codeOf(refused)).toBe("UNAUTHENTICATED");
  });

  it("is refused (401, not 503) when signed with a published 1024-bit RSA key, and when its sub is empty — each audited", async () => {
    const weak = await createWeakRsaKey(issuer.issuer, AUDIENCE);
    issuer.publish([issuerKey, { ...issuerKey, kid: weak.kid, publicJwk: weak.publicJwk }]);
    try {
      for (const token of [
        weak.sign({ role: "AUDITOR" }),
        await issuer.sign(issuerKey, { role: "AUDITOR" }, { sub: "" }),
      ]) {
        const refused = await send({
          headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: "{ auditChain { verified } }" }),
        });
        expect(refused.status).toBe(401);
        expect(codeOf(refused)).toBe("UNAUTHENTICATED");
        const [event] = await federation.connection.db
          .selectFrom("audit_events")
          .select(["outcome", "role"])
          .where("request_id", "=", String(refused.headers["x-request-id"]))
          .execute();
        expect(event).toEqual({ outcome: "DENIED", role: "PUBLIC" });
      }
    } finally {
      issuer.publish([issuerKey]);
    }
  });
});
