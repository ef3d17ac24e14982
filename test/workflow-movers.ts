import type { Role } from "../platform/viewer";

/**
 * Who takes each workflow step, written from the text and checked against the role table
 * (policies/roles.ts) by the unit and e2e transition tests. SUBJECT means the case's own subject,
 * PROVIDER the item's provider. A step missing here is no step at all.
 */
const SIGNED_IN: readonly Role[] = [
  "SUBJECT",
  "GOVERNMENT",
  "ORGANIZATION",
  "PROVIDER",
  "CREDIT_CENTER",
  "AUDITOR",
  "CREDIT_AUTHORITY",
];

export const EXPECTED_OBJECTION_MOVERS: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>> =
  {
    SUBMITTED: { UNDER_REVIEW: ["CREDIT_CENTER"] },
    // PCIM art. 29 / JRP art. 16: the centre settles itself or forwards for the provider's verification.
    UNDER_REVIEW: {
      PROVIDER_VERIFYING: ["CREDIT_CENTER"],
      CORRECTED: ["CREDIT_CENTER"],
      UPHELD: ["CREDIT_CENTER"],
    },
    PROVIDER_VERIFYING: { CORRECTED: ["PROVIDER"], UPHELD: ["PROVIDER"] },
    // PCIM art. 30 / JRP art. 17: the subject appeals to the 本级信用主管部门, which decides.
    UPHELD: { APPEALED: ["SUBJECT"] },
    APPEALED: { CORRECTED: ["CREDIT_AUTHORITY"], APPEAL_DISMISSED: ["CREDIT_AUTHORITY"] },
    CORRECTED: {},
    APPEAL_DISMISSED: {},
  };

export const EXPECTED_REPAIR_MOVERS: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>> = {
  APPLIED: { OPINION_SUPPORTED: ["PROVIDER"], REJECTED: ["PROVIDER", "CREDIT_CENTER"] },
  OPINION_SUPPORTED: { IN_PUBLICITY: ["CREDIT_CENTER"], REJECTED: ["CREDIT_CENTER"] },
  // PCIM art. 32 / JRP art. 19: anyone signed in objects during publicity; the provider verifies.
  IN_PUBLICITY: { OBJECTED: SIGNED_IN, COMPLETED: ["CREDIT_CENTER"] },
  OBJECTED: { IN_PUBLICITY: ["PROVIDER"], REJECTED: ["PROVIDER"] },
  COMPLETED: {},
  REJECTED: {},
};
