/**
 * The words the rules are written in, each list defined once, so no copy can drift: the database's column types
 * (db/database.ts), the GraphQL enums (each slice registers these very objects with type-graphql) and the
 * portal's choices all come from here. Each is an object mapping a value to itself, the shape type-graphql
 * registers as an enum, and a type of the same name for its values.
 */
function words<const Values extends readonly string[]>(
  ...values: Values
): { readonly [Value in Values[number]]: Value } {
  return Object.freeze(Object.fromEntries(values.map((value) => [value, value]))) as {
    readonly [Value in Values[number]]: Value;
  };
}

/** Roles of docs/api.md "Identity": who a caller is. */
export const Role = words(
  "PUBLIC",
  "SUBJECT",
  "GOVERNMENT",
  "ORGANIZATION",
  "PROVIDER",
  "CREDIT_CENTER",
  "AUDITOR",
  "CREDIT_AUTHORITY",
);
export type Role = keyof typeof Role;

/** Purposes a caller declares in `X-Credit-Purpose` (docs/api.md "Identity"). */
export const Purpose = words(
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "SUPERVISION",
  "AWARDS",
  "PUBLIC_EMPLOYMENT",
  "EMPLOYMENT_SCREENING",
  "CREDIT_LENDING",
  "BUSINESS_COOPERATION",
);
export type Purpose = keyof typeof Purpose;

/** PCIM art. 2. */
export const SubjectKind = words("NATURAL_PERSON", "LEGAL_PERSON", "OTHER_ORGANIZATION");
export type SubjectKind = keyof typeof SubjectKind;

/** Use scope, widest first (PCIM arts. 18-24). */
export const Tier = words("PUBLIC", "GOVERNMENT", "AUTHORIZED");
export type Tier = keyof typeof Tier;

/** PCIM arts. 9-13. */
export const RecordCategory = words("BASIC", "POSITIVE", "NEGATIVE", "OTHER");
export type RecordCategory = keyof typeof RecordCategory;

/** PCIM art. 15. */
export const Severity = words("GENERAL", "SERIOUS", "SEVERE");
export type Severity = keyof typeof Severity;

export const RecordStatus = words("ACTIVE", "EXPIRED", "CORRECTED", "ARCHIVED", "SUSPENDED");
export type RecordStatus = keyof typeof RecordStatus;

/** Red (守信) or black (失信) list, JRP arts. 3-14. */
export const ListType = words("RED", "BLACK");
export type ListType = keyof typeof ListType;

export const ListStatus = words("ACTIVE", "EXPIRED", "REMOVED", "REPAIRED");
export type ListStatus = keyof typeof ListStatus;

export const MeasureKind = words("REWARD", "PUNISHMENT");
export type MeasureKind = keyof typeof MeasureKind;

/** A screening's answer, gravest first: BLOCK > REVIEW > GREEN_CHANNEL > PASS. */
export const Decision = words("BLOCK", "REVIEW", "GREEN_CHANNEL", "PASS");
export type Decision = keyof typeof Decision;

/** The business in which a measure applies. */
export const Scenario = words(
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "PROJECT_APPROVAL",
  "PUBLIC_EMPLOYMENT",
  "HONORS",
  "CREDIT_LENDING",
  "HIGH_CONSUMPTION",
);
export type Scenario = keyof typeof Scenario;

/**
 * Where a natural person's public-tier item stands in the credit centre's review before publication (PCIM art. 14):
 * PENDING until reviewed; PUBLISHED as submitted; REDACTED, published with the reviewer's text in place of its
 * free text; RETURNED to the provider, with a reason, and not published.
 */
export const PublicationState = words("PENDING", "PUBLISHED", "REDACTED", "RETURNED");
export type PublicationState = keyof typeof PublicationState;

/** The credit centre's decision on an item awaiting review. */
export const PublicationDecision = words("PUBLISH", "REDACT", "RETURN_TO_PROVIDER");
export type PublicationDecision = keyof typeof PublicationDecision;
