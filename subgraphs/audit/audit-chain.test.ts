import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalEntry, canonicalJson, type AuditEntry } from "./audit-chain";

/** The canonical form as first written (sorting by serialising inside the comparator): chains already written were hashed over it. */
function canonicalEntryAsFirstWritten(entry: AuditEntry, chainIndex: bigint): string {
  const accesses = [...entry.accesses]
    .map((access) => [access.subgraph, access.subjectId, access.subjectIdentifier, access.entityType, [...access.tiers].sort(), access.count])
    .sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  return canonicalJson({ ...entry, at: entry.at.toISOString(), errorCodes: [...entry.errorCodes].sort(), consentIds: [...entry.consentIds].sort(), accesses, chainIndex: chainIndex.toString() });
}

const text = fc.string({ unit: "binary", maxLength: 12 });
const access = fc.record({
  subgraph: fc.constantFrom("subjects", "records", "lists", "measures", "repair", "audit"),
  subjectId: fc.uuid(),
  subjectIdentifier: fc.option(text, { nil: null }),
  entityType: fc.constantFrom("Subject", "CreditRecord", "ListEntry", "ScreeningResult", "Décision", "名单"),
  tiers: fc.subarray(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]),
  count: fc.nat(),
});
const entry: fc.Arbitrary<AuditEntry> = fc.record({
  id: fc.uuid(),
  requestId: fc.uuid(),
  at: fc.date({ min: new Date("2000-01-01"), max: new Date("2100-01-01"), noInvalidDate: true }),
  actor: fc.option(text, { nil: null }),
  role: text,
  org: fc.option(text, { nil: null }),
  purpose: fc.option(text, { nil: null }),
  operationName: fc.option(text, { nil: null }),
  operationType: fc.option(text, { nil: null }),
  documentHash: fc.option(text, { nil: null }),
  variables: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 })) as fc.Arbitrary<Record<string, unknown>>,
  clientAddress: fc.option(text, { nil: null }),
  outcome: fc.constantFrom("OK", "DENIED", "ERROR"),
  errorCodes: fc.array(text, { maxLength: 3 }),
  consentIds: fc.array(fc.uuid(), { maxLength: 3 }),
  durationMs: fc.nat(),
  accesses: fc.array(access, { maxLength: 40 }),
});

describe("canonicalEntry", () => {
  it("serialises exactly as first written, so chains already written still verify", () => {
    fc.assert(
      fc.property(entry, fc.bigInt({ min: 0n, max: 2n ** 62n }), (value, index) => {
        expect(canonicalEntry(value, index)).toBe(canonicalEntryAsFirstWritten(value, index));
      }),
      { numRuns: 500 },
    );
  });
});
