import type { StepGraph } from "./workflow.rules";
import type { ObjectionStateValue } from "./objection.type";
import type { RepairStateValue } from "./repair-case.type";

/**
 * The steps of an objection (PCIM arts. 28-30, JRP arts. 15-17): the credit centre reviews and settles
 * it itself or forwards it to the provider for verification; the subject may appeal an upheld one to the
 * credit authority, which corrects the item or dismisses the appeal. Who takes each step: policies/roles.ts.
 */
export const OBJECTION_STEPS: StepGraph<ObjectionStateValue> = {
  SUBMITTED: ["UNDER_REVIEW"],
  UNDER_REVIEW: ["PROVIDER_VERIFYING", "CORRECTED", "UPHELD"],
  PROVIDER_VERIFYING: ["CORRECTED", "UPHELD"],
  UPHELD: ["APPEALED"],
  APPEALED: ["CORRECTED", "APPEAL_DISMISSED"],
  CORRECTED: [],
  APPEAL_DISMISSED: [],
};

/** The steps of a repair case (PCIM art. 32, JRP art. 19): provider's opinion, 5 working days of publicity, completion. */
export const REPAIR_STEPS: StepGraph<RepairStateValue> = {
  APPLIED: ["OPINION_SUPPORTED", "REJECTED"],
  OPINION_SUPPORTED: ["IN_PUBLICITY", "REJECTED"],
  IN_PUBLICITY: ["OBJECTED", "COMPLETED"],
  OBJECTED: ["IN_PUBLICITY", "REJECTED"],
  COMPLETED: [],
  REJECTED: [],
};
