import type { RecordCategory, Severity, Tier } from "../db/database";
import type { InputProblem } from "../platform/input-problems";
import { isCalendarDate } from "./dates";
import { findProhibitedData, toInputProblem } from "./prohibited-data";
import type { RecordKind } from "./record-kinds";
import { checkSubjectRef, type RegisteredSubject, type SubjectRef } from "./subject-ref";

export const MAX_RECORDS_PER_SUBMISSION = 5_000;
const MAX_ATTRIBUTES_BYTES = 16_384;

/** One item as a provider submits it (CONTRACT.md `RecordInput`). */
export type RecordSubmission = Readonly<{
  subject: SubjectRef;
  category: RecordCategory;
  kind: string;
  severity?: Severity | null;
  tier: Tier;
  title: string;
  attributes?: unknown;
  documentNumber: string;
  decidedOn: string;
}>;

export type CheckedRecord = Readonly<{
  subject: RegisteredSubject;
  category: RecordCategory;
  kind: string;
  severity: Severity | null;
  tier: Tier;
  title: string;
  attributes: Record<string, unknown>;
  documentNumber: string;
  decidedOn: string;
}>;

const CATEGORIES = new Set(["BASIC", "POSITIVE", "NEGATIVE", "OTHER"]);
const SEVERITIES = new Set(["GENERAL", "SERIOUS", "SEVERE"]);
const TIERS = new Set(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]);

/**
 * Checks every item of a submission against the catalog and the rules; collects every problem (the
 * caller refuses the whole submission if there is any) and returns the normalized items. `fieldOf(i)`
 * names item i in messages: `records[3]` for the API, `line 4` for a file.
 */
export function checkRecordSubmissions(
  items: readonly RecordSubmission[],
  catalog: ReadonlyMap<string, RecordKind>,
  today: string,
  fieldOf: (index: number) => string,
): { problems: InputProblem[]; checked: CheckedRecord[] } {
  const problems: InputProblem[] = [];
  const checked: CheckedRecord[] = [];
  const seenDocuments = new Map<string, number>();
  if (items.length > MAX_RECORDS_PER_SUBMISSION) {
    problems.push({ field: "records", reason: `at most ${MAX_RECORDS_PER_SUBMISSION} items per submission; split the batch`, code: "BAD_USER_INPUT" });
    return { problems, checked };
  }
  items.forEach((item, index) => {
    const field = fieldOf(index);
    const before = problems.length;
    const bad = (name: string, reason: string, code: InputProblem["code"] = "BAD_USER_INPUT") =>
      problems.push({ field: `${field}.${name}`, reason, code });

    const subject = checkSubjectRef(item.subject ?? ({} as SubjectRef), `${field}.subject`, problems, today);
    if (!CATEGORIES.has(item.category)) bad("category", "one of BASIC, POSITIVE, NEGATIVE, OTHER");
    const kind = catalog.get(item.kind);
    if (!kind) bad("kind", `"${String(item.kind).slice(0, 40)}" is not in the record catalog; use a code from recordKinds`);
    else if (kind.category !== item.category) bad("category", `kind ${kind.code} is ${kind.category} information (${kind.article})`);
    const severity = item.severity ?? null;
    if (severity !== null && !SEVERITIES.has(severity)) bad("severity", "one of GENERAL, SERIOUS, SEVERE");
    if (severity !== null && item.category !== "NEGATIVE") bad("severity", "only negative information carries a severity (PCIM art. 15)");
    if (!TIERS.has(item.tier)) bad("tier", "one of PUBLIC, GOVERNMENT, AUTHORIZED");
    const title = typeof item.title === "string" ? item.title.trim() : "";
    if (title.length === 0 || title.length > 200) bad("title", "1 to 200 characters");
    const documentNumber = typeof item.documentNumber === "string" ? item.documentNumber.trim() : "";
    if (documentNumber.length === 0 || documentNumber.length > 100) bad("documentNumber", "1 to 100 characters");
    const earlier = seenDocuments.get(documentNumber);
    if (documentNumber && earlier !== undefined) bad("documentNumber", `repeats ${fieldOf(earlier)}; one item per document number`);
    seenDocuments.set(documentNumber, index);
    if (!isCalendarDate(item.decidedOn)) {
      bad("decidedOn", "a date YYYY-MM-DD that exists in the calendar (not e.g. 2026-02-30)");
    } else if (item.decidedOn > today) {
      bad("decidedOn", "lies in the future");
    }
    const attributes = item.attributes ?? {};
    if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) {
      bad("attributes", "a JSON object");
    } else {
      if (JSON.stringify(attributes).length > MAX_ATTRIBUTES_BYTES) bad("attributes", `at most ${MAX_ATTRIBUTES_BYTES} bytes`);
    }
    problems.push(...findProhibitedData({ title: item.title, documentNumber: item.documentNumber, attributes: item.attributes }, field).map(toInputProblem));
    if (problems.length === before && subject) {
      checked.push({
        subject,
        category: item.category,
        kind: item.kind,
        severity,
        tier: item.tier,
        title,
        attributes: attributes as Record<string, unknown>,
        documentNumber,
        decidedOn: item.decidedOn,
      });
    }
  });
  return { problems, checked };
}
