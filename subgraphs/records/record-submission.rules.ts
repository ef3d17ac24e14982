import type { RecordCategory, Severity, Tier } from "../../domain/vocabulary";
import type { InputProblem } from "../../domain/input-problem";
import { checkCivilCapacity } from "../../domain/civil-capacity";
import { isCalendarDate } from "../../domain/dates";
import { findProhibitedDataAbout, toInputProblem } from "../../domain/prohibited-data";
import {
  catalogueTierOf,
  GENERAL_PROCEDURE_KIND,
  tiersAllowedBy,
  type RecordKind,
} from "../../domain/record-kinds";
import { checkSubjectRef, type RegisteredSubject, type SubjectRef } from "../../domain/subject-ref";

export const MAX_RECORDS_PER_SUBMISSION = 5_000;

/** How an administrative penalty was decided: 一般程序 or 简易程序 (行政处罚法 arts. 51-63). */
export type PenaltyProcedure = "GENERAL" | "SIMPLIFIED";
const MAX_ATTRIBUTES_BYTES = 16_384;

/** One item as a provider submits it (`RecordInput`, docs/api.md). */
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
  procedure?: PenaltyProcedure | null;
  subjectLivesOnOwnLabourIncome?: boolean | null;
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
  procedure: PenaltyProcedure | null;
  subjectLivesOnOwnLabourIncome: boolean;
}>;

const CATEGORIES = new Set(["BASIC", "POSITIVE", "NEGATIVE", "OTHER"]);
const SEVERITIES = new Set(["GENERAL", "SERIOUS", "SEVERE"]);
const TIERS = new Set(["PUBLIC", "GOVERNMENT", "AUTHORIZED"]);
const PROCEDURES = new Set(["GENERAL", "SIMPLIFIED"]);

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
    problems.push({
      field: "records",
      reason: `at most ${MAX_RECORDS_PER_SUBMISSION} items per submission; split the batch`,
      code: "BAD_USER_INPUT",
    });
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
    if (!kind)
      bad(
        "kind",
        `"${String(item.kind).slice(0, 40)}" is not in the record catalog; use a code from recordKinds`,
      );
    else if (kind.category !== item.category)
      bad("category", `kind ${kind.code} is ${kind.category} information (${kind.article})`);
    const severity = item.severity ?? null;
    if (severity !== null && !SEVERITIES.has(severity)) bad("severity", "one of GENERAL, SERIOUS, SEVERE");
    if (severity !== null && item.category !== "NEGATIVE")
      bad("severity", "only negative information carries a severity (PCIM art. 15)");
    if (!TIERS.has(item.tier)) {
      bad("tier", "one of PUBLIC, GOVERNMENT, AUTHORIZED");
    } else if (kind) {
      const catalogueTier = catalogueTierOf(kind, item.subject?.kind);
      const allowed = tiersAllowedBy(catalogueTier);
      if (!allowed.includes(item.tier)) {
        const about =
          catalogueTier === kind.defaultTier
            ? ""
            : " about a natural person (basic information, PCIM arts. 10(1), 21)";
        bad(
          "tier",
          `the catalogue tier of ${kind.code}${about} is ${catalogueTier} (PCIM arts. 8, 18); a provider may make an item stricter, never wider: use ${allowed.join(" or ")}`,
        );
      }
    }
    const procedure = item.procedure ?? null;
    if (procedure !== null && !PROCEDURES.has(procedure)) {
      bad("procedure", "one of GENERAL, SIMPLIFIED");
    } else if (item.kind === GENERAL_PROCEDURE_KIND) {
      if (procedure === null)
        bad(
          "procedure",
          "an administrative penalty states its procedure: only one decided under the general procedure (GENERAL, 一般程序) is collected (PCIM art. 12(9))",
        );
      else if (procedure !== "GENERAL")
        bad(
          "procedure",
          "a penalty decided under the simplified procedure (简易程序) is not collected: PCIM art. 12(9) takes only those decided under the general procedure (一般程序)",
        );
    } else if (procedure !== null && kind) {
      bad("procedure", `only an administrative penalty (kind ${GENERAL_PROCEDURE_KIND}) states a procedure`);
    }
    const title = typeof item.title === "string" ? item.title.trim() : "";
    if (title.length === 0 || title.length > 200) bad("title", "1 to 200 characters");
    const documentNumber = typeof item.documentNumber === "string" ? item.documentNumber.trim() : "";
    if (documentNumber.length === 0 || documentNumber.length > 100)
      bad("documentNumber", "1 to 100 characters");
    const earlier = seenDocuments.get(documentNumber);
    if (documentNumber && earlier !== undefined)
      bad("documentNumber", `repeats ${fieldOf(earlier)}; one item per document number`);
    seenDocuments.set(documentNumber, index);
    if (!isCalendarDate(item.decidedOn)) {
      bad("decidedOn", "a date YYYY-MM-DD that exists in the calendar (not e.g. 2026-02-30)");
    } else if (item.decidedOn > today) {
      bad("decidedOn", "lies in the future");
    } else if (subject) {
      problems.push(
        ...checkCivilCapacity(
          subject,
          item.decidedOn,
          item.subjectLivesOnOwnLabourIncome,
          field,
          "decidedOn",
        ),
      );
    }
    const attributes = item.attributes ?? {};
    if (typeof attributes !== "object" || attributes === null || Array.isArray(attributes)) {
      bad("attributes", "a JSON object");
    } else {
      if (JSON.stringify(attributes).length > MAX_ATTRIBUTES_BYTES)
        bad("attributes", `at most ${MAX_ATTRIBUTES_BYTES} bytes`);
    }
    const about = subject?.kind ?? "NATURAL_PERSON";
    problems.push(
      ...findProhibitedDataAbout(
        about,
        { title: item.title, documentNumber: item.documentNumber, attributes: item.attributes },
        field,
      ).map(toInputProblem),
    );
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
        procedure,
        subjectLivesOnOwnLabourIncome: item.subjectLivesOnOwnLabourIncome === true,
      });
    }
  });
  return { problems, checked };
}
