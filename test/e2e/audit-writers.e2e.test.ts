import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AuditLog } from "../../audit-log/writer";
import type { AuditEntry } from "../../audit-log/chain";
import { appendAuditEntries, findChainHead } from "../../audit-log/store";
import { verifyAuditChain } from "../../audit-log/verifier";
import { startTestDatabase, type TestDatabase } from "../harness";

/**
 * The audit chain written by one statement that moves the head only from where the writer last saw
 * it: writers that overtake each other (gateways in several processes) still build one unbroken
 * chain, and a writer that was overtaken writes nothing before it appends again.
 */
let database: TestDatabase;
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

const db = () => database.connection.db;

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  const id = randomUUID();
  return {
    id,
    requestId: id,
    at: database.config.clock.now(),
    actor: "officer-1",
    role: "GOVERNMENT",
    org: "HA-MARKET",
    purpose: "PUBLIC_RESOURCE_TRADING",
    operationName: "Lookup",
    operationType: "query",
    documentHash: "d".repeat(64),
    variables: { id: "91320100MA1XXXXX0X" },
    clientAddress: "127.0.0.1",
    outcome: "OK",
    errorCodes: [],
    consentIds: [],
    durationMs: 3,
    accesses: [
      {
        subgraph: "subjects",
        entityType: "Subject",
        tiers: ["PUBLIC"],
        subjectIds: [randomUUID()],
        subjectIdentifiers: ["91320100MA1XXXXX0X"],
        counts: [1],
      },
    ],
    ...overrides,
  };
}

const counts = async () => ({
  events: Number(
    (
      await db()
        .selectFrom("audit_events")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  accesses: Number(
    (
      await db()
        .selectFrom("audit_accesses")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

describe("audit writers", () => {
  it("a verification running while events are appended sees one consistent chain, never a chain cut short", async () => {
    const writer = new AuditLog(db());
    let appending = true;
    const appends = (async () => {
      while (appending) await writer.append(entry());
    })();
    try {
      const verifications = [];
      for (let round = 0; round < 25; round++) verifications.push(await verifyAuditChain(db()));
      expect(verifications.filter((verification) => !verification.verified)).toEqual([]);
    } finally {
      appending = false;
      await appends;
    }
  });

  it("two writers overtaking each other build one unbroken chain with every event and access row", async () => {
    const before = await counts();
    const [first, second] = [new AuditLog(db()), new AuditLog(db())];
    await Promise.all(
      Array.from({ length: 120 }, (_, index) => (index % 2 === 0 ? first : second).append(entry())),
    );
    // Strictly alternating single appends: every one of them starts from a head the other writer has moved.
    for (let round = 0; round < 20; round++) {
      await first.append(entry());
      await second.append(entry());
    }
    const after = await counts();
    expect(after.events - before.events).toBe(160);
    expect(after.accesses - before.accesses).toBe(160);
    expect(await verifyAuditChain(db())).toMatchObject({
      verified: true,
      brokenAt: null,
      length: after.events,
    });
  });

  it("an overtaken writer writes nothing from its old head, then appends after the new one", async () => {
    const stale = await findChainHead(db());
    const overtaking = await appendAuditEntries(db(), [entry()], stale);
    const before = await counts();
    const late = entry();
    const appended = await appendAuditEntries(db(), [late], stale);
    expect(BigInt(appended.length)).toBe(BigInt(overtaking.length) + 1n);
    const stored = await db()
      .selectFrom("audit_events")
      .select(["chain_index", "prev_hash"])
      .where("id", "=", late.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ chain_index: overtaking.length, prev_hash: overtaking.hash });
    expect(await counts()).toEqual({ events: before.events + 1, accesses: before.accesses + 1 });
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("a batch that fails writes none of its events, none of its access rows, and leaves the head", async () => {
    const head = await findChainHead(db());
    const before = await counts();
    const broken = entry({
      accesses: [
        {
          subgraph: "subjects",
          entityType: "Subject",
          tiers: [],
          subjectIds: ["not-a-uuid"],
          subjectIdentifiers: [null],
          counts: [1],
        },
      ],
    });
    await expect(appendAuditEntries(db(), [entry(), broken], head)).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await findChainHead(db())).toEqual(head);
  });

  it("keeps array values with commas, quotes, backslashes and braces exactly, and the chain verifies", async () => {
    const hostile = ["A,B", 'quote"d', "back\\slash", "{brace}", "NULL", "", " spaced "];
    const written = entry({ errorCodes: hostile, consentIds: [randomUUID()], outcome: "ERROR" });
    await appendAuditEntries(db(), [written], await findChainHead(db()));
    const stored = await db()
      .selectFrom("audit_events")
      .select(["error_codes", "consent_ids"])
      .where("id", "=", written.id)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ error_codes: hostile, consent_ids: written.consentIds });
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });

  it("keeps hostile identifiers (and a missing one) inside an access set exactly, position by position, and the chain verifies", async () => {
    const identifiers = ["A,B", 'quote"d', "back\\slash", "{brace}", "NULL", null, "", " spaced "];
    const subjectIds = identifiers.map(() => randomUUID());
    const counts = identifiers.map((_, index) => index + 1);
    const written = entry({
      accesses: [
        {
          subgraph: "records",
          entityType: "CreditRecord",
          tiers: ["PUBLIC", "GOVERNMENT"],
          subjectIds,
          subjectIdentifiers: identifiers,
          counts,
        },
      ],
    });
    await appendAuditEntries(db(), [written], await findChainHead(db()));
    const stored = await db()
      .selectFrom("audit_access_sets")
      .select(["subject_ids", "subject_identifiers", "counts"])
      .where("event_id", "=", written.id)
      .execute();
    expect(stored).toEqual([{ subject_ids: subjectIds, subject_identifiers: identifiers, counts }]);
    expect(await verifyAuditChain(db())).toMatchObject({ verified: true });
  });
});
