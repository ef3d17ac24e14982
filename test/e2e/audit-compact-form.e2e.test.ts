import { randomUUID } from "node:crypto";
import { CompiledQuery, sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Connection } from "../../db/connection";
import { migrateToLatest } from "../../db/migrate";
import { accessibleBy } from "../../policies/accessible-by";
import { defineAbilityFor } from "../../policies/define-ability-for";
import {
  canonicalCompletion,
  canonicalEntry,
  chainHash,
  CURRENT_CANONICAL_FORM,
  GENESIS_HASH,
  type AuditAccessSet,
  type AuditCompletion,
  type AuditEntry,
} from "../../audit-log/chain";
import { appendAuditEntries, findChainHead } from "../../audit-log/store";
import {
  accessesBySubjectIdsQuery,
  auditEventsQuery,
  organisationDisclosuresOfItemQuery,
  organisationReadsOfSubjectQuery,
} from "../../subgraphs/audit/audit-event.repository";
import { verifyAuditChain } from "../../audit-log/verifier";
import { startTestDatabase, type TestDatabase } from "../harness";

/**
 * The compact access form: access rows written before it move into access sets by
 * the migration and their chain still verifies (canonical form 1); events written after it use the current form
 * (2, and 3 once sets name the items they disclosed);
 * an edit to a set of either form is found; "who read subject X" and `myAccessLog` use the GIN indexes.
 */
const BEFORE_COMPACT_FORM = "2026_12_01_13_35_00_create_gateway_budgets";

const withTriggersOff = async (database: TestDatabase, tamper: () => Promise<unknown>) => {
  for (const table of ["audit_events", "audit_access_sets"])
    await sql`alter table ${sql.table(table)} disable trigger user`.execute(database.connection.db);
  try {
    await tamper();
  } finally {
    for (const table of ["audit_events", "audit_access_sets"])
      await sql`alter table ${sql.table(table)} enable trigger user`.execute(database.connection.db);
  }
};

function entry(at: Date, accesses: AuditAccessSet[], outcome: AuditEntry["outcome"] = "OK"): AuditEntry {
  const id = randomUUID();
  return {
    id,
    requestId: id,
    at,
    actor: "officer-compact",
    role: "GOVERNMENT",
    org: "HA-GOV",
    purpose: "SUPERVISION",
    operationName: "Screen",
    operationType: outcome === "PENDING" ? "mutation" : "query",
    documentHash: "d".repeat(64),
    variables: { ids: ["A"] },
    clientAddress: "127.0.0.1",
    outcome,
    errorCodes: [],
    consentIds: [],
    durationMs: 4,
    accesses,
  };
}

const set = (
  subgraph: string,
  entityType: string,
  tiers: string[],
  identifiers: Array<string | null>,
): AuditAccessSet => ({
  subgraph,
  entityType,
  tiers,
  subjectIds: identifiers.map(() => randomUUID()),
  subjectIdentifiers: identifiers,
  counts: identifiers.map((_, index) => index + 1),
});

describe("access rows written before the compact form", () => {
  let database: TestDatabase;
  const db = () => database.connection.db;
  let oldRows: string[] = [];
  let oldEventIds: string[] = [];

  /** Writes events, their per-subject rows and one completion exactly as the writer before the compact form did (canonical form 1). */
  async function writeAsBefore(entries: readonly AuditEntry[], completion: AuditCompletion) {
    let previousHash = GENESIS_HASH;
    const hashes = new Map<string, string>();
    for (const [index, value] of entries.entries()) {
      const hash = chainHash(previousHash, canonicalEntry(value, BigInt(index), 1));
      hashes.set(value.id, hash);
      await db()
        .insertInto("audit_events")
        .values({
          id: value.id,
          request_id: value.requestId,
          at: value.at,
          actor: value.actor,
          role: value.role,
          org: value.org,
          purpose: value.purpose,
          operation_name: value.operationName,
          operation_type: value.operationType,
          document_hash: value.documentHash,
          client_address: value.clientAddress,
          outcome: value.outcome,
          error_codes: value.errorCodes,
          consent_ids: value.consentIds,
          duration_ms: value.durationMs,
          variables: JSON.stringify(value.variables),
          chain_index: String(index),
          prev_hash: previousHash,
          hash,
        })
        .execute();
      await insertRowsAsBefore(value.id, value.accesses, false);
      previousHash = hash;
    }
    await sql`update audit_chain_head set length = ${entries.length}, hash = ${previousHash} where id = 1`.execute(
      db(),
    );
    const completionHash = chainHash(hashes.get(completion.eventId)!, canonicalCompletion(completion, 1));
    await sql`insert into audit_completions (event_id, outcome, error_codes, consent_ids, duration_ms, hash)
              values (${completion.eventId}, ${completion.outcome}, '{}', '{}', ${completion.durationMs}, ${completionHash})`.execute(
      db(),
    );
    await insertRowsAsBefore(completion.eventId, completion.accesses, true);
  }

  async function insertRowsAsBefore(eventId: string, sets: readonly AuditAccessSet[], inCompletion: boolean) {
    for (const each of sets) {
      for (const [index, subjectId] of each.subjectIds.entries()) {
        await sql`insert into audit_accesses (event_id, subgraph, subject_id, subject_identifier, entity_type, tiers, count, in_completion)
                  values (${eventId}, ${each.subgraph}, ${subjectId}, ${each.subjectIdentifiers[index]}, ${each.entityType}, ${`{${each.tiers.join(",")}}`}::text[], ${each.counts[index]}, ${inCompletion})`.execute(
          db(),
        );
      }
    }
  }

  const rowsNow = async () =>
    (
      await sql<
        Record<string, unknown>
      >`select event_id, subgraph, subject_id, subject_identifier, entity_type, tiers, count, in_completion from audit_accesses`.execute(
        db(),
      )
    ).rows
      .map((row) => JSON.stringify(row))
      .sort();

  beforeAll(async () => {
    database = await startTestDatabase({}, BEFORE_COMPACT_FORM);
    const at = new Date("2026-11-30T02:00:00Z");
    const mutation = entry(at, [], "PENDING");
    const entries = [
      // Tiers stored unsorted, a missing identifier, and a subject twice in one event: all must survive the move.
      entry(at, [
        set("subjects", "Subject", ["PUBLIC"], ["P-1", "P-2", null]),
        set("records", "CreditRecord", ["PUBLIC", "GOVERNMENT"], ["P-1", "P-2"]),
      ]),
      entry(at, [
        set("records", "CreditRecord", ["GOVERNMENT", "PUBLIC"], ["P-3"]),
        set("records", "CreditRecord", ["PUBLIC", "GOVERNMENT"], ["P-4"]),
      ]),
      entry(at, []),
      mutation,
      entry(at, [set("lists", "ListEntry", [], ["P-5", "P-5"])]),
    ];
    oldEventIds = entries.map((value) => value.id);
    await writeAsBefore(entries, {
      eventId: mutation.id,
      outcome: "OK",
      errorCodes: [],
      consentIds: [],
      durationMs: 9,
      accesses: [set("records", "CreditRecord", ["PUBLIC"], ["P-6", "P-7"])],
    });
    oldRows = await rowsNow();
    expect(oldRows).toHaveLength(11);
    await migrateToLatest(db());
  });
  afterAll(async () => database?.stop());

  it("moves every row into access sets, unchanged when read one per subject, and the old chain still verifies", async () => {
    expect(await rowsNow()).toEqual(oldRows);
    const sets = await db()
      .selectFrom("audit_access_sets")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(sets.n)).toBe(6);
    const forms = await db()
      .selectFrom("audit_events")
      .select("canonical_form")
      .orderBy("chain_index")
      .execute();
    expect(forms.map((row) => row.canonical_form)).toEqual([1, 1, 1, 1, 1]);
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true, length: 5 });
  });

  it("appends events of the current form after form-1 ones in one chain that verifies", async () => {
    const named = {
      ...set("records", "CreditRecord", ["PUBLIC"], ["N-1", "N-2"]),
      itemIds: [randomUUID(), randomUUID()],
    };
    await appendAuditEntries(
      db(),
      [entry(new Date("2026-11-30T03:00:00Z"), [named])],
      await findChainHead(db()),
    );
    const forms = await db()
      .selectFrom("audit_events")
      .select("canonical_form")
      .orderBy("chain_index")
      .execute();
    expect(forms.map((row) => row.canonical_form)).toEqual([1, 1, 1, 1, 1, CURRENT_CANONICAL_FORM]);
    expect(CURRENT_CANONICAL_FORM).toBe(3);
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true, length: 6 });
  });

  it("finds a subject removed from a moved set (form 1) or from a new one (current form), and an event's form changed", async () => {
    const shorten = (eventId: string) =>
      withTriggersOff(database, () =>
        sql`update audit_access_sets set subject_ids = subject_ids[1:1], subject_identifiers = subject_identifiers[1:1], counts = counts[1:1] where event_id = ${eventId} and cardinality(subject_ids) > 1`.execute(
          db(),
        ),
      );
    const restore = (eventId: string, saved: unknown[]) =>
      withTriggersOff(database, async () => {
        await sql`delete from audit_access_sets where event_id = ${eventId}`.execute(db());
        for (const row of saved)
          await db()
            .insertInto("audit_access_sets")
            .values(row as never)
            .execute();
      });
    const newest = await db()
      .selectFrom("audit_events")
      .select("id")
      .where("canonical_form", "=", CURRENT_CANONICAL_FORM)
      .executeTakeFirstOrThrow();
    for (const eventId of [oldEventIds[0]!, newest.id]) {
      const saved = await db()
        .selectFrom("audit_access_sets")
        .selectAll()
        .where("event_id", "=", eventId)
        .execute();
      await shorten(eventId);
      expect(await verifyAuditChain(db())).toMatchObject({
        verified: false,
        brokenAt: eventId,
        reason: expect.stringMatching(/edited/),
      });
      await restore(eventId, saved);
      expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
    }
    await withTriggersOff(database, () =>
      sql`update audit_events set canonical_form = 2 where id = ${oldEventIds[1]}`.execute(db()),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: oldEventIds[1],
      reason: expect.stringMatching(/edited/),
    });
    await withTriggersOff(database, () =>
      sql`update audit_events set canonical_form = 7 where id = ${oldEventIds[1]}`.execute(db()),
    );
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: oldEventIds[1],
      reason: expect.stringMatching(/canonical form \(7\)/),
    });
    await withTriggersOff(database, () =>
      sql`update audit_events set canonical_form = 1 where id = ${oldEventIds[1]}`.execute(db()),
    );
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("finds an item id removed from a set of the current form, or added to a set of an older form", async () => {
    const newest = await db()
      .selectFrom("audit_events")
      .select("id")
      .where("canonical_form", "=", CURRENT_CANONICAL_FORM)
      .executeTakeFirstOrThrow();
    const setItems = (eventId: string, items: string) =>
      withTriggersOff(database, () =>
        sql`update audit_access_sets set item_ids = ${items}::text[] where event_id = ${eventId}`.execute(
          db(),
        ),
      );
    const saved = await db()
      .selectFrom("audit_access_sets")
      .select("item_ids")
      .where("event_id", "=", newest.id)
      .executeTakeFirstOrThrow();
    await setItems(newest.id, `{${saved.item_ids[0]}}`);
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: newest.id,
      reason: expect.stringMatching(/edited/),
    });
    await setItems(newest.id, `{${saved.item_ids.join(",")}}`);
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
    await setItems(oldEventIds[1]!, `{${randomUUID()}}`);
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: false,
      brokenAt: oldEventIds[1],
      reason: expect.stringMatching(/items its form never recorded/),
    });
    await setItems(oldEventIds[1]!, "{}");
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("keeps the sets append-only, and the one-row-per-subject view refuses edits as the table did", async () => {
    await expect(sql`update audit_access_sets set counts = counts`.execute(db())).rejects.toThrow(
      /append-only/,
    );
    await expect(sql`delete from audit_access_sets`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_access_sets`.execute(db())).rejects.toThrow(/append-only/);
    await expect(sql`update audit_accesses set count = 0`.execute(db())).rejects.toThrow(/append-only/);
  });
});

/**
 * "Who read subject X" (`auditEvents(filter: { subject })`), `myAccessLog` and `Subject.accessLog` find
 * the sets through the GIN indexes. Measured on a table big enough that the planner prefers the index
 * by itself (1,500 events of 25 subjects each, vacuumed and analysed: it does on both databases) — no
 * planner setting is changed.
 */
describe("the plans of the readers of access sets", () => {
  let database: TestDatabase;
  const db = (): Connection => database.connection.db;
  const X = "91320100MA1READX0X";
  const X_ID = "0b7a8d0e-5a1c-4c1e-9d0e-000000000042";
  const ITEM = "0b7a8d0e-5a1c-4c1e-9d0e-000000000043";

  beforeAll(async () => {
    database = await startTestDatabase();
    await sql`
      insert into audit_events (id, request_id, at, actor, role, org, purpose, outcome, error_codes, duration_ms, chain_index, prev_hash, hash, canonical_form)
      select gen_random_uuid(), 'r' || n, now() - make_interval(secs => n), 'officer-' || (n % 50), 'GOVERNMENT', 'HA-GOV', 'SUPERVISION', 'OK', '{}', 1, n, '', '', 2
      from generate_series(1, 1500) as n`.execute(db());
    await sql`
      insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids)
      select event.id, 'records', 'CreditRecord', '{PUBLIC}',
             array(select gen_random_uuid() from generate_series(1, 25) where event.seq > 0),
             array(select 'ID-' || event.seq || '-' || k from generate_series(1, 25) as k),
             array_fill(1, array[25]),
             array(select gen_random_uuid()::text from generate_series(1, 25) where event.seq > 0)
      from audit_events as event`.execute(db());
    await sql`
      insert into audit_access_sets (event_id, subgraph, entity_type, tiers, subject_ids, subject_identifiers, counts, item_ids)
      select id, 'subjects', 'Subject', '{PUBLIC}', array[${X_ID}]::uuid[], array[${X}], '{1}', array[${ITEM}] from audit_events where chain_index in (10, 750, 1490)`.execute(
      db(),
    );
    // What autovacuum does on PostgreSQL: moves the GIN indexes' pending entries into the index proper (PGlite,
    // which has no autovacuum, does it once the pending list passes gin_pending_list_limit) and gathers statistics.
    await sql`vacuum analyze audit_events`.execute(db());
    await sql`vacuum analyze audit_access_sets`.execute(db());
  });
  afterAll(async () => database?.stop());

  const planOf = async (query: { compile(): CompiledQuery }) => {
    const compiled = query.compile();
    const { rows } = await db().executeQuery(
      CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]),
    );
    return JSON.stringify(rows);
  };

  it("auditEvents filtered by subject uses the index on subject identifiers, and finds the three events", async () => {
    const query = auditEventsQuery(db(), { subject: X }, null, 51);
    expect(await planOf(query)).toContain("audit_access_sets_subject_identifiers_idx");
    expect((await query.execute()).map((row) => row.subject_identifiers.includes(X))).toEqual([
      true,
      true,
      true,
    ]);
  });

  it("myAccessLog uses the index on subject identifiers", async () => {
    const query = auditEventsQuery(
      db(),
      { disclosedTo: { subjectIdentifier: X, exceptActor: "citizen" } },
      null,
      51,
    );
    expect(await planOf(query)).toContain("audit_access_sets_subject_identifiers_idx");
    expect(await query.execute()).toHaveLength(3);
  });

  it("Subject.accessLog uses the index on subject ids", async () => {
    const auditor = defineAbilityFor({
      role: "AUDITOR",
      actor: "auditor",
      org: null,
      purpose: null,
      subject: null,
    } as never);
    const query = accessesBySubjectIdsQuery(
      db(),
      [X_ID],
      accessibleBy(auditor, "read", "AuditEvent", {
        subjectIdentifiers: { column: "member.subject_identifier" },
      }),
    );
    expect(await planOf(query)).toContain("audit_access_sets_subject_ids_idx");
    expect(await query.execute()).toHaveLength(3);
  });

  it("the organisations that relied on an item (correction notices) use the index on subject ids", async () => {
    const query = organisationReadsOfSubjectQuery(db(), {
      subjectId: X_ID,
      entityTypes: ["Subject", "ScreeningResult"],
      from: new Date(0),
      to: new Date(Date.now() + 86_400_000),
    });
    expect(await planOf(query)).toContain("audit_access_sets_subject_ids_idx");
    expect(await query.execute()).toHaveLength(3);
  });

  it("the organisations shown an item (correction notices, form 3) use the index on item ids", async () => {
    const query = organisationDisclosuresOfItemQuery(db(), {
      itemId: ITEM,
      from: new Date(0),
      to: new Date(Date.now() + 86_400_000),
    });
    expect(await planOf(query)).toContain("audit_access_sets_item_ids_idx");
    expect(await query.execute()).toHaveLength(3);
  });
});
