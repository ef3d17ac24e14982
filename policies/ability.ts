import type { ForcedSubject, MongoAbility } from "@casl/ability";
import type { ListStatus, ListType, RecordCategory, Tier } from "../db/database";

/** What a viewer can do; lowercase verbs (STYLE.md). */
export type Action = "read" | "screen" | "submit" | "recognize" | "grant" | "revoke" | "review" | "apply";

/**
 * The shape policies see of each entity: the fields conditions test. Services build these from rows
 * with the `as*Policy` mappers so that a condition never depends on how a resolver happened to load data.
 */
export type SubjectPolicy = { subjectIdentifier: string; kind: string };
export type CreditRecordPolicy = {
  subjectIdentifier: string;
  tier: Tier;
  category: RecordCategory;
  provider: string;
  /** Not expired, not archived, not corrected away: may still be published (PCIM art. 27). */
  current: boolean;
};
export type ListEntryPolicy = {
  subjectIdentifier: string;
  list: ListType;
  status: ListStatus;
  recognizedBy: string;
  current: boolean;
};
export type ObjectionPolicy = { subjectIdentifier: string };
export type MeasureApplicationPolicy = { subjectIdentifier: string; reportedBy: string };
export type AuditEventPolicy = { subjectIdentifiers: string[] };
export type NoticePolicy = { recipientOrg: string };

type Tagged<Name extends string, Shape> = Shape & ForcedSubject<Name>;

/** CASL subjects are exactly the GraphQL type names (STYLE.md). */
export type PolicySubject =
  | "Subject"
  | "CreditRecord"
  | "ListEntry"
  | "Measure"
  | "MeasureApplication"
  | "Objection"
  | "RepairCase"
  | "Consent"
  | "AuditEvent"
  | "Notice"
  | Tagged<"Subject", SubjectPolicy>
  | Tagged<"CreditRecord", CreditRecordPolicy>
  | Tagged<"ListEntry", ListEntryPolicy>
  | Tagged<"Objection", ObjectionPolicy>
  | Tagged<"MeasureApplication", MeasureApplicationPolicy>
  | Tagged<"AuditEvent", AuditEventPolicy>
  | Tagged<"Notice", NoticePolicy>;

export type AppAbility = MongoAbility<[Action, PolicySubject]>;
