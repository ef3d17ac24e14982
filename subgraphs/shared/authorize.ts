import { ForbiddenError as RoleTableRefusal, subject as policySubject } from "@casl/ability";
import { ForbiddenError } from "../../platform/errors";
import type { Viewer } from "../../platform/viewer";
import type { Action, AppAbility, PolicySubject } from "../../policies/ability";

/**
 * Refuses with FORBIDDEN unless the role table (policies/roles.ts) allows `action` on `subject`: CASL's own
 * check, `ForbiddenError.from(ability).throwUnlessCan`, with the words the caller reads; platform/errors.ts
 * turns the refusal into the contract's `FORBIDDEN`.
 */
export function refuseUnlessAllowed(
  ability: AppAbility,
  action: Action,
  subject: PolicySubject,
  message: string,
): void {
  RoleTableRefusal.from(ability).setMessage(message).throwUnlessCan(action, subject);
}

/**
 * The viewer's own identifier, when the role table lets it `action` its own `subjectType` (the subject itself:
 * its consents, credit reports, access log); FORBIDDEN with `message` otherwise, a token naming no subject too.
 */
export function requireOwnSubject(
  context: Readonly<{ ability: AppAbility; viewer: Viewer }>,
  action: Action,
  subjectType: "Consent" | "CreditReport" | "AccessLog",
  message: string,
): string {
  const own = context.viewer.subject;
  if (!own) throw new ForbiddenError(message);
  refuseUnlessAllowed(
    context.ability,
    action,
    policySubject(subjectType, { subjectIdentifier: own }),
    message,
  );
  return own;
}
