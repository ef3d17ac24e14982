import { createHash } from "node:crypto";
import type { AuditOutcome, CompletedOutcome } from "./audit-event.table";
import type { Tier } from "../domain/vocabulary";
import { MAX_JSON_DEPTH } from "../platform/json-walk";
import { storableText } from "../platform/storable-text";

export const GENESIS_HASH = "0".repeat(64);

/** What one audit event records (one operation through the gateway) before it joins the chain. */
export type AuditEntry = Readonly<{
  id: string;
  requestId: string;
  at: Date;
  actor: string | null;
  role: string;
  org: string | null;
  purpose: string | null;
  operationName: string | null;
  operationType: string | null;
  documentHash: string | null;
  variables: Record<string, unknown>;
  clientAddress: string | null;
  /** PENDING for a mutation's event, written before it runs; its `AuditCompletion` says how it ended. */
  outcome: AuditOutcome;
  errorCodes: string[];
  consentIds: string[];
  durationMs: number;
  accesses: readonly AuditAccessSet[];
}>;

/**
 * What a subgraph disclosed of one entity type at one set of tiers under one set of consents: the
 * subjects as parallel arrays, one position each (with how many rows of theirs). The one shape in which
 * disclosures reach the gateway, over HTTP (`extensions.disclosed`) or handed over in-process: one
 * object per subject was 170 kB of JSON for a 1,000-identifier screen.
 */
export type DisclosureGroup = Readonly<{
  entityType: string;
  tiers: Tier[];
  consentIds: string[];
  subjectIds: string[];
  subjectIdentifiers: string[];
  counts: number[];
  /** The items (credit records, list entries) shown, or — for a screening answer — the entries it rested on. */
  itemIds?: string[];
}>;

/**
 * The subjects whose data of one entity type, at one set of tiers, one subgraph disclosed, wrote or
 * decided on: parallel arrays, one position per subject (the compact access form, one row per set).
 */
export type AuditAccessSet = Readonly<{
  subgraph: string;
  entityType: string;
  tiers: readonly string[];
  subjectIds: readonly string[];
  subjectIdentifiers: ReadonlyArray<string | null>;
  counts: readonly number[];
  /**
   * The ids of the items the set disclosed (a screening answer: the entries it rested on), hashed from form 3 on.
   * Sets of events hashed in an earlier form hold none: those events named the subjects only.
   */
  itemIds?: readonly string[];
}>;

/** How a mutation whose event (outcome PENDING) was written before it ran ended, with what it touched. */
export type AuditCompletion = Readonly<{
  eventId: string;
  outcome: CompletedOutcome;
  errorCodes: string[];
  consentIds: string[];
  durationMs: number;
  accesses: readonly AuditAccessSet[];
}>;

/**
 * Versions of the canonical form a hash covers; each event stores the one it was hashed with.
 * 1: per-subject access rows, ordered by `Intl.Collator` (events written before the compact form).
 * 2: access sets, ordered by UTF-16 code units (no locale data involved), and the form itself named.
 * 3: as 2, each set with the ids of the items it disclosed (sorted): whom a correction must reach is read from them.
 */
export type CanonicalForm = 1 | 2 | 3;
export const CURRENT_CANONICAL_FORM: CanonicalForm = 3;

/**
 * The fields each form covers, named explicitly: a field added to `AuditEntry` or `AuditCompletion`
 * later changes no existing hash until a new form lists it.
 */
const EVENT_FIELDS: Record<CanonicalForm, readonly (keyof AuditEntry)[]> = {
  1: [
    "id",
    "requestId",
    "at",
    "actor",
    "role",
    "org",
    "purpose",
    "operationName",
    "operationType",
    "documentHash",
    "variables",
    "clientAddress",
    "outcome",
    "errorCodes",
    "consentIds",
    "durationMs",
  ],
  2: [
    "id",
    "requestId",
    "at",
    "actor",
    "role",
    "org",
    "purpose",
    "operationName",
    "operationType",
    "documentHash",
    "variables",
    "clientAddress",
    "outcome",
    "errorCodes",
    "consentIds",
    "durationMs",
  ],
  3: [
    "id",
    "requestId",
    "at",
    "actor",
    "role",
    "org",
    "purpose",
    "operationName",
    "operationType",
    "documentHash",
    "variables",
    "clientAddress",
    "outcome",
    "errorCodes",
    "consentIds",
    "durationMs",
  ],
};
const COMPLETION_FIELDS: Record<CanonicalForm, readonly (keyof AuditCompletion)[]> = {
  1: ["eventId", "outcome", "errorCodes", "consentIds", "durationMs"],
  2: ["eventId", "outcome", "errorCodes", "consentIds", "durationMs"],
  3: ["eventId", "outcome", "errorCodes", "consentIds", "durationMs"],
};

const pick = <T extends object>(value: T, keys: readonly (keyof T)[]): Record<string, unknown> =>
  Object.fromEntries(keys.map((key) => [key, value[key]]));

/** JSON with object keys sorted at every depth: the same event always serialises to the same text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}

/** `localeCompare`'s order (default locale and options), without building a collator per comparison. */
const collator = new Intl.Collator();

/**
 * The canonical form the hash covers: the event's listed fields and its access sets, in a fixed order.
 * Form 1 serialises one row per subject, each once, sorted with one collator (a 1,000-subject screen
 * sorted inside the comparator cost ~20,000 serialisations); form 2 one array per set.
 */
export function canonicalEntry(
  entry: AuditEntry,
  chainIndex: bigint,
  form: CanonicalForm = CURRENT_CANONICAL_FORM,
): string {
  const fields = {
    ...pick(entry, EVENT_FIELDS[form]),
    at: entry.at.toISOString(),
    errorCodes: [...entry.errorCodes].sort(),
    consentIds: [...entry.consentIds].sort(),
    chainIndex: chainIndex.toString(),
  };
  return withAccesses(entry.accesses, form === 1 ? fields : { ...fields, canonicalForm: form }, form);
}

/** The canonical form a completion's hash covers, in the same shape as its event's (and the same form). */
export function canonicalCompletion(
  completion: AuditCompletion,
  form: CanonicalForm = CURRENT_CANONICAL_FORM,
): string {
  const fields = {
    ...pick(completion, COMPLETION_FIELDS[form]),
    errorCodes: [...completion.errorCodes].sort(),
    consentIds: [...completion.consentIds].sort(),
  };
  return withAccesses(completion.accesses, form === 1 ? fields : { ...fields, canonicalForm: form }, form);
}

function withAccesses(
  accesses: readonly AuditAccessSet[],
  fields: Record<string, unknown>,
  form: CanonicalForm,
): string {
  const rows: string[] = [];
  if (form === 1) {
    for (const set of accesses) {
      const tiers = [...set.tiers].sort();
      set.subjectIds.forEach((subjectId, index) =>
        rows.push(
          canonicalJson([
            set.subgraph,
            subjectId,
            set.subjectIdentifiers[index],
            set.entityType,
            tiers,
            set.counts[index],
          ]),
        ),
      );
    }
    rows.sort(collator.compare);
  } else if (form === 2) {
    for (const set of accesses)
      rows.push(
        canonicalJson([
          set.subgraph,
          set.entityType,
          [...set.tiers].sort(),
          set.subjectIds,
          set.subjectIdentifiers,
          set.counts,
        ]),
      );
    rows.sort();
  } else {
    for (const set of accesses) {
      rows.push(
        canonicalJson([
          set.subgraph,
          set.entityType,
          [...set.tiers].sort(),
          set.subjectIds,
          set.subjectIdentifiers,
          set.counts,
          [...(set.itemIds ?? [])].sort(),
        ]),
      );
    }
    rows.sort();
  }
  const rest = canonicalJson(fields);
  // "accesses" sorts before every other key of the event, so it opens the object.
  return `{"accesses":[${rows.join(",")}]${rest === "{}" ? "}" : `,${rest.slice(1)}`}`;
}

/** hash_i = SHA-256(hash_{i-1} ‖ canonical(event_i)). */
export function chainHash(previousHash: string, canonical: string): string {
  return createHash("sha256").update(previousHash).update("\n").update(canonical).digest("hex");
}

/**
 * Removes values a caller may have sent that must not be kept (passwords, tokens, secrets); identifiers
 * stay. NUL characters, which PostgreSQL cannot store, are written as the text "\u0000" so that a hostile
 * variable cannot make the audit (and with it the answer) fail. Refused requests are audited with their
 * variables too, however deep: the copy is made without recursion and keeps `MAX_JSON_DEPTH` (64) levels;
 * anything deeper is recorded as `[deeper than 64 levels]`, so the canonical form and jsonb can hold it.
 */
export function redactVariables(variables: unknown): Record<string, unknown> {
  if (!variables || typeof variables !== "object" || Array.isArray(variables)) return {};
  const SECRET = /pass(word)?|secret|token|authorization|credential|private.?key/i;
  const redacted: Record<string, unknown> = {};
  const pending: Array<{ from: object; into: Record<string, unknown> | unknown[]; depth: number }> = [
    { from: variables, into: redacted, depth: 1 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { from, into, depth } = next;
    for (const [key, value] of Object.entries(from)) {
      let copy: unknown = value;
      if (!Array.isArray(from) && SECRET.test(key)) copy = "[redacted]";
      else if (typeof value === "string") copy = storableText(value);
      else if (value && typeof value === "object") {
        if (depth >= MAX_JSON_DEPTH && Object.keys(value).length > 0) {
          copy = `[deeper than ${MAX_JSON_DEPTH} levels]`;
        } else {
          const container: Record<string, unknown> | unknown[] = Array.isArray(value) ? [] : {};
          pending.push({ from: value, into: container, depth: depth + 1 });
          copy = container;
        }
      }
      if (Array.isArray(into)) into.push(copy);
      // Defined, not assigned: a "__proto__" key the caller sent stays a key instead of replacing the prototype.
      else
        Object.defineProperty(into, storableText(key), {
          value: copy,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return redacted;
}
