import { connect } from "node:net";
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/**
 * Nothing a client sends is answered with HTTP 500 (docs/api.md "Errors"). Each case
 * was a 500 (or an internal error inside a 200) before: it must now be the contract code, with a message
 * that says what to fix and carries no stack.
 */
let federation: TestFederation;
let auditor: string;
beforeAll(async () => {
  federation = await startTestFederation({ seed: "demo" });
  auditor = await federation.token({ role: "AUDITOR" });
});
afterAll(async () => federation?.stop());

type Answer = {
  status: number;
  requestId: string;
  errors: Array<{ message: string; extensions: { code: string; limit?: string } }>;
  data?: unknown;
};

/** POSTs a raw body: JSON.stringify itself cannot write the 100,000-deep variables these tests send. */
async function post(body: string, token?: string): Promise<Answer> {
  const response = await fetch(federation.gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body,
  });
  return {
    status: response.status,
    requestId: response.headers.get("x-request-id") ?? "",
    ...((await response.json()) as Omit<Answer, "status" | "requestId">),
  };
}

const operation = (query: string, extra: Record<string, unknown> = {}) => JSON.stringify({ query, ...extra });

/** The answer is the contract's code for a client error, never a 500 and never an internal message. */
function expectClientError(answer: Answer, code: string, message: RegExp): void {
  expect(answer.status).not.toBe(500);
  expect(answer.errors.map((error) => error.extensions.code)).toEqual([code]);
  expect(answer.errors[0]!.message).toMatch(message);
  expect(JSON.stringify(answer.errors)).not.toMatch(
    /stack|Maximum call stack|internal error|\bat [\w.<>]+ \(/i,
  );
  expect(Object.keys(answer.errors[0]!.extensions)).not.toContain("http");
}

const nestedArrays = (depth: number, leaf = '"x"') => `${"[".repeat(depth)}${leaf}${"]".repeat(depth)}`;
const nestedObjects = (depth: number, leaf = '"x"') => `${'{"a":'.repeat(depth)}${leaf}${"}".repeat(depth)}`;
const cursor = (...parts: string[]) => Buffer.from(JSON.stringify(parts)).toString("base64url");

describe("documents whose operation cannot be chosen", () => {
  it("two operations and no operationName: 400 BAD_USER_INPUT asking for operationName", async () => {
    const answer = await post(operation("query A { measures { code } } query B { measures { title } }"));
    expect(answer.status).toBe(400);
    expectClientError(answer, "BAD_USER_INPUT", /operationName/);
  });

  it("an operationName the document does not hold: 400 BAD_USER_INPUT", async () => {
    const answer = await post(operation("query A { measures { code } }", { operationName: "Missing" }));
    expect(answer.status).toBe(400);
    expectClientError(answer, "BAD_USER_INPUT", /operationName names no operation/);
  });

  it("a subscription: 400 BAD_USER_INPUT (the service has none)", async () => {
    const answer = await post(operation("subscription S { measures { code } }"));
    expect(answer.status).toBe(400);
    expectClientError(answer, "BAD_USER_INPUT", /no subscriptions/);
  });
});

describe("cursors", () => {
  it.each([
    ["garbage", `{ publicBlacklist(after: "garbage") { totalCount } }`, undefined],
    [
      "a forged cursor with text for the date and id",
      `{ publicBlacklist(after: "${cursor("publicBLACK", "garbage", "x")}") { totalCount } }`,
      undefined,
    ],
    [
      "a forged cursor with year 0000",
      `{ publicBlacklist(after: "${cursor("publicBLACK", "0000-01-01", "00000000-0000-4000-8000-000000000000")}") { totalCount } }`,
      undefined,
    ],
    [
      "a forged audit cursor past bigint",
      `{ auditEvents(after: "${cursor("auditEvents", "9999999999999999999")}") { totalCount } }`,
      "auditor",
    ],
  ])("%s: BAD_USER_INPUT asking for the previous page's endCursor", async (_case, query, as) => {
    expectClientError(
      await post(operation(query), as ? auditor : undefined),
      "BAD_USER_INPUT",
      /endCursor of the previous page/,
    );
  });

  it("a real endCursor still pages", async () => {
    const first = await post(operation(`{ publicBlacklist(first: 1) { pageInfo { endCursor } } }`));
    const { endCursor } = (first.data as { publicBlacklist: { pageInfo: { endCursor: string } } })
      .publicBlacklist.pageInfo;
    const next = await post(
      operation(`query ($after: String) { publicBlacklist(first: 1, after: $after) { totalCount } }`, {
        variables: { after: endCursor },
      }),
    );
    expect(next.errors).toBeUndefined();
  });
});

describe("absurd dates", () => {
  it.each([
    [
      "a year-0000 DateTime literal on auditEvents",
      `{ auditEvents(filter: { from: "0000-01-01T00:00:00Z" }) { totalCount } }`,
      {},
    ],
    [
      "a year-0000 DateTime variable on auditEvents",
      `query ($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }`,
      { f: { from: "0000-01-01T00:00:00Z" } },
    ],
    [
      "a DateTime in year 10000 (UTC) through its offset",
      `{ auditEvents(filter: { to: "9999-12-31T23:00:00-08:00" }) { totalCount } }`,
      {},
    ],
    [
      "a year-0000 Date variable on publicBlacklist",
      `query ($d: Date) { publicBlacklist(filter: { from: $d }) { totalCount } }`,
      { d: "0000-01-01" },
    ],
    [
      "a Date before 1900 on publicBlacklist",
      `{ publicBlacklist(filter: { to: "1899-12-31" }) { totalCount } }`,
      {},
    ],
  ])("%s: BAD_USER_INPUT naming the accepted range", async (_case, query, variables) => {
    expectClientError(
      await post(operation(query, { variables }), auditor),
      "BAD_USER_INPUT",
      /1900-01-01 to 9999-12-31/,
    );
  });

  it("the ends of the range are accepted", async () => {
    const audit = await post(
      operation(
        `{ auditEvents(filter: { from: "1900-01-01T00:00:00Z", to: "9999-12-31T23:59:59Z" }) { totalCount } }`,
      ),
      auditor,
    );
    expect(audit.errors).toBeUndefined();
    const list = await post(
      operation(`{ publicBlacklist(filter: { from: "1900-01-01", to: "9999-12-31" }) { totalCount } }`),
    );
    expect(list.errors).toBeUndefined();
  });
});

describe("deeply nested input", () => {
  it.each([
    ["20,000 nested objects", nestedObjects(20_000)],
    ["20,000 nested arrays", nestedArrays(20_000)],
    ["100,000 nested arrays", nestedArrays(100_000)],
  ])(
    "variables of %s: QUERY_TOO_COMPLEX naming maxVariableDepth, and the refusal is audited",
    async (_case, deep) => {
      const answer = await post(
        `{"query":"query ($f: ListFilter) { publicBlacklist(filter: $f) { totalCount } }","variables":{"f":${deep}}}`,
      );
      expect(answer.status).toBe(400);
      expectClientError(answer, "QUERY_TOO_COMPLEX", /nest deeper than 64 levels/);
      expect(answer.errors[0]!.extensions.limit).toBe("maxVariableDepth");
      const [event] = await federation.connection.db
        .selectFrom("audit_events")
        .select(["variables", "outcome"])
        .where("request_id", "=", answer.requestId)
        .execute();
      expect(event?.outcome).toBe("DENIED");
      // Refused before it ran: its variables are kept as size and hash only (docs/audit.md).
      expect(event?.variables).toEqual({
        "[digest]": { bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    },
  );

  it("a NUL in the public name search's variable is BAD_USER_INPUT", async () => {
    const SEARCH = `query ($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }`;
    expect(errorCodes(await federation.query(SEARCH, { variables: { name: "搜索\u0000测试" } }))).toEqual([
      "BAD_USER_INPUT",
    ]);
  });

  it("a NUL at the bottom of 100,000 levels is found (the scan does not overflow)", async () => {
    const answer = await post(
      `{"query":"{ measures { code } }","variables":{"f":${nestedArrays(100_000, '"\\u0000"')}}}`,
    );
    expectClientError(answer, "BAD_USER_INPUT", /NUL/);
  });

  it("a NUL or lone surrogate written inline in the document (raw, or escaped in a string literal) is BAD_USER_INPUT (400), audited", async () => {
    for (const query of [
      '{ subject(identifier: "9132\u00000802MA1000000F") { name } }',
      '{ subject(identifier: "9132\\u00000802MA1000000F") { name } }',
      '{ subject(identifier: """9132\u0000""") { name } }',
      "{ measures { code } }\u0000",
    ]) {
      const answer = await post(JSON.stringify({ query }));
      expect(answer.status, query).toBe(400);
      expectClientError(answer, "BAD_USER_INPUT", /NUL|surrogate/);
      const [event] = await federation.connection.db
        .selectFrom("audit_events")
        .select(["outcome"])
        .where("request_id", "=", answer.requestId)
        .execute();
      expect(event?.outcome, query).toBe("ERROR");
    }
  });

  it("deep variables in a GET query string: QUERY_TOO_COMPLEX", async () => {
    const response = await fetch(
      `${federation.gatewayUrl}?query=${encodeURIComponent("{ measures { code } }")}&variables=${encodeURIComponent(`{"f":${nestedArrays(1_000)}}`)}`,
      {
        headers: { "apollo-require-preflight": "true" },
      },
    );
    expect(response.status).toBe(400);
    expect(((await response.json()) as Answer).errors[0]!.extensions).toMatchObject({
      code: "QUERY_TOO_COMPLEX",
      limit: "maxVariableDepth",
    });
  });

  it("64 levels of variables still pass the gateway to the subgraph's own checks", async () => {
    const answer = await post(
      `{"query":"query ($f: ListFilter) { publicBlacklist(filter: $f) { totalCount } }","variables":{"f":${nestedObjects(63)}}}`,
    );
    expectClientError(answer, "BAD_USER_INPUT", /ListFilter|"a"/);
  });

  it.each([
    ["a list literal 20,000 deep", `{ measures(x: ${"[".repeat(20_000)}${"]".repeat(20_000)}) { code } }`],
    [
      "an object literal 20,000 deep",
      `{ measures(x: ${"{a: ".repeat(20_000)}1${"}".repeat(20_000)}) { code } }`,
    ],
    [
      "inline fragments 1,000 deep",
      `{ ${"... on Query { ".repeat(1_000)} measures { code } ${"} ".repeat(1_000)} }`,
    ],
  ])(
    "a document with %s: QUERY_TOO_COMPLEX naming maxNesting, not a parser stack overflow",
    async (_case, query) => {
      const answer = await post(operation(query));
      expect(answer.status).toBe(400);
      expectClientError(answer, "QUERY_TOO_COMPLEX", /nests brackets deeper than 128 levels/);
      expect(answer.errors[0]!.extensions.limit).toBe("maxNesting");
    },
  );
});

describe("bearer tokens", () => {
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (claims: { iat?: number; exp: number }) => {
    const token = new SignJWT({ role: "GOVERNMENT", org: "HA-GOV" })
      .setProtectedHeader({ alg: "HS256" })
      .setSubject("officer-1")
      .setExpirationTime(claims.exp);
    if (claims.iat !== undefined) token.setIssuedAt(claims.iat);
    return token.sign(new TextEncoder().encode(federation.jwtSecret));
  };

  it.each([
    [
      "expiring ten years out",
      () => sign({ iat: now(), exp: now() + 10 * 365 * 86_400 }),
      /lives longer than 43200 s/,
    ],
    [
      "issued an hour in the future",
      () => sign({ iat: now() + 3_600, exp: now() + 7_200 }),
      /issued in the future/,
    ],
    ["without iat", () => sign({ exp: now() + 600 }), /no `iat` claim/],
    ["issued 13 hours ago", () => sign({ iat: now() - 13 * 3_600, exp: now() + 600 }), /expired/],
  ])("a token %s: 401 UNAUTHENTICATED", async (_case, mint, message) => {
    const answer = await post(operation("{ measures { code } }"), await mint());
    expect(answer.status).toBe(401);
    expectClientError(answer, "UNAUTHENTICATED", message);
  });

  it("a token as `npm run token` mints it (1 h) is accepted", async () => {
    const answer = await post(
      operation(`{ subject(identifier: "${citizenId(1)}") { identifier } }`),
      await federation.token({ role: "GOVERNMENT", org: "HA-GOV" }),
    );
    expect(answer.status).toBe(200);
    expect(answer.errors?.map((error) => error.extensions.code) ?? []).not.toContain("UNAUTHENTICATED");
  });
});

describe("a client that breaks off", () => {
  it("is audited as its own bad request (BAD_USER_INPUT), never as the database being unavailable", async () => {
    const eventCount = async () =>
      Number(
        (
          await federation.connection.db
            .selectFrom("audit_events")
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await eventCount();
    const { port, hostname } = new URL(federation.gatewayUrl);
    await new Promise<void>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => {
        socket.write(
          `POST /graphql HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"query":"{ measures`,
        );
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 100);
      });
      socket.on("error", reject);
    });
    await expect.poll(eventCount).toBe(before + 1);
    const [event] = await federation.connection.db
      .selectFrom("audit_events")
      .select(["outcome", "error_codes"])
      .orderBy("seq", "desc")
      .limit(1)
      .execute();
    expect(event).toEqual({ outcome: "ERROR", error_codes: ["BAD_USER_INPUT"] });
  });
});
