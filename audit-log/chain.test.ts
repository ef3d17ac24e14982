import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalCompletion,
  canonicalEntry,
  canonicalJson,
  redactVariables,
  type AuditAccessSet,
  type AuditEntry,
} from "./chain";

/** One access row per subject: the shape events of canonical form 1 were written in. */
type AccessRowAsFirstWritten = {
  subgraph: string;
  subjectId: string;
  subjectIdentifier: string | null;
  entityType: string;
  tiers: string[];
  count: number;
};
type EntryAsFirstWritten = Omit<AuditEntry, "accesses"> & { accesses: AccessRowAsFirstWritten[] };

/** The canonical form as first written (sorting by serialising inside the comparator): chains already written were hashed over it. */
function canonicalEntryAsFirstWritten(entry: EntryAsFirstWritten, chainIndex: bigint): string {
  const accesses = [...entry.accesses]
    .map((access) => [
      access.subgraph,
      access.subjectId,
      access.subjectIdentifier,
      access.entityType,
      [...access.tiers].sort(),
      access.count,
    ])
    .sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  return canonicalJson({
    ...entry,
    at: entry.at.toISOString(),
    errorCodes: [...entry.errorCodes].sort(),
    consentIds: [...entry.consentIds].sort(),
    accesses,
    chainIndex: chainIndex.toString(),
  });
}

const text = fc.string({ unit: "binary", maxLength: 12 });
const access = fc.record({
  subgraph: fc.constantFrom("subjects", "records", "lists", "measures", "repair", "audit"),
  // Often one of a few subjects, so that rows tie on subgraph and subject and the order is decided by later fields.
  subjectId: fc.oneof(
    fc.uuid(),
    fc.constantFrom("7d3c1b2a-0000-4000-8000-000000000001", "7d3c1b2a-0000-4000-8000-000000000002"),
  ),
  subjectIdentifier: fc.option(text, { nil: null }),
  entityType: fc.constantFrom("Subject", "CreditRecord", "ListEntry", "ScreeningResult", "Décision", "名单"),
  tiers: fc.subarray(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]),
  count: fc.nat(),
});
const entry: fc.Arbitrary<EntryAsFirstWritten> = fc.record({
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

/** Per-subject rows as the migration groups them: by subgraph, entity type and tiers as stored. */
function inSets(rows: readonly AccessRowAsFirstWritten[]): AuditAccessSet[] {
  const sets = new Map<
    string,
    {
      subgraph: string;
      entityType: string;
      tiers: string[];
      subjectIds: string[];
      subjectIdentifiers: Array<string | null>;
      counts: number[];
    }
  >();
  for (const row of rows) {
    const key = JSON.stringify([row.subgraph, row.entityType, row.tiers]);
    const set = sets.get(key) ?? {
      subgraph: row.subgraph,
      entityType: row.entityType,
      tiers: row.tiers,
      subjectIds: [],
      subjectIdentifiers: [],
      counts: [],
    };
    set.subjectIds.push(row.subjectId);
    set.subjectIdentifiers.push(row.subjectIdentifier);
    set.counts.push(row.count);
    sets.set(key, set);
  }
  return [...sets.values()];
}
const asSets = (value: EntryAsFirstWritten): AuditEntry => ({ ...value, accesses: inSets(value.accesses) });
const chainIndex = fc.bigInt({ min: 0n, max: 2n ** 62n });

describe("canonicalEntry", () => {
  it("form 1 serialises exactly as first written, from the rows grouped into sets, so chains already written still verify", () => {
    fc.assert(
      fc.property(entry, chainIndex, (value, index) => {
        expect(canonicalEntry(asSets(value), index, 1)).toBe(canonicalEntryAsFirstWritten(value, index));
      }),
      { numRuns: 500 },
    );
  });

  it("covers only the fields its form lists: a field added to the entry later changes no hash", () => {
    fc.assert(
      fc.property(entry, chainIndex, fc.constantFrom(1 as const, 2 as const), (value, index, form) => {
        const later = { ...asSets(value), addedLater: "anything" } as AuditEntry;
        expect(canonicalEntry(later, index, form)).toBe(canonicalEntry(asSets(value), index, form));
        const completion = {
          eventId: value.id,
          outcome: "OK" as const,
          errorCodes: value.errorCodes,
          consentIds: value.consentIds,
          durationMs: value.durationMs,
          accesses: asSets(value).accesses,
        };
        expect(canonicalCompletion({ ...completion, addedLater: 1 } as typeof completion, form)).toBe(
          canonicalCompletion(completion, form),
        );
      }),
      { numRuns: 100 },
    );
  });

  it("form 2 names itself, ignores the order of the sets, and changes with any subject of a set", () => {
    fc.assert(
      fc.property(entry, chainIndex, (value, index) => {
        const sets = asSets(value);
        const form2 = canonicalEntry(sets, index, 2);
        expect(form2).not.toBe(canonicalEntry(sets, index, 1));
        expect(form2).toContain('"canonicalForm":2');
        expect(canonicalEntry({ ...sets, accesses: [...sets.accesses].reverse() }, index, 2)).toBe(form2);
        const first = sets.accesses[0];
        if (first) {
          const changed = {
            ...first,
            subjectIds: [...first.subjectIds.slice(1), "12345678-9abc-4def-8123-456789abcdef"],
          };
          expect(
            canonicalEntry({ ...sets, accesses: [changed, ...sets.accesses.slice(1)] }, index, 2),
          ).not.toBe(form2);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("form 3 names itself and changes with any item id of a set, in whatever order the ids come; form 2 ignores them", () => {
    fc.assert(
      fc.property(
        entry,
        chainIndex,
        fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 4 }),
        (value, index, itemIds) => {
          const sets = asSets(value);
          const first = sets.accesses[0];
          if (!first) return;
          const named = { ...sets, accesses: [{ ...first, itemIds }, ...sets.accesses.slice(1)] };
          const form3 = canonicalEntry(named, index, 3);
          expect(form3).toContain('"canonicalForm":3');
          expect(
            canonicalEntry(
              {
                ...sets,
                accesses: [{ ...first, itemIds: [...itemIds].reverse() }, ...sets.accesses.slice(1)],
              },
              index,
              3,
            ),
          ).toBe(form3);
          expect(
            canonicalEntry(
              { ...sets, accesses: [{ ...first, itemIds: itemIds.slice(1) }, ...sets.accesses.slice(1)] },
              index,
              3,
            ),
          ).not.toBe(form3);
          expect(canonicalEntry(named, index, 2)).toBe(canonicalEntry(sets, index, 2));
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** redactVariables as first written (recursive): events already in chains were redacted by it. */
function redactVariablesAsFirstWritten(variables: unknown): Record<string, unknown> {
  const SECRET = /pass(word)?|secret|token|authorization|credential|private.?key/i;
  const storable = (text: string) => text.replaceAll("\u0000", "\\u0000");
  const redact = (value: unknown): unknown => {
    if (typeof value === "string") return storable(value);
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.entries(value).map(([key, child]) => [
          storable(key),
          SECRET.test(key) ? "[redacted]" : redact(child),
        ]),
      );
    }
    return value;
  };
  return variables && typeof variables === "object" && !Array.isArray(variables)
    ? (redact(variables) as Record<string, unknown>)
    : {};
}

describe("redactVariables", () => {
  const key = fc.oneof(
    text,
    fc.constantFrom("password", "apiToken", "clientSecret", "identifier", "__proto__"),
  );

  it("redacts as first written for variables within 64 levels", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.dictionary(key, fc.jsonValue({ maxDepth: 6 })), fc.jsonValue({ maxDepth: 2 })),
        (variables) => {
          expect(canonicalJson(redactVariables(variables))).toBe(
            canonicalJson(redactVariablesAsFirstWritten(variables)),
          );
        },
      ),
      { numRuns: 1_000 },
    );
  });

  it("copies 100,000 nested levels without recursion, keeping 64 and marking the rest", () => {
    let deep: unknown = "leaf";
    for (let level = 0; level < 100_000; level++) deep = level % 2 ? [deep] : { next: deep };
    const redacted = redactVariables({ deep });
    let kept = 0;
    let value: unknown = redacted;
    for (; value && typeof value === "object"; kept++)
      value = Array.isArray(value) ? value[0] : Object.values(value)[0];
    expect(kept).toBe(64);
    expect(value).toBe("[deeper than 64 levels]");
    expect(() => canonicalJson(redacted)).not.toThrow();
  });

  it("keeps a `__proto__` key as a key", () => {
    const redacted = redactVariables(JSON.parse('{"__proto__": {"password": "x", "n": 1}}'));
    expect(Object.getPrototypeOf(redacted)).toBe(Object.prototype);
    expect(canonicalJson(redacted)).toBe('{"__proto__":{"n":1,"password":"[redacted]"}}');
  });
});
