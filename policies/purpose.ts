import { PurposeRequiredError } from "../platform/errors";
import type { Role, Viewer } from "../platform/viewer";

/** Roles that must declare a purpose before touching non-public data or screening (docs/api.md "Identity"). */
const ROLES_DECLARING_PURPOSE: ReadonlySet<Role> = new Set(["GOVERNMENT", "ORGANIZATION"]);

export function mustDeclarePurpose(viewer: Viewer): boolean {
  return ROLES_DECLARING_PURPOSE.has(viewer.role) && viewer.purpose === null;
}

/** Throws `PURPOSE_REQUIRED` when a GOVERNMENT or ORGANIZATION viewer asks for non-public data without a purpose. */
export function requirePurposeForNonPublicData(viewer: Viewer): void {
  if (mustDeclarePurpose(viewer)) throw new PurposeRequiredError();
}

/** Whether this viewer could ever reach the authorized tier through a consent (and so is told CONSENT_REQUIRED). */
export function readsAuthorizedTierByConsent(viewer: Viewer): boolean {
  return ROLES_DECLARING_PURPOSE.has(viewer.role);
}
