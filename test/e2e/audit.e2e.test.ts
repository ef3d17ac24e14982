import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
let companyIdentifier: string;
beforeAll(async () => {
  federation = await startTestFederation({ seed: "demo" });
  ({ identifier: companyIdentifier } = await federation.connection.db
    .selectFrom("subjects")
    .select("identifier")
    .where("name", "=", DEMO_BLACKLISTED_COMPANY)
    .executeTakeFirstOrThrow());
});
afterAll(async () => federation?.stop());

const auditRowsOf = (requestId: string) =>
  federation.connection.db
    .selectFrom("audit_events")
    .selectAll()
    .where("request_id", "=", requestId)
    .execute();

describe("every operation through the gateway is audited", () => {
  it("writes one event with what each subgraph disclosed", async () => {
    const result = await federation.query(
      `query Lookup($id: String!) { subject(identifier: $id) { name listEntries { list } } }`,
      {
        variables: { id: companyIdentifier },
        operationName: "Lookup",
      },
    );
    const requestId = result.headers.get("x-request-id")!;
    const events = await auditRowsOf(requestId);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      role: "PUBLIC",
      outcome: "OK",
      operation_name: "Lookup",
      operation_type: "query",
    });
    const accesses = await federation.connection.db
      .selectFrom("audit_accesses")
      .selectAll()
      .where("event_id", "=", events[0]!.id)
      .execute();
    expect(accesses.map((access) => `${access.subgraph}:${access.entity_type}`).sort()).toEqual([
      "lists:ListEntry",
      "subjects:Subject",
    ]);
  });

  it("audits a public search by name with each organisation found named", async () => {
    const SEARCH = `query ($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }`;
    const result = await federation.query<{ searchOrganisations: Array<{ identifier: string }> }>(SEARCH, {
      variables: { name: DEMO_BLACKLISTED_COMPANY.slice(7, 11) },
    });
    expect(result.errors).toBeUndefined();
    const found = result.data!.searchOrganisations.map((organisation) => organisation.identifier);
    expect(found).toContain(companyIdentifier);
    const events = await federation.query<{
      auditEvents: { edges: Array<{ node: { role: string; subjects: string[] } }> };
    }>(
      `query ($filter: AuditFilter) { auditEvents(filter: $filter, first: 10) { edges { node { role subjects } } } }`,
      {
        token: await federation.token({ role: "AUDITOR" }),
        variables: { filter: { subject: companyIdentifier, role: "PUBLIC" } },
      },
    );
    expect(events.data!.auditEvents.edges.map((edge) => edge.node)).toContainEqual({
      role: "PUBLIC",
      subjects: expect.arrayContaining(found),
    });
  });

  it("audits the credit centre's calendarStatus as OK", async () => {
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" });
    const answer = await federation.query(
      `query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }`,
      { token },
    );
    expect(answer.errors).toBeUndefined();
    const audited = await federation.query<{
      auditEvents: { edges: Array<{ node: { role: string; outcome: string } }> };
    }>(`{ auditEvents(filter: { operation: "CalendarStatus" }) { edges { node { role outcome } } } }`, {
      token: await federation.token({ role: "AUDITOR" }),
    });
    expect(audited.data!.auditEvents.edges.map((edge) => edge.node)).toContainEqual({
      role: "CREDIT_CENTER",
      outcome: "OK",
    });
  });

  it("audits a request refused before execution (bad token) as DENIED", async () => {
    const result = await federation.query("{ measures { code } }", { token: "a.b.c" });
    const events = await auditRowsOf(result.headers.get("x-request-id")!);
    expect(events).toEqual([
      expect.objectContaining({ outcome: "DENIED", error_codes: ["UNAUTHENTICATED"] }),
    ]);
  });

  it("audits a validation failure as ERROR", async () => {
    const result = await federation.query("{ measures { nothingHere } }");
    const events = await auditRowsOf(result.headers.get("x-request-id")!);
    expect(events).toEqual([expect.objectContaining({ outcome: "ERROR", error_codes: ["BAD_USER_INPUT"] })]);
  });

  it("returns AUDIT_UNAVAILABLE and no data when the audit cannot be written", async () => {
    await sql`alter table audit_events rename to audit_events_unreachable`.execute(federation.connection.db);
    try {
      const result = await federation.query(`query ($id: String!) { subject(identifier: $id) { name } }`, {
        variables: { id: companyIdentifier },
      });
      expect(result.status).toBe(503);
      expect(errorCodes(result)).toEqual(["AUDIT_UNAVAILABLE"]);
      expect(result.data).toBeUndefined();
      expect(JSON.stringify(result)).not.toContain(DEMO_BLACKLISTED_COMPANY);
      const refused = await federation.query("{ measures { code } }", { token: "a.b.c" });
      expect(errorCodes(refused)).toEqual(["AUDIT_UNAVAILABLE"]);
    } finally {
      await sql`alter table audit_events_unreachable rename to audit_events`.execute(
        federation.connection.db,
      );
    }
    const recovered = await federation.query<{ subject: { name: string } }>(
      `query ($id: String!) { subject(identifier: $id) { name } }`,
      {
        variables: { id: companyIdentifier },
      },
    );
    expect(recovered.data!.subject.name).toBe(DEMO_BLACKLISTED_COMPANY);
  });

  it("under concurrent load, every answer that carries data has its audit row, when the store breaks mid-run", async () => {
    const query = `query ($id: String!) { subject(identifier: $id) { name listEntries { list } } }`;
    const send = () =>
      federation.query<{ subject: { name: string } }>(query, { variables: { id: companyIdentifier } });
    const firstWave = Array.from({ length: 20 }, send);
    await Promise.race(firstWave);
    await sql`alter table audit_events rename to audit_events_unreachable`.execute(federation.connection.db);
    const secondWave = Array.from({ length: 20 }, send);
    const results = await Promise.all([...firstWave, ...secondWave]);
    await sql`alter table audit_events_unreachable rename to audit_events`.execute(federation.connection.db);
    const audited = new Set(
      (
        await federation.connection.db
          .selectFrom("audit_events")
          .select("request_id")
          .where(
            "request_id",
            "in",
            results.map((result) => result.headers.get("x-request-id")!),
          )
          .execute()
      ).map((row) => row.request_id),
    );
    let answered = 0;
    for (const result of results) {
      if (result.data?.subject) {
        answered += 1;
        expect(audited.has(result.headers.get("x-request-id")!)).toBe(true);
      } else {
        expect(errorCodes(result)).toEqual(["AUDIT_UNAVAILABLE"]);
        expect(JSON.stringify(result)).not.toContain(DEMO_BLACKLISTED_COMPANY);
      }
    }
    expect(answered).toBeGreaterThan(0);
    expect(answered).toBeLessThan(results.length);
  });

  it("lets an AUDITOR page through the events, and nobody else", async () => {
    const auditor = await federation.token({ role: "AUDITOR" });
    const page = await federation.query<{
      auditEvents: {
        totalCount: number;
        edges: unknown[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
    }>(
      "{ auditEvents(first: 2) { totalCount edges { cursor node { id outcome } } pageInfo { hasNextPage endCursor } } }",
      { token: auditor },
    );
    expect(page.data!.auditEvents.edges).toHaveLength(2);
    expect(page.data!.auditEvents.pageInfo.hasNextPage).toBe(true);
    const next = await federation.query<{ auditEvents: { edges: unknown[] } }>(
      "query ($after: String) { auditEvents(first: 2, after: $after) { edges { node { id } } } }",
      { token: auditor, variables: { after: page.data!.auditEvents.pageInfo.endCursor } },
    );
    expect(next.data!.auditEvents.edges.length).toBeGreaterThan(0);
    const centre = await federation.query("{ auditEvents { totalCount } }", {
      token: await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" }),
    });
    expect(errorCodes(centre)).toEqual(["FORBIDDEN"]);
  });
});
