import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { sizedForLoad } from "../load";

/** SQL-injection and hostile strings in every string argument come back as data or as clean errors; nothing breaks. */
let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation({ seed: "demo" });
});
afterAll(async () => federation?.stop());

const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE subjects; --",
  '" OR 1=1 --',
  "%' OR subject_name LIKE '%",
  "\\'; select pg_sleep(5); --",
  "1; update audit_events set outcome='OK'",
  "${jndi:ldap://x}",
  "\u0000\u0001",
  "%_%",
  "<script>alert(1)</script>",
];

const count = async (table: "subjects" | "credit_records" | "list_entries" | "audit_events") =>
  Number(
    (
      await federation.connection.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe("hostile strings in every string argument", () => {
  it("are data or clean contract errors, never internal errors, and change nothing", async () => {
    const before = {
      subjects: await count("subjects"),
      records: await count("credit_records"),
      entries: await count("list_entries"),
    };
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    const government = await federation.token({ role: "GOVERNMENT", org: "HA-GOV" });
    const subject = await federation.token({ role: "SUBJECT", subject: citizenId(5) });
    const auditor = await federation.token({ role: "AUDITOR" });
    const calls = HOSTILE.flatMap((text) => [
      federation.query(`query ($v: String!) { subject(identifier: $v) { name } }`, {
        variables: { v: text },
      }),
      federation.query(`query ($f: ListFilter) { publicBlacklist(filter: $f) { totalCount } }`, {
        variables: { f: { name: text, region: text, recognizedBy: text, grounds: text } },
      }),
      federation.query(`query ($a: String) { publicRedlist(after: $a) { totalCount } }`, {
        variables: { a: text },
      }),
      federation.query(
        `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { error } }`,
        { token: government, purpose: "FISCAL_FUNDS", variables: { ids: [text] } },
      ),
      federation.query(`query ($f: AuditFilter) { auditEvents(filter: $f) { totalCount } }`, {
        token: auditor,
        variables: { f: { actor: text, org: text, subject: text, operation: text } },
      }),
      federation.query(`mutation ($r: [RecordInput!]!) { submitRecords(records: $r) { accepted } }`, {
        token: provider,
        variables: {
          r: [
            {
              subject: { identifier: text, name: text, kind: "NATURAL_PERSON" },
              category: "NEGATIVE",
              kind: text,
              tier: "PUBLIC",
              title: text,
              documentNumber: text,
              decidedOn: daysAgo(1),
              attributes: { [text]: text },
            },
          ],
        },
      }),
      federation.query(`mutation ($i: ConsentInput!) { grantConsent(input: $i) { id } }`, {
        token: subject,
        variables: {
          i: { grantee: text, purpose: "CREDIT_LENDING", validUntil: "2030-01-01T00:00:00Z", evidence: text },
        },
      }),
      federation.query(`mutation ($id: ID!) { revokeConsent(id: $id) { id } }`, {
        token: subject,
        variables: { id: text },
      }),
    ]);
    for (const result of await Promise.all(calls)) {
      expect(errorCodes(result)).not.toContain("INTERNAL_SERVER_ERROR");
      expect(result.status).toBeLessThan(500);
    }
    expect({
      subjects: await count("subjects"),
      records: await count("credit_records"),
      entries: await count("list_entries"),
    }).toEqual(before);
  });

  it("property: any string as an identifier or a name filter is answered cleanly", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 40 }),
        fc.string({ maxLength: 40 }),
        async (identifier, name) => {
          const [lookup, list] = await Promise.all([
            federation.query(`query ($v: String!) { subject(identifier: $v) { name } }`, {
              variables: { v: identifier },
            }),
            federation.query(
              `query ($f: ListFilter) { publicBlacklist(filter: $f, first: 3) { totalCount } }`,
              { variables: { f: { name } } },
            ),
          ]);
          return [lookup, list].every(
            (result) => !errorCodes(result).includes("INTERNAL_SERVER_ERROR") && result.status < 500,
          );
        },
      ),
      { numRuns: sizedForLoad(50, 500) },
    );
  });
});
