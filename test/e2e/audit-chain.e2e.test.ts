import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../audit-log/verifier";
import { citizenId, daysAgo, personName, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
const PERSON = citizenId(960);

beforeAll(async () => {
  federation = await startTestFederation({
    environment: {
      CREDIT_ALERT_SUBJECTS_PER_HOUR: "3",
      CREDIT_ALERT_DENIALS_PER_HOUR: "3",
      CREDIT_ALERT_WORKING_HOURS: "0-0",
    },
  });
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      token: provider,
      variables: {
        records: [PERSON, uscc(961), uscc(962), uscc(963), uscc(964)].map((identifier, index) => ({
          subject: {
            identifier,
            name: personName("审计", index),
            kind: index === 0 ? "NATURAL_PERSON" : "LEGAL_PERSON",
          },
          category: "NEGATIVE",
          kind: "ADMINISTRATIVE_PENALTY",
          procedure: "GENERAL",
          severity: "GENERAL",
          tier: "GOVERNMENT",
          title: "行政处罚",
          documentNumber: `AUD-${index}`,
          decidedOn: daysAgo(5),
        })),
      },
    },
  );
});
afterAll(async () => federation?.stop());

const db = () => federation.connection.db;
const requestIdOf = (result: { headers: Headers }) => result.headers.get("x-request-id")!;

describe("one audit event per operation, across roles and outcomes", () => {
  it("finds exactly N events for N mixed operations, with the right access rows", async () => {
    const government = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "officer-7" });
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-9" });
    const READ = `query Read($id: String!) { subject(identifier: $id) { name records { title tier } } }`;
    const operations = [
      () => federation.query(READ, { token: government, purpose: "SUPERVISION", variables: { id: PERSON } }),
      () => federation.query(READ, { token: bank, variables: { id: PERSON } }),
      () => federation.query(READ, { variables: { id: uscc(961) } }),
      () => federation.query(`{ measures { code } }`),
      () => federation.query(`{ measures { nope } }`),
      () => federation.query(READ, { token: "a.b.c", variables: { id: PERSON } }),
      () =>
        federation.query(READ, { token: government, purpose: "NOT_A_PURPOSE", variables: { id: PERSON } }),
      () => federation.query(`{ auditEvents { totalCount } }`, { token: bank }),
    ];
    const results = await Promise.all(operations.map((operation) => operation()));
    const requestIds = results.map(requestIdOf);
    const events = await db()
      .selectFrom("audit_events")
      .selectAll()
      .where("request_id", "in", requestIds)
      .execute();
    expect(events).toHaveLength(operations.length);
    const byRequest = new Map(events.map((event) => [event.request_id, event]));
    expect(results.map((result) => byRequest.get(requestIdOf(result))!.outcome)).toEqual([
      "OK",
      "DENIED",
      "OK",
      "OK",
      "ERROR",
      "DENIED",
      "ERROR",
      "DENIED",
    ]);
    const officerRead = byRequest.get(requestIds[0]!)!;
    expect(officerRead).toMatchObject({
      actor: "officer-7",
      role: "GOVERNMENT",
      org: "HA-GOV",
      purpose: "SUPERVISION",
      operation_name: "Read",
      operation_type: "query",
      variables: { id: PERSON },
    });
    const accesses = await db()
      .selectFrom("audit_accesses")
      .selectAll()
      .where("event_id", "=", officerRead.id)
      .execute();
    expect(
      accesses.map((access) => [
        access.subgraph,
        access.entity_type,
        access.subject_identifier,
        access.tiers,
      ]),
    ).toEqual(
      expect.arrayContaining([
        ["subjects", "Subject", PERSON, ["GOVERNMENT"]],
        ["records", "CreditRecord", PERSON, ["GOVERNMENT"]],
      ]),
    );
    expect(byRequest.get(requestIds[1]!)!.error_codes).toEqual(["PURPOSE_REQUIRED"]);
  });

  it("keeps identifiers in the variables and drops secrets", async () => {
    const result = await federation.query(
      `query ($id: String!, $password: String) { subject(identifier: $id) { name } }`,
      { variables: { id: uscc(962), password: "hunter2" } },
    );
    const event = await db()
      .selectFrom("audit_events")
      .select("variables")
      .where("request_id", "=", requestIdOf(result))
      .executeTakeFirstOrThrow();
    expect(event.variables).toEqual({ id: uscc(962), password: "[redacted]" });
  });

  it("refuses to update or delete audit rows, in the database itself", async () => {
    await expect(sql`update audit_events set outcome = 'OK'`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_accesses`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_events cascade`.execute(db())).rejects.toThrow(/append-only/);
  });
});

describe("the hash chain detects tampering and names the first bad event", () => {
  const withTriggersOff = async (tamper: () => Promise<unknown>) => {
    for (const table of ["audit_events", "audit_access_sets", "audit_completions"])
      await sql`alter table ${sql.table(table)} disable trigger user`.execute(db());
    try {
      await tamper();
    } finally {
      for (const table of ["audit_events", "audit_access_sets", "audit_completions"])
        await sql`alter table ${sql.table(table)} enable trigger user`.execute(db());
    }
  };
  const eventAt = (index: number) =>
    db()
      .selectFrom("audit_events")
      .selectAll()
      .where("chain_index", "=", String(index))
      .executeTakeFirstOrThrow();

  beforeAll(async () => {
    await Promise.all(Array.from({ length: 12 }, () => federation.query(`{ measures { code } }`)));
    await sql`create table audit_events_backup as select * from audit_events`.execute(db());
    await sql`create table audit_access_sets_backup as select * from audit_access_sets`.execute(db());
    await sql`create table audit_completions_backup as select * from audit_completions`.execute(db());
  });

  const restore = () =>
    withTriggersOff(async () => {
      await sql`delete from audit_access_sets`.execute(db());
      await sql`delete from audit_completions`.execute(db());
      await sql`delete from audit_events`.execute(db());
      await sql`insert into audit_events select * from audit_events_backup`.execute(db());
      await sql`insert into audit_access_sets select * from audit_access_sets_backup`.execute(db());
      await sql`insert into audit_completions select * from audit_completions_backup`.execute(db());
    });

  it("verifies an untouched chain", async () => {
    const status = await verifyAuditChain(db());
    expect(status).toMatchObject({ verified: true, brokenAt: null });
    expect(status.length).toBeGreaterThan(12);
  });

  it("an edited event", async () => {
    const victim = await eventAt(5);
    await withTriggersOff(() =>
      db()
        .updateTable("audit_events")
        .set({ outcome: "OK", org: "SOMEONE-ELSE" } as never)
        .where("id", "=", victim.id)
        .execute(),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: victim.id,
      reason: expect.stringMatching(/edited/),
    });
    await restore();
  });

  it("a deleted event", async () => {
    const victim = await eventAt(6);
    const next = await eventAt(7);
    await withTriggersOff(async () => {
      await db().deleteFrom("audit_access_sets").where("event_id", "=", victim.id).execute();
      await db().deleteFrom("audit_events").where("id", "=", victim.id).execute();
    });
    expect(await verifyAuditChain(db())).toMatchObject({ verified: false, brokenAt: next.id });
    await restore();
  });

  it("an inserted event", async () => {
    const before = await eventAt(3);
    await withTriggersOff(async () => {
      await sql`update audit_events set chain_index = chain_index + 1000000 where chain_index >= 4`.execute(
        db(),
      );
      await sql`update audit_events set chain_index = chain_index - 999999 where chain_index >= 1000000`.execute(
        db(),
      );
      await db()
        .insertInto("audit_events")
        .values({
          ...before,
          seq: undefined,
          id: "00000000-0000-4000-8000-00000000f0f0",
          chain_index: "4",
          prev_hash: before.hash,
          hash: "f".repeat(64),
          variables: JSON.stringify(before.variables),
        } as never)
        .execute();
    });
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: "00000000-0000-4000-8000-00000000f0f0",
    });
    await restore();
  });

  it("access rows inserted around the chain (an event that does not exist)", async () => {
    const access = await db().selectFrom("audit_accesses").selectAll().limit(1).executeTakeFirstOrThrow();
    const invented = "00000000-0000-4000-8000-00000000abcd";
    // Inserting needs no trigger switched off: the database accepts appends, the chain must catch this one.
    await db()
      .insertInto("audit_accesses")
      .values({ ...access, event_id: invented })
      .execute();
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: invented,
      reason: expect.stringMatching(/inserted/),
    });
    await restore();
  });

  it("reordered events", async () => {
    const first = await eventAt(8);
    const second = await eventAt(9);
    await withTriggersOff(async () => {
      await sql`update audit_events set chain_index = -1 where id = ${first.id}`.execute(db());
      await sql`update audit_events set chain_index = 8 where id = ${second.id}`.execute(db());
      await sql`update audit_events set chain_index = 9 where id = ${first.id}`.execute(db());
    });
    expect(await verifyAuditChain(db())).toMatchObject({ verified: false, brokenAt: second.id });
    await restore();
  });

  it("events removed from the end", async () => {
    const status = await verifyAuditChain(db());
    const last = await eventAt(status.length - 1);
    const beforeLast = await eventAt(status.length - 2);
    await withTriggersOff(async () => {
      await db().deleteFrom("audit_access_sets").where("event_id", "=", last.id).execute();
      await db().deleteFrom("audit_events").where("id", "=", last.id).execute();
    });
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: beforeLast.id,
      reason: expect.stringMatching(/removed/),
    });
    await restore();
    expect((await verifyAuditChain(db())).verified).toBe(true);
  });

  const mutationEvent = () =>
    db()
      .selectFrom("audit_events as event")
      .innerJoin("audit_completions as completion", "completion.event_id", "event.id")
      .select(["event.id", "completion.outcome"])
      .orderBy("event.chain_index")
      .executeTakeFirstOrThrow();

  it("a mutation's outcome edited after it completed", async () => {
    const mutation = await mutationEvent();
    await withTriggersOff(() =>
      db()
        .updateTable("audit_completions")
        .set({ outcome: "DENIED" })
        .where("event_id", "=", mutation.id)
        .execute(),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: mutation.id,
      reason: expect.stringMatching(/outcome or its access rows were edited/),
    });
    await restore();
  });

  it("a mutation's completion removed, or its access rows", async () => {
    const mutation = await mutationEvent();
    await withTriggersOff(() =>
      db().deleteFrom("audit_completions").where("event_id", "=", mutation.id).execute(),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: mutation.id,
      reason: expect.stringMatching(/completion was removed/),
    });
    await restore();
    await withTriggersOff(() =>
      db()
        .deleteFrom("audit_access_sets")
        .where("event_id", "=", mutation.id)
        .where("in_completion", "=", true)
        .execute(),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: mutation.id,
      reason: expect.stringMatching(/edited/),
    });
    await restore();
  });

  it("a completion added to an event that was complete when written", async () => {
    const victim = await eventAt(5);
    await sql`insert into audit_completions (event_id, outcome, error_codes, consent_ids, duration_ms, hash) values (${victim.id}, 'DENIED', '{}', '{}', 1, 'x')`.execute(
      db(),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: victim.id,
      reason: expect.stringMatching(/complete when written/),
    });
    await restore();
    expect((await verifyAuditChain(db())).verified).toBe(true);
  });

  it("is reported by the auditChain query, for auditors only", async () => {
    const auditor = await federation.token({ role: "AUDITOR" });
    const result = await federation.query<{ auditChain: { verified: boolean; length: number } }>(
      `{ auditChain { verified length brokenAt } }`,
      { token: auditor },
    );
    expect(result.data!.auditChain.verified).toBe(true);
    const subject = await federation.token({ role: "SUBJECT", subject: PERSON });
    expect(errorCodes(await federation.query(`{ auditChain { verified } }`, { token: subject }))).toEqual([
      "FORBIDDEN",
    ]);
  });
});

describe("reviewing the log", () => {
  it("filters auditEvents by subject, role, organisation and outcome", async () => {
    const auditor = await federation.token({ role: "AUDITOR" });
    const result = await federation.query<{
      auditEvents: {
        edges: Array<{ node: { role: string; org: string; subjects: string[]; outcome: string } }>;
      };
    }>(
      `query ($filter: AuditFilter) { auditEvents(filter: $filter, first: 100) { edges { node { role org subjects outcome } } } }`,
      {
        token: auditor,
        variables: { filter: { subject: PERSON, role: "GOVERNMENT", org: "HA-GOV", outcome: "OK" } },
      },
    );
    expect(result.data!.auditEvents.edges.length).toBeGreaterThan(0);
    for (const { node } of result.data!.auditEvents.edges)
      expect(node).toMatchObject({ role: "GOVERNMENT", org: "HA-GOV", outcome: "OK", subjects: [PERSON] });
  });

  it("shows the subject who read its data — organisation and purpose, not the officer — and leaves out its own reads", async () => {
    const subject = await federation.token({ role: "SUBJECT", subject: PERSON, sub: "citizen-960" });
    await federation.query(`query ($id: String!) { subject(identifier: $id) { name } }`, {
      token: subject,
      variables: { id: PERSON },
    });
    const log = await federation.query<{
      myAccessLog: {
        edges: Array<{
          node: { actor: string | null; role: string; org: string; purpose: string; categories: string[] };
        }>;
      };
    }>(`{ myAccessLog(first: 50) { totalCount edges { node { actor role org purpose categories } } } }`, {
      token: subject,
    });
    const nodes = log.data!.myAccessLog.edges.map((edge) => edge.node);
    expect(nodes).toContainEqual({
      actor: null,
      role: "GOVERNMENT",
      org: "HA-GOV",
      purpose: "SUPERVISION",
      categories: expect.arrayContaining(["CreditRecord:GOVERNMENT"]),
    });
    expect(nodes.some((node) => node.role === "SUBJECT")).toBe(false);
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-9" });
    expect(errorCodes(await federation.query(`{ myAccessLog { totalCount } }`, { token: bank }))).toEqual([
      "FORBIDDEN",
    ]);
  });

  it("raises alerts: many subjects in an hour, repeated denials, off-hours reads", async () => {
    const snoop = await federation.token({ role: "GOVERNMENT", org: "HA-GOV", sub: "snoop" });
    for (const identifier of [uscc(961), uscc(962), uscc(963), uscc(964)]) {
      await federation.query(`query ($id: String!) { subject(identifier: $id) { name records { title } } }`, {
        token: snoop,
        purpose: "SUPERVISION",
        variables: { id: identifier },
      });
    }
    const intruder = await federation.token({ role: "ORGANIZATION", org: "BANK-X", sub: "intruder" });
    for (let attempt = 0; attempt < 3; attempt++)
      await federation.query(`{ auditEvents { totalCount } }`, { token: intruder });
    const auditor = await federation.token({ role: "AUDITOR" });
    const alerts = await federation.query<{
      auditAlerts: Array<{ rule: string; actor: string; count: number }>;
    }>(`{ auditAlerts { rule actor count detail } }`, { token: auditor });
    const rules = alerts.data!.auditAlerts;
    expect(rules).toContainEqual(expect.objectContaining({ rule: "MASS_LOOKUP", actor: "snoop", count: 4 }));
    expect(rules).toContainEqual(
      expect.objectContaining({ rule: "REPEATED_DENIALS", actor: "intruder", count: 3 }),
    );
    expect(rules).toContainEqual(expect.objectContaining({ rule: "OFF_HOURS", actor: "snoop" }));
  });
});
