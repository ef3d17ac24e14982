import { createHash, randomInt } from "node:crypto";
import type { ListType, RecordCategory, Severity, SubjectKind, Tier } from "../../domain/vocabulary";
import { canonicalJson } from "../../platform/report-signature";
import type { Purpose } from "../../platform/viewer";

// The credit report's pure rules: its content format, its verification codes and its validity.

export const REPORT_FORMAT = "credit-report/1";

/** How long a code opens the report when the subject names no period, and the longest it may. */
export const REPORT_VALIDITY_DAYS = Object.freeze({ default: 30, min: 1, max: 90 });

/** The weight of a report without items: laying out any file embeds a font subset and draws a QR code. */
export const REPORT_BASE_WEIGHT = 10;

/**
 * What a report costs its caller's hourly budget (`CREDIT_REPORT_WEIGHT_PER_HOUR`): one unit an item it shows
 * (records, list entries, objections and repairs) plus the base — its layout time grows with its items.
 */
export function reportWeightOf(items: Pick<ReportContent, "records" | "listEntries" | "workflows">): number {
  return REPORT_BASE_WEIGHT + items.records.length + items.listEntries.length + items.workflows.length;
}

/**
 * Verification codes: 12 characters of Crockford's base32 (no I, L, O, U: nothing to misread on paper), 60 bits
 * from the system's CSPRNG, printed in three groups. At the per-caller budget of distinct codes an hour, finding
 * one live code among even millions takes longer than any report lives.
 */
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const CODE_LENGTH = 12;

export function generateVerificationCode(): string {
  let code = "";
  for (let index = 0; index < CODE_LENGTH; index++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8)}`;
}

/** The code as typed by a reader — any case, with or without dashes or spaces, O for 0, I and L for 1 — or null if it cannot be one. */
export function normalizeVerificationCode(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s-]/g, "").replace(/O/g, "0").replace(/[IL]/g, "1");
  if (compact.length !== CODE_LENGTH || [...compact].some((char) => !CODE_ALPHABET.includes(char)))
    return null;
  return `${compact.slice(0, 4)}-${compact.slice(4, 8)}-${compact.slice(8)}`;
}

/** Only the code's hash is stored: the table alone opens no report. */
export function hashVerificationCode(normalized: string): string {
  return createHash("sha256").update(`credit-report-code:${normalized}`).digest("hex");
}

export type ReportRecord = Readonly<{
  id: string;
  category: RecordCategory;
  kind: string;
  severity: Severity | null;
  tier: Tier;
  title: string;
  provider: string;
  decidedOn: string;
  expiresOn: string | null;
}>;
export type ReportListEntry = Readonly<{
  id: string;
  list: ListType;
  grounds: string;
  facts: string;
  basis: string;
  documentNumber: string;
  recognizedBy: string;
  recognizedOn: string;
  validUntil: string | null;
}>;
export type ReportWorkflow = Readonly<{
  id: string;
  kind: "OBJECTION" | "REPAIR";
  targetId: string;
  state: string;
  stateChangedOn: string;
}>;

/** What the report says, as signed: every item is something the chosen tiers let a third party see today. */
export type ReportContent = Readonly<{
  format: typeof REPORT_FORMAT;
  reportId: string;
  issuedAt: string;
  validUntil: string;
  purpose: Purpose;
  tiers: Tier[];
  keyId: string;
  subject: Readonly<{ kind: SubjectKind; name: string; identifier: string }>;
  records: ReportRecord[];
  listEntries: ReportListEntry[];
  workflows: ReportWorkflow[];
}>;

/** The tiers a report shows: the public tier always, plus those the subject chose to share; in a fixed order. */
export function reportTiers(chosen: readonly Tier[] | null | undefined): Tier[] {
  const wanted = new Set<Tier>(["PUBLIC", ...(chosen ?? [])]);
  return (["PUBLIC", "GOVERNMENT", "AUTHORIZED"] as const).filter((tier) => wanted.has(tier));
}

/** Each item as the report showed it, by id: what a later verification compares against. */
function itemsOf(content: Pick<ReportContent, "records" | "listEntries" | "workflows">): Map<string, string> {
  return new Map(
    [...content.records, ...content.listEntries, ...content.workflows].map((item) => [
      item.id,
      canonicalJson(item),
    ]),
  );
}

export type ReportChanges = Readonly<{ changedSinceIssue: boolean; changedItemIds: string[] }>;

/**
 * Whether the file changed since the report was issued, by the same tiers and rules: the items the report showed
 * that are no longer as shown (corrected, expired, repaired, removed) by id; anything new only as the flag, so
 * the verifier learns nothing the report itself did not show.
 */
export function compareReportItems(
  issued: Pick<ReportContent, "records" | "listEntries" | "workflows">,
  now: Pick<ReportContent, "records" | "listEntries" | "workflows">,
): ReportChanges {
  const before = itemsOf(issued);
  const after = itemsOf(now);
  const changedItemIds = [...before].filter(([id, shown]) => after.get(id) !== shown).map(([id]) => id);
  const added = [...after.keys()].some((id) => !before.has(id));
  return { changedSinceIssue: changedItemIds.length > 0 || added, changedItemIds };
}
