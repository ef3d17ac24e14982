import { createHash } from "node:crypto";

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
  outcome: "OK" | "DENIED" | "ERROR";
  errorCodes: string[];
  consentIds: string[];
  durationMs: number;
  accesses: ReadonlyArray<Readonly<{ subgraph: string; subjectId: string; subjectIdentifier: string | null; entityType: string; tiers: string[]; count: number }>>;
}>;

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

/** The canonical form the hash covers: the event and its access rows, in a fixed order. */
export function canonicalEntry(entry: AuditEntry, chainIndex: bigint): string {
  const accesses = [...entry.accesses]
    .map((access) => [access.subgraph, access.subjectId, access.subjectIdentifier, access.entityType, [...access.tiers].sort(), access.count])
    .sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
  return canonicalJson({ ...entry, at: entry.at.toISOString(), errorCodes: [...entry.errorCodes].sort(), consentIds: [...entry.consentIds].sort(), accesses, chainIndex: chainIndex.toString() });
}

/** hash_i = SHA-256(hash_{i-1} ‖ canonical(event_i)). */
export function chainHash(previousHash: string, canonical: string): string {
  return createHash("sha256").update(previousHash).update("\n").update(canonical).digest("hex");
}

/**
 * Removes values a caller may have sent that must not be kept (passwords, tokens, secrets); identifiers
 * stay. NUL characters, which PostgreSQL cannot store, are written as the text "\u0000" so that a hostile
 * variable cannot make the audit (and with it the answer) fail.
 */
export function redactVariables(variables: unknown): Record<string, unknown> {
  const SECRET = /pass(word)?|secret|token|authorization|credential|private.?key/i;
  const storable = (text: string) => text.replaceAll("\u0000", "\\u0000");
  const redact = (value: unknown): unknown => {
    if (typeof value === "string") return storable(value);
    if (Array.isArray(value)) return value.map(redact);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([key, child]) => [storable(key), SECRET.test(key) ? "[redacted]" : redact(child)]));
    }
    return value;
  };
  return variables && typeof variables === "object" && !Array.isArray(variables) ? (redact(variables) as Record<string, unknown>) : {};
}
