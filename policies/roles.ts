import type { AbilityBuilder } from "@casl/ability";
import { PROHIBITED_FIELD_NAMES } from "../domain/prohibited-data";
import type { Purpose, Role, Viewer } from "../platform/viewer";
import type { AppAbility } from "./ability";
import {
  ORGANISATION_PUBLIC_FIELDS,
  PERSON_AUTHORIZED_FIELDS,
  PERSON_GOVERNMENT_FIELDS,
  SUBJECT_PUBLIC_FIELDS,
} from "./subject-fields";
import { RELATED_ENTRY_FIELDS } from "./related-entry-fields";
import { REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL, REPAIR_CASE_REGISTER_FIELDS } from "./repair-case-fields";

type Builder = Pick<AbilityBuilder<AppAbility>, "can" | "cannot">;
type Define = (viewer: Viewer, builder: Builder) => void;

/** Purposes that are a government duty (PCIM art. 22): licensing, fiscal funds, public-resource trading, supervision, awards. */
export const GOVERNMENT_DUTIES: ReadonlySet<Purpose> = new Set([
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "SUPERVISION",
  "AWARDS",
  "PUBLIC_EMPLOYMENT",
]);

/**
 * An item and the same item entered on a responsible person's file (PCIM art. 26) are read under one rule:
 * the item's tier, subject and consents, which for a related entry are the organisation's.
 */
const ITEMS: Array<"CreditRecord" | "RelatedEntry"> = ["CreditRecord", "RelatedEntry"];

/** The public tier of current information: what anyone reads without an account. */
function readPublicTier({ can }: Builder): void {
  // An organisation's registration is public; a person is public only through public information in force,
  // so that the public tier never answers "is this person on file?" (no existence oracle).
  can("read", "Subject", SUBJECT_PUBLIC_FIELDS, { kind: { $ne: "NATURAL_PERSON" } });
  can("read", "Subject", SUBJECT_PUBLIC_FIELDS, { publicInformation: true });
  can("read", "Subject", ORGANISATION_PUBLIC_FIELDS, { kind: { $ne: "NATURAL_PERSON" } });
  // A natural person's free text reaches the public tier only once the credit centre has reviewed it (PCIM art. 14).
  can("read", ITEMS, { tier: "PUBLIC", current: true, publicationCleared: true });
  can("read", "ListEntry", { current: true, publicationCleared: true });
  can("read", "Measure");
}

/** The authorized tier, only under a valid written consent for the declared purpose (PCIM art. 21). */
function readAuthorizedTierWithConsent({ can }: Builder): void {
  can("read", "Subject", PERSON_AUTHORIZED_FIELDS, { consented: true });
  can("read", ITEMS, { tier: "AUTHORIZED", current: true, consented: true });
}

/**
 * Accountable callers — signed in for an organisation, every read audited under its name — may learn
 * that a person is on file (and then meet PURPOSE_REQUIRED or CONSENT_REQUIRED); the public may not.
 */
function readPersonsOnFile({ can }: Builder): void {
  can("read", "Subject", SUBJECT_PUBLIC_FIELDS);
}

/**
 * 「公示期间有异议的，信息提供单位应核实并提出意见」 (PCIM art. 32, JRP art. 19): anyone signed in may object to a
 * repair in publicity, whatever their role; the provider verifies. The public without an account sees the
 * publicity on the item (`repairPublicityUntil`) and signs in to object: an objection needs someone the
 * provider can answer and the audit can name.
 */
function objectDuringRepairPublicity({ can }: Builder): void {
  can("move", "RepairCase", ["OBJECTED"], { state: "IN_PUBLICITY" });
}

/**
 * An accountable caller given a report's code may verify it: the subject consented by sharing the
 * code, and the verification is audited under the caller's organisation and its declared purpose.
 */
function verifyCreditReports({ can }: Builder): void {
  can("verify", "CreditReport");
}

function readNoticesOf(viewer: Viewer, { can }: Builder): void {
  if (viewer.org) can("read", "Notice", { recipientOrg: viewer.org });
}

/**
 * The access matrix of docs/api.md, one entry per role. Tier, ownership, provider, expiry and consent are
 * conditions on the entity, so the same rule filters in memory and in SQL (accessible-by.ts).
 *
 * Workflow steps are rules too: `move` on an Objection or RepairCase, the field naming the state moved to
 * and the condition `state` the state moved from (the graph of states: subgraphs/repair/workflow-transitions.ts).
 */
export const ROLE_DEFINITIONS: Record<Role, Define> = {
  PUBLIC(_viewer, builder) {
    readPublicTier(builder);
  },
  SUBJECT(viewer, builder) {
    readPublicTier(builder);
    objectDuringRepairPublicity(builder);
    if (!viewer.subject) return;
    const own = { subjectIdentifier: viewer.subject };
    builder.can(
      "read",
      ["Subject", ...ITEMS, "ListEntry", "Objection", "MeasureApplication", "Consent", "RepairHistory"],
      own,
    );
    // An organisation's item on the person's own file: the entry, not the item's details (related-entry-fields.ts).
    builder.can("read", "RelatedEntry", RELATED_ENTRY_FIELDS, { relatedSubjectIdentifier: viewer.subject });
    builder.can("read", "RepairCase", REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL, own);
    builder.can("read", "AuditEvent", { subjectIdentifiers: viewer.subject });
    // Who was shown its data (PCIM art. 33): the subject's own log, no other role's view of the events.
    builder.can("read", "AccessLog", own);
    // Prohibited data stored all the same — before the detector knew a term, or by a path around it — reaches
    // the subject alone, who may object to it (PCIM arts. 14 and 28(2)); every other role is shown it withheld.
    builder.can("read", "ProhibitedData", own);
    // Its own items' publication review: awaiting it, returned and why, the original behind a redaction.
    builder.can("read", "PublicationReview", own);
    builder.can("grant", "Consent");
    builder.can("revoke", "Consent", own);
    builder.can("apply", "RepairCase", own);
    // 「信用主体认为…存在错误、遗漏的，可以提出异议」 (PCIM art. 29, JRP art. 16): on its own items only.
    builder.can("file", "Objection", own);
    // 「对异议处理结果不服…可向本级信用主管部门提出申诉」 (PCIM art. 30, JRP art. 17).
    builder.can("move", "Objection", ["APPEALED"], { ...own, state: "UPHELD" });
    // A credit report is the subject's own file shown as a third party may see it: issued, listed
    // and revoked by the subject only.
    builder.can("issue", "CreditReport");
    builder.can(["read", "revoke"], "CreditReport", own);
  },
  GOVERNMENT(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    readNoticesOf(viewer, builder);
    objectDuringRepairPublicity(builder);
    if (!viewer.purpose) return;
    builder.can("screen", "Subject");
    // Focused monitoring is for government bodies supervising, never for lenders, employers or licensing (CZ annex 2 §4.2).
    if (viewer.purpose === "SUPERVISION") builder.can("read", "FocusedMonitoring");
    verifyCreditReports(builder);
    readAuthorizedTierWithConsent(builder);
    if (!GOVERNMENT_DUTIES.has(viewer.purpose)) return;
    builder.can("read", "Subject", PERSON_GOVERNMENT_FIELDS);
    builder.can("read", ITEMS, { tier: "GOVERNMENT", current: true });
    // The review guards publication to the public, not a government duty: a duty reads public-tier items awaiting it.
    builder.can("read", ITEMS, { tier: "PUBLIC", current: true });
    builder.can("read", "ListEntry", { current: true });
  },
  ORGANIZATION(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    readNoticesOf(viewer, builder);
    objectDuringRepairPublicity(builder);
    if (viewer.org) builder.can("read", "MeasureApplication", { reportedBy: viewer.org });
    if (!viewer.purpose) return;
    builder.can("screen", "Subject");
    verifyCreditReports(builder);
    readAuthorizedTierWithConsent(builder);
  },
  PROVIDER(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    objectDuringRepairPublicity(builder);
    if (!viewer.org) return;
    builder.can("read", ITEMS, { provider: viewer.org });
    builder.can("read", "ListEntry", { recognizedBy: viewer.org });
    // Its items' publication review: which await the centre, which it returned and why (the provider answers for them).
    builder.can("read", "PublicationReview", { provider: viewer.org });
    // The feedback on its own listings (触发反馈, JRP arts. 13-14): which measures were applied on them, by whom, how it ended.
    builder.can("read", "MeasureApplication", { entryRecognizedBy: viewer.org });
    // Its own figures, to report its quarter to the credit office (JRP art. 21); other units' are the office's to compare.
    builder.can("read", "UnitReport", { unit: viewer.org });
    builder.can(["read", "review"], "Objection", { provider: viewer.org });
    builder.can("read", "RepairCase", REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL, { provider: viewer.org });
    builder.can("review", "RepairCase", { provider: viewer.org });
    builder.can("list", "RepairCase", { provider: viewer.org });
    // Verification of an objection the centre forwards, within 5 working days (PCIM art. 29, JRP art. 16).
    builder.can("move", "Objection", ["CORRECTED", "UPHELD"], {
      provider: viewer.org,
      state: "PROVIDER_VERIFYING",
    });
    // Its written repair opinion (PCIM art. 32, JRP art. 19); and it verifies an objection raised during publicity.
    builder.can("move", "RepairCase", ["OPINION_SUPPORTED", "REJECTED"], {
      provider: viewer.org,
      state: "APPLIED",
    });
    builder.can("move", "RepairCase", ["IN_PUBLICITY", "REJECTED"], {
      provider: viewer.org,
      state: "OBJECTED",
    });
    builder.can("submit", "CreditRecord");
    builder.can("recognize", "ListEntry");
    // 「谁认定、谁负责」: only the unit that recognised an entry takes it off the list.
    builder.can("remove", "ListEntry", { recognizedBy: viewer.org });
    // Registration facts and relations belong to a registering authority for the kind of subject: the first
    // such unit to register a subject owns it (PCIM art. 26: only the registering authority changes the facts); no other unit changes whom a listing reaches.
    builder.can("register", "Subject", { registrars: viewer.org, registeredBy: { $in: [null, viewer.org] } });
    // The first registering unit to register a subject becomes its owner; the credit centre registers without owning.
    builder.can("claim", "Subject", { registrars: viewer.org, registeredBy: null });
  },
  CREDIT_CENTER(_viewer, builder) {
    readPublicTier(builder);
    builder.can("read", [
      "Subject",
      ...ITEMS,
      "ListEntry",
      "Objection",
      "MeasureApplication",
      "RepairCase",
      "RepairHistory",
      "Consent",
      "Notice",
      "UnitReport",
    ]);
    // Who read or screened a wrongly published item, and which screening answers rested on it (JRP art. 16): the
    // centre makes the correction known, so it alone sees the reach — not the provider, the subject or an auditor.
    builder.can("read", "CorrectionReach");
    // Whether next year's holiday notice is loaded: the centre sets the deadlines and loads the notice (objection deadlines count working days: PCIM arts. 28-30).
    builder.can("read", "CalendarStatus");
    // No free text about a natural person reaches the public tier before the centre has reviewed it (PCIM art. 14).
    builder.can(["read", "decide"], "PublicationReview");
    builder.can("review", ["Objection", "RepairCase", "MeasureApplication"]);
    // The repair register (PCIM art. 32): the centre, the providers (their items) and the auditors list it.
    builder.can("list", "RepairCase");
    builder.can("register", "Subject");
    // The centre reviews, and settles an objection itself or forwards it to the provider (PCIM art. 29, JRP art. 16).
    builder.can("move", "Objection", ["UNDER_REVIEW"], { state: "SUBMITTED" });
    builder.can("move", "Objection", ["PROVIDER_VERIFYING", "CORRECTED", "UPHELD"], {
      state: "UNDER_REVIEW",
    });
    builder.can("move", "RepairCase", ["REJECTED"], { state: "APPLIED" });
    builder.can("move", "RepairCase", ["IN_PUBLICITY", "REJECTED"], { state: "OPINION_SUPPORTED" });
    // 「公示期间无异议的…公共信用信息中心应及时采用修复后的信用信息」 (PCIM art. 32).
    builder.can("move", "RepairCase", ["COMPLETED"], { state: "IN_PUBLICITY" });
    objectDuringRepairPublicity(builder);
  },
  AUDITOR(_viewer, builder) {
    builder.can("read", "AuditEvent");
    // The repair register as audit data (docs/api.md: auditors read no subject data): which case, what state, when.
    // Never the archived original (PCIM art. 32: archives are the credit centre's).
    builder.can("read", "RepairCase", REPAIR_CASE_REGISTER_FIELDS);
    builder.can("list", "RepairCase");
    objectDuringRepairPublicity(builder);
  },
  /**
   * 本级信用主管部门 (PCIM art. 30, JRP art. 17): decides appeals. It reads an appealed case as the credit centre
   * does (the objection, its statement and every step with its notes) and what any accountable caller reads;
   * it grants the appeal (the item is corrected, as after an objection) or dismisses it (the information
   * stands; administrative reconsideration or litigation remain).
   */
  CREDIT_AUTHORITY(_viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    objectDuringRepairPublicity(builder);
    builder.can("read", "Objection", { appealed: true });
    builder.can("move", "Objection", ["CORRECTED", "APPEAL_DISMISSED"], { state: "APPEALED" });
  },
};

/** Bound for every role, the credit centre included: prohibited data is readable by nobody. */
export function denyProhibitedData({ cannot }: Builder): void {
  cannot("read", "all", PROHIBITED_FIELD_NAMES);
}
