import type { AbilityBuilder } from "@casl/ability";
import type { Role, Viewer } from "../platform/viewer";
import type { AppAbility } from "./ability";

type Define = (viewer: Viewer, builder: Pick<AbilityBuilder<AppAbility>, "can" | "cannot">) => void;

/** Viewers whose declared purpose is a government duty (PCIM art. 22). */
const GOVERNMENT_DUTIES = new Set(["ADMINISTRATIVE_LICENSING", "FISCAL_FUNDS", "PUBLIC_RESOURCE_TRADING", "SUPERVISION", "AWARDS", "PUBLIC_EMPLOYMENT"]);

/** An organisation's registration facts are public (PCIM art. 10(2), JRP art. 8(2)). */
const ORGANISATION_PUBLIC_FIELDS = ["identifier", "registeredAddress", "nature", "region", "legalRepresentative", "responsiblePersons"];

/** What anyone, without an account, may read: the public tier of current information. */
const definePublic: Define = (_viewer, { can }) => {
  can("read", "Subject", ["id", "kind", "name"]);
  can("read", "Subject", ORGANISATION_PUBLIC_FIELDS, { kind: { $ne: "NATURAL_PERSON" } });
  can("read", "Measure");
  can("read", "CreditRecord", { tier: "PUBLIC", current: true });
  can("read", "ListEntry", { current: true });
};

/**
 * The access matrix of CONTRACT.md, one entry per role. Consent (the authorized tier for others than
 * the subject) arrives with the consent workflow; until then no rule grants it, so it stays closed.
 */
export const ROLE_DEFINITIONS: Record<Role, Define> = {
  PUBLIC: definePublic,
  SUBJECT(viewer, builder) {
    definePublic(viewer, builder);
    if (!viewer.subject) return;
    const own = { subjectIdentifier: viewer.subject };
    builder.can("read", "Subject", own);
    builder.can("read", "CreditRecord", own);
    builder.can("read", "ListEntry", own);
    builder.can("read", "Objection", own);
    builder.can("read", "MeasureApplication", own);
  },
  GOVERNMENT(viewer, builder) {
    definePublic(viewer, builder);
    if (!viewer.purpose || !GOVERNMENT_DUTIES.has(viewer.purpose)) return;
    builder.can("read", "Subject");
    builder.can("read", "CreditRecord", { tier: "GOVERNMENT", current: true });
    if (viewer.org) builder.can("read", "Notice", { recipientOrg: viewer.org });
    builder.can("screen", "Subject");
  },
  ORGANIZATION(viewer, builder) {
    definePublic(viewer, builder);
    if (viewer.purpose) builder.can("screen", "Subject");
    if (viewer.org) builder.can("read", "MeasureApplication", { reportedBy: viewer.org });
    if (viewer.org) builder.can("read", "Notice", { recipientOrg: viewer.org });
  },
  PROVIDER(viewer, builder) {
    definePublic(viewer, builder);
    if (!viewer.org) return;
    builder.can("read", "CreditRecord", { provider: viewer.org });
    builder.can("read", "ListEntry", { recognizedBy: viewer.org });
    builder.can("submit", "CreditRecord");
    builder.can("recognize", "ListEntry");
  },
  CREDIT_CENTER(viewer, builder) {
    definePublic(viewer, builder);
    builder.can("read", ["Subject", "CreditRecord", "ListEntry", "Objection", "MeasureApplication"]);
    builder.can("review", ["Objection", "RepairCase"]);
  },
  AUDITOR(_viewer, { can }) {
    can("read", "AuditEvent");
  },
};
