import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";
import { sizedForLoad } from "../load";

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({
    environment: { NODE_ENV: "production", CREDIT_JWT_SECRET: "production-like-secret-of-at-least-32-chars" },
  });
});
afterAll(async () => federation?.stop());

/** 10,000 documents in `npm run test:load` (CI runs it); 300 in `npm test`, the same checks. */
const FUZZ_DOCUMENTS = sizedForLoad(300, 10_000);

const LEAKS = [
  /did you mean "/i,
  /127\.0\.0\.1/,
  /localhost/i,
  /stacktrace/i,
  /\bat [\w.<>]+ \(/,
  /select\s+["\w*]/i,
  /insert into/i,
  /serviceName/,
  /subgraph/i,
  /kysely|postgres|pglite/i,
  /\/work\/|node_modules/,
];

describe("production answers leak nothing (OWASP GraphQL cheat sheet)", () => {
  it("has no introspection and no field suggestions", async () => {
    const introspection = await federation.query(`{ __schema { types { name } } }`);
    expect(introspection.data).toBeUndefined();
    const typo = await federation.query(`{ measure { code } }`);
    expect(JSON.stringify(typo)).not.toMatch(/did you mean "/i);
    expect(JSON.stringify(typo)).not.toContain("measures");
  });

  it(`fuzz: ${FUZZ_DOCUMENTS} malformed or misspelled documents answer without schema hints, stacks, SQL, hosts or subgraph URLs`, async () => {
    const seeds = [
      `{ subject(identifier: "${citizenId(1)}") { name records { title tier } listEntries { list } } }`,
      `{ measures(list: BLACK, scenario: FISCAL_FUNDS) { code title decision } }`,
      `query ($f: ListFilter) { publicBlacklist(filter: $f, first: 5) { edges { node { facts } } } }`,
      `mutation { grantConsent(input: { grantee: "X", purpose: CREDIT_LENDING, validUntil: "2030-01-01T00:00:00Z" }) { id } }`,
    ];
    const documents = fc.sample(
      fc
        .tuple(
          fc.constantFrom(...seeds),
          fc.nat(400),
          fc.nat(6),
          fc.string({ maxLength: 12 }),
          fc.constantFrom(
            "",
            "{",
            "}",
            "(",
            ")",
            "$",
            "@",
            "...",
            '"',
            "\\",
            "\u0000",
            "'; drop table subjects; --",
            "__typename",
          ),
        )
        .map(([seed, at, cut, noise, token]) => {
          const position = at % (seed.length + 1);
          return seed.slice(0, position) + token + noise + seed.slice(position + cut);
        }),
      FUZZ_DOCUMENTS,
    );
    const offending: string[] = [];
    for (let start = 0; start < documents.length; start += 50) {
      const answers = await Promise.all(
        documents
          .slice(start, start + 50)
          .map((document) =>
            federation
              .query(document)
              .then((answer) => ({ document, text: JSON.stringify(answer.errors ?? []) })),
          ),
      );
      for (const { document, text } of answers)
        if (LEAKS.some((pattern) => pattern.test(text)))
          offending.push(`${document} → ${text.slice(0, 300)}`);
    }
    expect(offending.slice(0, 5)).toEqual([]);
  }, 180_000);
});

describe("CSRF prevention: simple requests execute nothing", () => {
  const mutation = JSON.stringify({
    query: `mutation { submitRecords(records: [{ subject: { identifier: "${citizenId(3)}", name: "csrf", kind: NATURAL_PERSON }, category: NEGATIVE, kind: "VIOLATION", severity: GENERAL, tier: GOVERNMENT, title: "csrf", documentNumber: "CSRF-1", decidedOn: "${daysAgo(1)}" }]) { accepted } }`,
  });
  const stored = async () =>
    (
      await federation.connection.db
        .selectFrom("credit_records")
        .select("id")
        .where("document_number", "=", "CSRF-1")
        .execute()
    ).length;

  it.each([
    ["text/plain", mutation],
    ["application/x-www-form-urlencoded", `query=${encodeURIComponent(JSON.parse(mutation).query)}`],
    [
      "multipart/form-data; boundary=x",
      `--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n${mutation}\r\n--x--`,
    ],
  ])("POST %s is refused", async (contentType, body) => {
    const token = await federation.token({ role: "PROVIDER", org: "CSRF-PROV" });
    const response = await fetch(federation.gatewayUrl, {
      method: "POST",
      headers: { "content-type": contentType, authorization: `Bearer ${token}` },
      body,
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(await stored()).toBe(0);
  });

  it("GET without a preflight header is refused, and GET never runs a mutation", async () => {
    const query = encodeURIComponent("{ measures { code } }");
    const simple = await fetch(`${federation.gatewayUrl}?query=${query}`, {
      headers: { "content-type": "text/plain" },
    });
    expect(simple.status).toBe(400);
    const viaGet = await fetch(
      `${federation.gatewayUrl}?query=${encodeURIComponent(JSON.parse(mutation).query)}`,
      { headers: { "apollo-require-preflight": "true" } },
    );
    expect(viaGet.status).toBeGreaterThanOrEqual(400);
    expect(await stored()).toBe(0);
  });
});
