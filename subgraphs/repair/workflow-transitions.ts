import type { TransitionTable } from "../../domain/workflow";
import type { ObjectionStateValue } from "./objection.type";
import type { RepairStateValue } from "./repair-case.type";

/** Who moves an objection from which state to which (PCIM arts. 28-30, JRP arts. 15-17). */
export const OBJECTION_TRANSITIONS: TransitionTable<ObjectionStateValue> = {
  SUBMITTED: { UNDER_REVIEW: ["CREDIT_CENTER"] },
  UNDER_REVIEW: { PROVIDER_VERIFYING: ["CREDIT_CENTER"] },
  PROVIDER_VERIFYING: { CORRECTED: ["PROVIDER"], UPHELD: ["PROVIDER"] },
  UPHELD: { APPEALED: ["SUBJECT"] },
  CORRECTED: {},
  APPEALED: {},
};

/** Who moves a repair case (PCIM art. 32, JRP art. 19): provider's opinion, 5 working days of publicity, completion. */
export const REPAIR_TRANSITIONS: TransitionTable<RepairStateValue> = {
  APPLIED: { OPINION_SUPPORTED: ["PROVIDER"], REJECTED: ["PROVIDER", "CREDIT_CENTER"] },
  OPINION_SUPPORTED: { IN_PUBLICITY: ["CREDIT_CENTER"], REJECTED: ["CREDIT_CENTER"] },
  IN_PUBLICITY: { OBJECTED: ["SUBJECT", "GOVERNMENT", "ORGANIZATION", "PROVIDER", "CREDIT_CENTER"], COMPLETED: ["CREDIT_CENTER"] },
  OBJECTED: { IN_PUBLICITY: ["CREDIT_CENTER"], REJECTED: ["CREDIT_CENTER"] },
  COMPLETED: {},
  REJECTED: {},
};

