/**
 * Fields of a repair case by who may read them. The register (ids, states, dates) is audit data; the
 * commitment, the provider's opinion, the notes of each step and the target are the subject's; the
 * original of a repaired item is kept for the credit centre alone (PCIM art. 32).
 */
export const REPAIR_CASE_REGISTER_FIELDS: string[] = [
  "id",
  "state",
  "appliedOn",
  "rectifiedOn",
  "dueOn",
  "dueOnProvisional",
  "overdue",
  "completedOn",
  "history",
];

export const REPAIR_CASE_FIELDS_WITHOUT_ORIGINAL: string[] = [
  ...REPAIR_CASE_REGISTER_FIELDS,
  "subject",
  "targetId",
  "targetType",
  "commitment",
  "providerOpinion",
  "history.note",
];
