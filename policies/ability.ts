import type { ForcedSubject, MongoAbility } from "@casl/ability";
import type { ListStatus, ListType, RecordCategory, Tier } from "../domain/vocabulary";

/** What a viewer can do; lowercase verbs, as CASL's docs write them. */
export type Action =
  | "read"
  | "screen"
  | "submit"
  | "recognize"
  | "remove"
  | "register"
  | "claim"
  | "grant"
  | "revoke"
  | "review"
  | "apply"
  | "move"
  | "issue"
  | "verify"
  | "file"
  | "list"
  | "decide";

/**
 * The shape policies see of each entity: the fields conditions test. Each subgraph builds these from its
 * rows (`as*Policy`) and compiles the same conditions to SQL (`accessibleBy` with its column map), so a
 * condition means the same in memory and in the database.
 */
export type SubjectPolicy = {
  subjectIdentifier: string;
  kind: string;
  /** The viewer holds a valid written consent of this subject for its declared purpose (PCIM art. 21). */
  consented: boolean;
  /**
   * The subject has public-tier information in force (a current public record or list entry): only then
   * is a natural person's existence public (docs/api.md, no existence oracle). Tested by `read` only.
   */
  publicInformation?: boolean;
  /** The unit that owns the subject's registration (null: nobody yet); tested by `register` only. */
  registeredBy?: string | null;
  /** The units that are registering authorities for this kind of subject (data/units.yaml); `register` only. */
  registrars?: string[];
};
export type CreditRecordPolicy = {
  subjectIdentifier: string;
  tier: Tier;
  category: RecordCategory;
  provider: string;
  /** Still publishable: active and not past its expiry (PCIM art. 27). */
  current: boolean;
  consented: boolean;
  /** Needs no publication review, or was reviewed and published (policies/publication.ts); the public tier reads nothing else. */
  publicationCleared: boolean;
};
/**
 * An organisation's item as entered on a person's file (PCIM art. 26): the item's own policy fields — its
 * subject, tier and consents are the organisation's — and the person whose file it was entered on.
 */
export type RelatedEntryPolicy = CreditRecordPolicy & { relatedSubjectIdentifier: string };
export type ListEntryPolicy = {
  subjectIdentifier: string;
  list: ListType;
  status: ListStatus;
  recognizedBy: string;
  current: boolean;
  /** Needs no publication review, or was reviewed and published (policies/publication.ts); the public tier reads nothing else. */
  publicationCleared: boolean;
};
/**
 * `state` is the case's current state and the field of a `move` rule is the state it may move to, so each
 * workflow step is a rule of the role table (policies/roles.ts). `appealed`: the case went to appeal (申诉).
 */
export type ObjectionPolicy = {
  subjectIdentifier: string;
  provider: string;
  state?: string;
  appealed?: boolean;
};
/** Whom an objection's correction reached (JRP art. 16): the organisations that relied on the wrong item, by name. */
export type CorrectionReachPolicy = { subjectIdentifier: string };
export type RepairCasePolicy = { subjectIdentifier: string; provider: string; state?: string };
/** A subject's whole file as repair eligibility reads it: other providers' items, listings and repairs. */
export type RepairHistoryPolicy = { subjectIdentifier: string };
/**
 * A reported measure application: its subject, its reporter, and the units that recognised the list entries it
 * rests on (the subject's entries its measure's basis covers, in force on the day it was applied).
 */
export type MeasureApplicationPolicy = {
  subjectIdentifier: string;
  reportedBy: string;
  entryRecognizedBy: string[];
};
/** One unit's row of the quarterly report on its lists and joint measures (JRP arts. 9, 21-22). */
export type UnitReportPolicy = { unit: string };
export type AuditEventPolicy = { subjectIdentifiers: string[] };
export type NoticePolicy = { recipientOrg: string };
export type ConsentPolicy = { subjectIdentifier: string };
/** A subject's access log (`myAccessLog`): who was shown the data of `subjectIdentifier`. */
export type AccessLogPolicy = { subjectIdentifier: string };
/** Prohibited data stored all the same (PCIM art. 14): whose item holds it. */
export type ProhibitedDataPolicy = { subjectIdentifier: string };
/**
 * A natural person's item in the credit centre's publication review (policies/publication.ts): whose it is and
 * who provided it. Reading it is reading the review — its state, the return reason, the original behind a redaction.
 */
export type PublicationReviewPolicy = { subjectIdentifier: string; provider: string };
/** A signed credit report: whose file it shows. */
export type CreditReportPolicy = { subjectIdentifier: string };

type Tagged<Name extends string, Shape> = Shape & ForcedSubject<Name>;

/** CASL subjects are exactly the GraphQL type names, so a rule and the schema speak of one thing; `all` carries the rules that bind everyone. */
export type PolicySubject =
  | "all"
  | "Subject"
  | "CreditRecord"
  | "RelatedEntry"
  | "ListEntry"
  | "Measure"
  | "MeasureApplication"
  | "Objection"
  | "RepairCase"
  | "RepairHistory"
  | "Consent"
  | "AuditEvent"
  | "Notice"
  | "UnitReport"
  | "CorrectionReach"
  | "CalendarStatus"
  | "CreditReport"
  /** The focused-monitoring reason of a screening (重点关注, CZ annex 2 §4.2): a recent exit from the black list. */
  | "FocusedMonitoring"
  | "AccessLog"
  | "ProhibitedData"
  | "PublicationReview"
  | Tagged<"Subject", SubjectPolicy>
  | Tagged<"CreditRecord", CreditRecordPolicy>
  | Tagged<"RelatedEntry", RelatedEntryPolicy>
  | Tagged<"ListEntry", ListEntryPolicy>
  | Tagged<"Objection", ObjectionPolicy>
  | Tagged<"MeasureApplication", MeasureApplicationPolicy>
  | Tagged<"AuditEvent", AuditEventPolicy>
  | Tagged<"Notice", NoticePolicy>
  | Tagged<"Consent", ConsentPolicy>
  | Tagged<"RepairCase", RepairCasePolicy>
  | Tagged<"RepairHistory", RepairHistoryPolicy>
  | Tagged<"UnitReport", UnitReportPolicy>
  | Tagged<"CorrectionReach", CorrectionReachPolicy>
  | Tagged<"CreditReport", CreditReportPolicy>
  | Tagged<"AccessLog", AccessLogPolicy>
  | Tagged<"ProhibitedData", ProhibitedDataPolicy>
  | Tagged<"PublicationReview", PublicationReviewPolicy>;

export type AppAbility = MongoAbility<[Action, PolicySubject]>;
