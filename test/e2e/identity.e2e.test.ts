import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({ seed: "demo" });
});
afterAll(async () => federation?.stop());

const MEASURES = "{ measures { code } }";

describe("identity at the gateway", () => {
  it("treats a request without Authorization as PUBLIC", async () => {
    const result = await federation.query<{ measures: unknown[] }>(MEASURES);
    expect(result.status).toBe(200);
    expect(result.data!.measures.length).toBeGreaterThan(0);
  });

  it("answers an expired token with UNAUTHENTICATED and no data", async () => {
    const now = Math.floor(Date.now() / 1000);
    const expired = await new SignJWT({ role: "GOVERNMENT", org: "HA-GOV" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("officer-1")
      .setIssuedAt(now - 7200)
      .setExpirationTime(now - 3600)
      .sign(new TextEncoder().encode(federation.jwtSecret));
    const result = await federation.query(MEASURES, { token: expired });
    expect(result.status).toBe(401);
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(result.errors![0]!.message).toMatch(/expired/);
    expect(result.data).toBeUndefined();
  });

  it("answers a token signed with another secret with UNAUTHENTICATED, never as PUBLIC", async () => {
    const foreign = await new SignJWT({ role: "CREDIT_CENTER" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("intruder")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("some-other-secret-that-is-long-enough"));
    const result = await federation.query(MEASURES, { token: foreign });
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
    expect(result.data).toBeUndefined();
  });

  it("refuses an unsigned (alg none) token", async () => {
    const header = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    const payload = Buffer.from(
      JSON.stringify({ role: "CREDIT_CENTER", sub: "x", exp: 9999999999 }),
    ).toString("base64url");
    const result = await federation.query(MEASURES, { token: `${header}.${payload}.x` });
    expect(errorCodes(result)).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses a token with an unknown role or a SUBJECT token without its identifier", async () => {
    const unknownRole = await new SignJWT({ role: "ADMIN" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("x")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode(federation.jwtSecret));
    expect(errorCodes(await federation.query(MEASURES, { token: unknownRole }))).toEqual(["UNAUTHENTICATED"]);
    expect(
      errorCodes(await federation.query(MEASURES, { token: await federation.token({ role: "SUBJECT" }) })),
    ).toEqual(["UNAUTHENTICATED"]);
  });

  it("refuses an unknown purpose with BAD_USER_INPUT listing the purposes", async () => {
    const token = await federation.token({ role: "GOVERNMENT", org: "HA-GOV" });
    const result = await federation.query(MEASURES, { token, purpose: "CURIOSITY" });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0]!.message).toContain("ADMINISTRATIVE_LICENSING");
  });

  it("does not leak subgraph URLs, stack traces or SQL in errors", async () => {
    const result = await federation.query(`{ subject(identifier: "91320802MA1000000F") { nope } }`);
    const text = JSON.stringify(result);
    expect(text).not.toMatch(/127\.0\.0\.1|stacktrace|select |serviceName/i);
  });
});
