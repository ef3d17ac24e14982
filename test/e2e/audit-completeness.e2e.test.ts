import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_STORED_OPERATION_NAME } from "../../gateway/plugins/audit.plugin";
import { verifyAuditChain } from "../../audit-log/verifier";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/**
 * docs/api.md "Audit is complete": every HTTP request to the endpoint gets exactly one event, whatever
 * happens to it, naming the caller only from a verified token and the subjects it read, wrote or decided
 * on; a mutation's effect never commits without its event.
 */
let federation: TestFederation;
const PERSON = citizenId(971);
const COMPANY = uscc(972);
const RATE_LIMIT = 120;

const SUBMIT = `mutation Submit($records: [RecordInput!]!) { submitRecords(records: $records) { accepted ids } }`;
const record = (
  identifier: string,
  documentNumber: string,
  kind: "NATURAL_PERSON" | "LEGAL_PERSON" = "LEGAL_PERSON",
) => ({
  subject: { identifier, name: kind === "NATURAL_PERSON" ? "完整审计" : "完整审计公司", kind },
  category: "NEGATIVE",
  kind: "ADMINISTRATIVE_PENALTY",
  procedure: "GENERAL",
  severity: "GENERAL",
  tier: "GOVERNMENT",
  title: "行政处罚",
  documentNumber,
  decidedOn: daysAgo(10),
});

let recordId: string;

beforeAll(async () => {
  // The bodies here are large on purpose (what the audit keeps of them); what a body costs is
  // test/security/rate-limit.e2e.test.ts's concern, so here a request costs its work, not its bytes.
  federation = await startTestFederation({
    environment: {
      CREDIT_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
      CREDIT_BODY_BYTES_PER_UNIT: String(16 * 1024 * 1024),
    },
  });
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const submitted = await federation.query<{ submitRecords: { ids: string[] } }>(SUBMIT, {
    token: provider,
    variables: { records: [record(COMPANY, "COMPLETE-1"), record(PERSON, "COMPLETE-2", "NATURAL_PERSON")] },
  });
  recordId = submitted.data!.submitRecords.ids[0]!;
});
afterAll(async () => federation?.stop());

const db = () => federation.connection.db;
const baseUrl = () => federation.gatewayUrl.replace(/\/graphql$/, "");

type Sent = Readonly<{ label: string; status: number; requestId: string | null; body: string }>;

async function send(label: string, path: string, init: RequestInit): Promise<Sent> {
  const response = await fetch(`${baseUrl()}${path}`, init);
  return {
    label,
    status: response.status,
    requestId: response.headers.get("x-request-id"),
    body: await response.text(),
  };
}

const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

async function eventsOf(requestIds: readonly string[]) {
  return db().selectFrom("audit_event_log").selectAll().where("request_id", "in", requestIds).execute();
}

async function identifiersNamedBy(eventId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom("audit_accesses")
    .select("subject_identifier")
    .where("event_id", "=", eventId)
    .execute();
  return [...new Set(rows.map((row) => row.subject_identifier!))].sort();
}

describe("one event per HTTP request", () => {
  it("a mixed corpus of malformed, refused and accepted requests, all roles, gives exactly one event each and no HTTP 500", async () => {
    const government = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "officer-complete" });
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR", sub: "provider-complete" });
    const subject = await federation.token({ role: "SUBJECT", subject: PERSON, sub: "person-complete" });
    const auditor = await federation.token({ role: "AUDITOR", sub: "auditor-complete" });
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-COMPLETE", sub: "bank-complete" });
    const centre = await federation.token({
      role: "CREDIT_CENTER",
      org: "HA-CREDIT",
      sub: "centre-complete",
    });
    const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
    let nested: unknown = "leaf";
    for (let depth = 0; depth < 500; depth++) nested = { inner: nested };
    const corpus = await Promise.all([
      send("bad JSON", "/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{not json",
      }),
      send("empty body", "/graphql", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "",
      }),
      send("CSRF-shaped text/plain", "/graphql", {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ query: "{ measures { code } }" }),
      }),
      send("GET without preflight header", "/graphql?query=%7B%20measures%20%7B%20code%20%7D%20%7D", {
        method: "GET",
      }),
      send(
        "batch array",
        "/graphql",
        json([{ query: "{ measures { code } }" }, { query: "{ measures { code } }" }]),
      ),
      send("PUT", "/graphql", { ...json({ query: "{ measures { code } }" }), method: "PUT" }),
      send("unknown path", "/nowhere", json({ query: "{ measures { code } }" })),
      send(
        "bad token",
        "/graphql",
        json({ query: "{ measures { code } }" }, { authorization: "Bearer a.b.c" }),
      ),
      send(
        "verified token, unknown purpose",
        "/graphql",
        json(
          { query: "{ measures { code } }" },
          { ...bearer(government), "x-credit-purpose": "NOT_A_PURPOSE" },
        ),
      ),
      send(
        "two operations, no operationName",
        "/graphql",
        json({ query: "query A { measures { code } } query B { measures { code } }" }),
      ),
      send(
        "unknown operationName",
        "/graphql",
        json({ query: "query A { measures { code } }", operationName: "Nope" }),
      ),
      send("subscription", "/graphql", json({ query: "subscription { measures { code } }" })),
      send(
        "nested variables",
        "/graphql",
        json({ query: "query ($v: JSON) { measures { code } }", variables: { v: nested } }),
      ),
      send("validation failure", "/graphql", json({ query: "{ measures { nope } }" })),
      send("public read", "/graphql", json({ query: "{ measures { code } }" })),
      send(
        "government read",
        "/graphql",
        json(
          {
            query: "query Read($id: String!) { subject(identifier: $id) { name } }",
            variables: { id: COMPANY },
          },
          { ...bearer(government), "x-credit-purpose": "SUPERVISION" },
        ),
      ),
      send(
        "submit",
        "/graphql",
        json({ query: SUBMIT, variables: { records: [record(uscc(973), "COMPLETE-3")] } }, bearer(provider)),
      ),
      send(
        "screen",
        "/graphql",
        json(
          {
            query:
              "query Screen($ids: [String!]!) { screen(scenario: ADMINISTRATIVE_LICENSING, identifiers: $ids) { decision } }",
            variables: { ids: [COMPANY] },
          },
          { ...bearer(government), "x-credit-purpose": "ADMINISTRATIVE_LICENSING" },
        ),
      ),
      send(
        "repair eligibility",
        "/graphql",
        json(
          {
            query: "query Eligible($id: ID!) { repairEligibility(targetId: $id) { eligible } }",
            variables: { id: recordId },
          },
          bearer(provider),
        ),
      ),
      send(
        "grant consent",
        "/graphql",
        json(
          {
            query: "mutation Grant($input: ConsentInput!) { grantConsent(input: $input) { id } }",
            variables: {
              input: {
                grantee: "BANK-COMPLETE",
                purpose: "CREDIT_LENDING",
                validUntil: new Date(federation.clock.now().getTime() + 365 * 86_400_000).toISOString(),
              },
            },
          },
          bearer(subject),
        ),
      ),
      send("auditor", "/graphql", json({ query: "{ auditChain { verified } }" }, bearer(auditor))),
      send(
        "organisation without consent",
        "/graphql",
        json(
          {
            query: "query Read($id: String!) { subject(identifier: $id) { name records { title } } }",
            variables: { id: PERSON },
          },
          { ...bearer(bank), "x-credit-purpose": "CREDIT_LENDING" },
        ),
      ),
      send(
        "credit centre",
        "/graphql",
        json(
          {
            query: "query Read($id: String!) { subject(identifier: $id) { name records { title } } }",
            variables: { id: PERSON },
          },
          bearer(centre),
        ),
      ),
    ]);
    expect(corpus.find((sent) => sent.label === "grant consent")!.body).not.toContain("errors");
    for (const sent of corpus) {
      expect(sent.requestId, sent.label).toBeTruthy();
      expect(sent.status, `${sent.label}: ${sent.body.slice(0, 200)}`).not.toBe(500);
    }
    // myConsents after the grant has committed, so it has a consent to name.
    corpus.push(
      await send(
        "my consents",
        "/graphql",
        json({ query: "query Mine { myConsents { id } }" }, bearer(subject)),
      ),
    );

    const events = await eventsOf(corpus.map((sent) => sent.requestId!));
    const perRequest = new Map<string, number>();
    for (const event of events) perRequest.set(event.request_id, (perRequest.get(event.request_id) ?? 0) + 1);
    for (const sent of corpus) expect(perRequest.get(sent.requestId!), sent.label).toBe(1);
    expect(events).toHaveLength(corpus.length);

    const byLabel = new Map(
      corpus.map((sent) => [sent.label, events.find((event) => event.request_id === sent.requestId)!]),
    );
    expect(byLabel.get("verified token, unknown purpose")).toMatchObject({
      actor: "officer-complete",
      role: "GOVERNMENT",
      org: "HA-GOV",
      outcome: "ERROR",
      error_codes: ["BAD_USER_INPUT"],
    });
    expect(byLabel.get("bad token")).toMatchObject({
      actor: null,
      role: "PUBLIC",
      outcome: "DENIED",
      error_codes: ["UNAUTHENTICATED"],
    });
    expect(await identifiersNamedBy(byLabel.get("submit")!.id)).toEqual([uscc(973)]);
    expect(byLabel.get("submit")).toMatchObject({ operation_type: "mutation", outcome: "OK" });
    expect(await identifiersNamedBy(byLabel.get("screen")!.id)).toEqual([COMPANY]);
    expect(await identifiersNamedBy(byLabel.get("repair eligibility")!.id)).toEqual([COMPANY]);
    expect(await identifiersNamedBy(byLabel.get("grant consent")!.id)).toEqual([PERSON]);
    expect(await identifiersNamedBy(byLabel.get("my consents")!.id)).toEqual([PERSON]);
    expect(await identifiersNamedBy(byLabel.get("credit centre")!.id)).toEqual([PERSON]);
    expect(byLabel.get("organisation without consent")).toMatchObject({
      actor: "bank-complete",
      role: "ORGANIZATION",
      org: "BANK-COMPLETE",
    });
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("keeps no prohibited data: a mutation refused for it is stored as the variables' size and hash", async () => {
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    const refused = await federation.query(SUBMIT, {
      token: provider,
      variables: {
        records: [
          { ...record(citizenId(977), "PROHIBITED-AUDIT", "NATURAL_PERSON"), title: "宗教信仰：某教" },
        ],
      },
    });
    expect(errorCodes(refused)).toEqual(["PROHIBITED_DATA"]);
    const [event] = await eventsOf([refused.headers.get("x-request-id")!]);
    expect(JSON.stringify(event!.variables)).not.toMatch(/宗教|PROHIBITED-AUDIT/);
    expect(event!.variables).toEqual({
      "[digest]": { bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
  });

  it("stores a bounded operation name, and a refused request's variables as size and hash only", async () => {
    const longName = `Op${"x".repeat(20_000)}`;
    const named = await send(
      "long name",
      "/graphql",
      json({ query: `query ${longName} { measures { code } }`, operationName: longName }),
    );
    const bulky = { blob: "y".repeat(60_000) };
    const refused = await send(
      "refused bulky",
      "/graphql",
      json({ query: "{ measures { code } }", variables: bulky }, { authorization: "Bearer a.b.c" }),
    );
    const executedBulky = await send(
      "executed bulky",
      "/graphql",
      json({ query: "query ($blob: String) { measures { code } }", variables: bulky }),
    );
    const [nameEvent] = await eventsOf([named.requestId!]);
    expect(nameEvent!.operation_name).toHaveLength(MAX_STORED_OPERATION_NAME);
    for (const sent of [refused, executedBulky]) {
      const [event] = await eventsOf([sent.requestId!]);
      expect(event!.variables, sent.label).toEqual({
        "[digest]": { bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      });
    }
    const small = await send(
      "refused small",
      "/graphql",
      json({ query: "{ measures { code } }", variables: { id: COMPANY } }, { authorization: "Bearer a.b.c" }),
    );
    const [smallEvent] = await eventsOf([small.requestId!]);
    expect(JSON.stringify(smallEvent!.variables)).not.toContain(COMPANY);
  });

  it("keeps only the variables an operation declares, executed or invalid; undeclared ones, and every variable of an unparsable document, as size and hash", async () => {
    const prohibited = "宗教信仰：某教 患有糖尿病";
    const undeclared = { note: prohibited, padding: "z".repeat(30_000) };
    const executed = await send(
      "executed, undeclared variables",
      "/graphql",
      json({
        query: "query Read($id: String!) { subject(identifier: $id) { name } }",
        variables: { id: COMPANY, ...undeclared },
      }),
    );
    const invalid = await send(
      "invalid document",
      "/graphql",
      json({
        query: "query Read($id: String!) { subject(identifier: $id) { noSuchField } }",
        variables: { id: COMPANY, ...undeclared },
      }),
    );
    const unparsable = await send(
      "unparsable document",
      "/graphql",
      json({
        query: "query Read($id: String!) { subject(identifier: $id) {",
        variables: { id: COMPANY, ...undeclared },
      }),
    );
    const digest = { bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) };
    const [executedEvent] = await eventsOf([executed.requestId!]);
    expect(executedEvent!.outcome).toBe("OK");
    expect(executedEvent!.variables).toEqual({ id: COMPANY, "[undeclared]": digest });
    // A document that parsed but did not validate keeps what it declares; one that did not parse declares nothing.
    const [invalidEvent] = await eventsOf([invalid.requestId!]);
    expect(invalidEvent!.variables).toEqual({ id: COMPANY, "[undeclared]": digest });
    const [unparsableEvent] = await eventsOf([unparsable.requestId!]);
    expect(unparsableEvent!.variables).toEqual({ "[digest]": digest });
    expect(JSON.stringify(unparsableEvent!.variables)).not.toContain(COMPANY);
    // An invalid mutation's declared variables are scanned as a valid one's: prohibited text is kept as the digest.
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    const invalidMutation = await send(
      "invalid mutation",
      "/graphql",
      json(
        {
          query:
            "mutation Submit($records: [RecordInput!]!) { submitRecords(records: $records) { noSuchField } }",
          variables: { records: [{ ...record(uscc(978), "INVALID-PROHIBITED"), title: prohibited }] },
        },
        { authorization: `Bearer ${provider}` },
      ),
    );
    const [invalidMutationEvent] = await eventsOf([invalidMutation.requestId!]);
    expect(invalidMutationEvent!.variables).toEqual({ "[digest]": digest });
    for (const sent of [executed, invalid, unparsable, invalidMutation]) {
      const [event] = await eventsOf([sent.requestId!]);
      expect(JSON.stringify(event!.variables), sent.label).not.toMatch(/宗教|糖尿病|zzz/);
    }
    expect((await verifyAuditChain(db())).verified).toBe(true);
  });

  it("keeps an operation name PostgreSQL cannot store, escaped, and no other caller loses its answer to it", async () => {
    const cutInPair = `${"a".repeat(MAX_STORED_OPERATION_NAME - 1)}😀`;
    // Sent together, so the hostile events and the bystanders' share the audit writer's batches.
    const [hostile, bystanders] = await Promise.all([
      Promise.all([
        send("NUL, POST", "/graphql", json({ query: "{ measures { code } }", operationName: "Op\u0000x" })),
        send("NUL, GET", `/graphql?query=${encodeURIComponent("{ measures { code } }")}&operationName=%00`, {
          headers: { "apollo-require-preflight": "true" },
        }),
        send(
          "lone surrogate",
          "/graphql",
          json({ query: "{ measures { code } }", operationName: "Op\uD800" }),
        ),
        send(
          "pair cut at the limit",
          "/graphql",
          json({ query: "{ measures { code } }", operationName: cutInPair }),
        ),
      ]),
      Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          send(`bystander ${index}`, "/graphql", json({ query: "{ measures { code } }" })),
        ),
      ),
    ]);
    for (const sent of [...hostile, ...bystanders]) expect(sent.status, sent.label).toBeLessThan(500);
    expect(bystanders.map((sent) => sent.status)).toEqual(bystanders.map(() => 200));
    const names = await Promise.all(
      hostile.map(async (sent) => (await eventsOf([sent.requestId!]))[0]?.operation_name),
    );
    expect(names).toEqual([
      "Op\\u0000x",
      "\\u0000",
      "Op\\ud800",
      `${"a".repeat(MAX_STORED_OPERATION_NAME - 1)}\\ud83d`,
    ]);
  });
});

describe("no effect without its event", () => {
  const failWrites = async (table: "audit_events" | "audit_completions", run: () => Promise<void>) => {
    await sql`create function audit_store_broken() returns trigger language plpgsql as $$ begin raise exception 'audit store broken'; end; $$`.execute(
      db(),
    );
    await sql`create trigger audit_store_broken before insert on ${sql.table(table)} for each row execute function audit_store_broken()`.execute(
      db(),
    );
    try {
      await run();
    } finally {
      await sql`drop trigger audit_store_broken on ${sql.table(table)}`.execute(db());
      await sql`drop function audit_store_broken()`.execute(db());
    }
  };
  const storedDocument = async (documentNumber: string) =>
    db()
      .selectFrom("credit_records")
      .select("id")
      .where("document_number", "=", documentNumber)
      .executeTakeFirst();

  it("a mutation whose event cannot be written does not run", async () => {
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    await failWrites("audit_events", async () => {
      const result = await federation.query(SUBMIT, {
        token: provider,
        variables: { records: [record(uscc(974), "NEVER-STORED")] },
      });
      expect(result.status).toBe(503);
      expect(errorCodes(result)).toEqual(["AUDIT_UNAVAILABLE"]);
    });
    expect(await storedDocument("NEVER-STORED")).toBeUndefined();
  });

  it("text PostgreSQL cannot store (a lone surrogate) is refused before the mutation runs, and the refusal is audited", async () => {
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    const result = await federation.query(SUBMIT, {
      token: provider,
      variables: { records: [{ ...record(uscc(976), "SURROGATE-1"), title: "处罚\uD800" }] },
    });
    expect(result.status).toBe(400);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(await storedDocument("SURROGATE-1")).toBeUndefined();
    expect(await eventsOf([result.headers.get("x-request-id")!])).toEqual([
      expect.objectContaining({ outcome: "ERROR", error_codes: ["BAD_USER_INPUT"] }),
    ]);
  });

  it("the audit store breaking between the write and its completion leaves the effect with its event (PENDING)", async () => {
    const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR", sub: "provider-midway" });
    let requestId = "";
    await failWrites("audit_completions", async () => {
      const result = await federation.query(SUBMIT, {
        token: provider,
        variables: { records: [record(uscc(975), "STORED-MIDWAY")] },
      });
      expect(result.status).toBe(503);
      expect(errorCodes(result)).toEqual(["AUDIT_UNAVAILABLE"]);
      expect(result.data).toBeUndefined();
      requestId = result.headers.get("x-request-id")!;
    });
    expect(await storedDocument("STORED-MIDWAY")).toBeDefined();
    const [event] = await eventsOf([requestId]);
    expect(event).toMatchObject({
      actor: "provider-midway",
      role: "PROVIDER",
      operation_name: "Submit",
      operation_type: "mutation",
      outcome: "PENDING",
    });
    expect(JSON.stringify(event!.variables)).toContain("STORED-MIDWAY");
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("an auditor sees the pending mutation as PENDING", async () => {
    const auditor = await federation.token({ role: "AUDITOR" });
    const pending = await federation.query<{ auditEvents: { totalCount: number } }>(
      `{ auditEvents(filter: { outcome: PENDING }) { totalCount } }`,
      { token: auditor },
    );
    expect(pending.data!.auditEvents.totalCount).toBe(1);
  });
});

describe("refusals are charged to the caller's address", () => {
  it("an address whose requests keep being refused is soon refused early (RATE_LIMITED), each refusal still audited", async () => {
    const sent: Sent[] = [];
    for (let attempt = 0; attempt < RATE_LIMIT * 2; attempt++) {
      sent.push(
        await send(
          "bad token",
          "/graphql",
          json({ query: "{ measures { code } }" }, { authorization: "Bearer a.b.c" }),
        ),
      );
      if (sent.at(-1)!.status === 429) break;
    }
    const last = sent.at(-1)!;
    expect(last.status).toBe(429);
    expect(JSON.parse(last.body).errors[0].extensions.code).toBe("RATE_LIMITED");
    // A minute's refusals, give or take what refilled while they were sent.
    expect(sent.length).toBeLessThan(RATE_LIMIT * 1.5);
    expect(await eventsOf(sent.map((request) => request.requestId!))).toHaveLength(sent.length);
  });
});
