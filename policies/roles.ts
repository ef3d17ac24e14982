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
  can("read", ITEMS, { tier: "PUBLIC", current: true });
  can("read", "ListEntry", { current: true });
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
 * An accountable caller given a report's code may verify it (issue 23): the subject consented by sharing the
 * code, and the verification is audited under the caller's organisation and its declared purpose.
 */
function verifyCreditReports({ can }: Builder): void {
  can("verify", "CreditReport");
}

function readNoticesOf(viewer: Viewer, { can }: Builder): void {
  if (viewer.org) can("read", "Notice", { recipientOrg: viewer.org });
}

/**
 * The access matrix of CONTRACT.md, one entry per role. Tier, ownership, provider, expiry and consent are
 * conditions on the entity, so the same rule filters in memory and in SQL (accessible-by.ts).
 */
export const ROLE_DEFINITIONS: Record<Role, Define> = {
  PUBLIC(_viewer, builder) {
    readPublicTier(builder);
  },
  SUBJECT(viewer, builder) {
    readPublicTier(builder);
    if (!viewer.subject) return;
    const own = { subjectIdentifier: viewer.subject };
    builder.can("read", ["Subject", ...ITEMS, "ListEntry", "Objection", "MeasureApplication", "Consent", "RepairHistory"], own);
    // An organisation's item on the person's own file: the entry, not the item's details (related-entry-fields.ts).
    builder.can("read", "RelatedEntry", RELATED_ENTRY_FIELDS, { relatedSubjectIdentifier: viewer.subject });
    builder.can("read", "RepairCase", REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL, own);
    builder.can("read", "AuditEvent", { subjectIdentifiers: viewer.subject });
    builder.can("grant", "Consent");
    builder.can("revoke", "Consent", own);
    builder.can("apply", "RepairCase", own);
    // A credit report is the subject's own file shown as a third party may see it (issue 23): issued, listed
    // and revoked by the subject only.
    builder.can("issue", "CreditReport");
    builder.can(["read", "revoke"], "CreditReport", own);
  },
  GOVERNMENT(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    readNoticesOf(viewer, builder);
    if (!viewer.purpose) return;
    builder.can("screen", "Subject");
    verifyCreditReports(builder);
    readAuthorizedTierWithConsent(builder);
    if (!GOVERNMENT_DUTIES.has(viewer.purpose)) return;
    builder.can("read", "Subject", PERSON_GOVERNMENT_FIELDS);
    builder.can("read", ITEMS, { tier: "GOVERNMENT", current: true });
  },
  ORGANIZATION(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    readNoticesOf(viewer, builder);
    if (viewer.org) builder.can("read", "MeasureApplication", { reportedBy: viewer.org });
    if (!viewer.purpose) return;
    builder.can("screen", "Subject");
    verifyCreditReports(builder);
    readAuthorizedTierWithConsent(builder);
  },
  PROVIDER(viewer, builder) {
    readPublicTier(builder);
    readPersonsOnFile(builder);
    if (!viewer.org) return;
    builder.can("read", ITEMS, { provider: viewer.org });
    builder.can("read", "ListEntry", { recognizedBy: viewer.org });
    // The feedback on its own listings (触发反馈, DOMAIN.md §7): which measures were applied on them, by whom, how it ended.
    builder.can("read", "MeasureApplication", { entryRecognizedBy: viewer.org });
    // Its own figures, to report its quarter to the credit office (JRP art. 21); other units' are the office's to compare.
    builder.can("read", "UnitReport", { unit: viewer.org });
    builder.can(["read", "review"], "Objection", { provider: viewer.org });
    builder.can("read", "RepairCase", REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL, { provider: viewer.org });
    builder.can("review", "RepairCase", { provider: viewer.org });
    builder.can("submit", "CreditRecord");
    builder.can("recognize", "ListEntry");
    // Registration facts and relations belong to a registering authority for the kind of subject: the first
    // such unit to register a subject owns it (DOMAIN.md §7); no other unit changes whom a listing reaches.
    builder.can("register", "Subject", { registrars: viewer.org, registeredBy: { $in: [null, viewer.org] } });
  },
  CREDIT_CENTER(_viewer, builder) {
    readPublicTier(builder);
    builder.can("read", ["Subject", ...ITEMS, "ListEntry", "Objection", "MeasureApplication", "RepairCase", "RepairHistory", "Consent", "Notice", "UnitReport"]);
    builder.can("review", ["Objection", "RepairCase", "MeasureApplication"]);
    builder.can("register", "Subject");
  },
  AUDITOR(_viewer, { can }) {
    can("read", "AuditEvent");
    // The repair register as audit data (CONTRACT: auditors read no subject data): which case, what state, when.
    can("read", "RepairCase", REPAIR_CASE_REGISTER_FIELDS);
  },
};

/** Bound for every role, the credit centre included: prohibited data is readable by nobody. */
export function denyProhibitedData({ cannot }: Builder): void {
  cannot("read", "all", PROHIBITED_FIELD_NAMES);
}
