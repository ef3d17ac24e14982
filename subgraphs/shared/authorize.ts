import { ForbiddenError as RoleTableRefusal } from "@casl/ability";
import type { Action, AppAbility, PolicySubject } from "../../policies/ability";

/**
 * Refuses with FORBIDDEN unless the role table (policies/roles.ts) allows `action` on `subject`: CASL's own
 * check, `ForbiddenError.from(ability).throwUnlessCan`, with the words the caller reads; platform/errors.ts
 * turns the refusal into the contract's `FORBIDDEN`.
 */
export function refuseUnlessAllowed(ability: AppAbility, action: Action, subject: PolicySubject, message: string): void {
  RoleTableRefusal.from(ability).setMessage(message).throwUnlessCan(action, subject);
}
