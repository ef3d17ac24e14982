import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import type { FederationTransport } from "../../app/federation";
import { INTERNAL_ERROR_MESSAGE } from "../../platform/errors";
import type { TokenClaims } from "../../platform/tokens";
import { FEDERATION_SHAPES, startTestFederation, type QueryOptions, type TestFederation } from "../harness";

/**
 * The one-process shape (the gateway executing the subgraphs itself) answers and audits exactly as the
 * signed-HTTP shape: the same operations against the same demo data, side by side, compared whole —
 * data, errors (codes, messages, masking), the audit event and what it says was disclosed.
 */

const NOW = "2026-11-20T10:00:00+08:00";
const TIMEOUT_MS = 2_000;
const federations = new Map<FederationTransport, TestFederation>();

beforeAll(async () => {
  for (const shape of FEDERATION_SHAPES) {
    federations.set(
      shape,
      await startTestFederation({
        seed: "demo",
        now: NOW,
        shape,
        environment: { CREDIT_SUBGRAPH_TIMEOUT_MS: String(TIMEOUT_MS) },
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all([...federations.values()].map((federation) => federation.stop()));
});

type Ask = Readonly<{
  document: string;
  as?: TokenClaims;
  purpose?: string;
  variables?: Record<string, unknown>;
  operationName?: string;
}>;

/** One operation's whole outcome in one shape, without what differs by construction (ids, times, hashes). */
async function outcomeOf(federation: TestFederation, ask: Ask) {
  const options: QueryOptions = {
    token: ask.as ? await federation.token(ask.as) : undefined,
    purpose: ask.purpose,
    variables: ask.variables,
    operationName: ask.operationName,
  };
  const result = await federation.query(ask.document, options);
  const { db } = federation.connection;
  const event = await db
    .selectFrom("audit_events")
    .select([
      "id",
      "role",
      "org",
      "purpose",
      "operation_type",
      "operation_name",
      "document_hash",
      "client_address",
      "outcome",
      "error_codes",
      "consent_ids",
      "variables",
    ])
    .where("request_id", "=", result.headers.get("x-request-id")!)
    .executeTakeFirstOrThrow();
  const accesses = await db
    .selectFrom("audit_accesses")
    .select(["subgraph", "subject_identifier", "entity_type", "tiers", "count"])
    .where("event_id", "=", event.id)
    .execute();
  const { id: _id, ...audit } = event;
  return {
    status: result.status,
    data: result.data,
    errors: result.errors,
    audit,
    accesses: accesses.map((access) => JSON.stringify(access)).sort(),
  };
}

/** The outcome in both shapes, in the order of FEDERATION_SHAPES. */
async function inBothShapes(ask: Ask) {
  const [http, inProcess] = await Promise.all(
    FEDERATION_SHAPES.map((shape) => outcomeOf(federations.get(shape)!, ask)),
  );
  return { http: http!, inProcess: inProcess! };
}

async function demoCompany(): Promise<string> {
  const { identifier } = await federations
    .get("http")!
    .connection.db.selectFrom("subjects")
    .select("identifier")
    .where("name", "=", DEMO_BLACKLISTED_COMPANY)
    .executeTakeFirstOrThrow();
  return identifier;
}

const LOOKUP = /* GraphQL */ `
  query Lookup($identifier: String!) {
    subject(identifier: $identifier) { name kind records { category tier title status decidedOn } listEntries { list } }
  }
`;
const CREDIT_CENTER: TokenClaims = { role: "CREDIT_CENTER", org: "HA-CREDIT" };

describe("the one-process shape answers as the signed-HTTP shape", () => {
  it("a lookup across subgraphs: the same data and the same audited disclosures, by the gateway-verified viewer", async () => {
    const { http, inProcess } = await inBothShapes({
      document: LOOKUP,
      as: CREDIT_CENTER,
      variables: { identifier: await demoCompany() },
      operationName: "Lookup",
    });
    expect(http.errors).toBeUndefined();
    // Records below the public tier: a viewer lost on the way (PUBLIC, or none) would not see these.
    expect(
      (http.data as { subject: { records: Array<{ tier: string }> } }).subject.records.some(
        (record) => record.tier !== "PUBLIC",
      ),
    ).toBe(true);
    expect(new Set(http.accesses.map((access) => JSON.parse(access).subgraph))).toEqual(
      new Set(["subjects", "records", "lists"]),
    );
    expect(http.audit).toMatchObject({ role: "CREDIT_CENTER", outcome: "OK" });
    expect(inProcess).toEqual(http);
  });

  it("a screen of many: the same decisions, and one access row per subject disclosed", async () => {
    const identifiers = (
      await federations
        .get("http")!
        .connection.db.selectFrom("subjects")
        .select("identifier")
        .orderBy("identifier")
        .limit(300)
        .execute()
    ).map((subject) => subject.identifier);
    const { http, inProcess } = await inBothShapes({
      document: `query Screen($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_RESOURCE_TRADING) { identifier decision reasons error measures { code decision } } }`,
      as: { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" },
      purpose: "ADMINISTRATIVE_LICENSING",
      variables: { ids: [...identifiers, "not-an-id"] },
      operationName: "Screen",
    });
    expect(http.errors).toBeUndefined();
    expect((http.data as { screen: unknown[] }).screen).toHaveLength(identifiers.length + 1);
    expect(http.accesses.length).toBeGreaterThan(10);
    expect(inProcess).toEqual(http);
  });

  it("a refused read: the same refusal, audited alike", async () => {
    const { http, inProcess } = await inBothShapes({
      document: `{ auditEvents(first: 1) { totalCount } }`,
      as: { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" },
      purpose: "SUPERVISION",
    });
    expect(http.errors?.length).toBeGreaterThan(0);
    expect(http.accesses).toEqual([]);
    expect(inProcess).toEqual(http);
  });

  it("input a subgraph refuses (its scalar, through a variable): the same BAD_USER_INPUT and message", async () => {
    const { http, inProcess } = await inBothShapes({
      document: `query ($d: Date) { publicBlacklist(filter: { from: $d }) { totalCount } }`,
      variables: { d: "0000-01-01" },
    });
    expect(http.errors?.map((error) => error.extensions?.code)).toEqual(["BAD_USER_INPUT"]);
    expect(http.errors?.[0]?.message).toMatch(/1900-01-01 to 9999-12-31/);
    expect(inProcess).toEqual(http);
  });

  it("a subgraph's internal error: masked alike, nothing of the cause in the answer", async () => {
    const identifier = await demoCompany();
    const rename = (from: string, to: string) =>
      Promise.all(
        [...federations.values()].map((federation) =>
          sql`alter table ${sql.raw(from)} rename to ${sql.raw(to)}`.execute(federation.connection.db),
        ),
      );
    await rename("list_entries", "list_entries_unreachable");
    try {
      const { http, inProcess } = await inBothShapes({
        document: LOOKUP,
        as: CREDIT_CENTER,
        variables: { identifier },
        operationName: "Lookup",
      });
      expect(http.errors).toEqual([
        expect.objectContaining({
          message: INTERNAL_ERROR_MESSAGE,
          extensions: { code: "INTERNAL_SERVER_ERROR" },
        }),
      ]);
      expect(JSON.stringify(inProcess)).not.toMatch(/list_entries|relation|lists/);
      expect(inProcess).toEqual(http);
    } finally {
      await rename("list_entries_unreachable", "list_entries");
    }
  });

  it("a subgraph that does not answer in time: the same SERVICE_UNAVAILABLE at the same timeout, audited alike", async () => {
    const identifier = await demoCompany();
    // Each database's list entries are locked (the embedded one's only session held) past the timeout.
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const locks = [...federations.values()].map((federation) =>
      federation.connection.db.transaction().execute(async (trx) => {
        await sql`lock table list_entries in access exclusive mode`.execute(trx);
        await released;
      }),
    );
    const answers = inBothShapes({
      document: LOOKUP,
      as: CREDIT_CENTER,
      variables: { identifier },
      operationName: "Lookup",
    });
    const startedAt = Date.now();
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS + 1_000));
    release();
    await Promise.all(locks);
    const { http, inProcess } = await answers;
    expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS * 4);
    expect(http.errors?.map((error) => error.extensions?.code)).toContain("SERVICE_UNAVAILABLE");
    expect(http.audit.error_codes).toContain("SERVICE_UNAVAILABLE");
    expect(inProcess).toEqual(http);
  });
});
