import type { PortalRoute } from "../../routes";

/** The pages of an HR or bank officer's consented check, a clerk's batch screening, credit-report verification. */
export const ROUTES: readonly PortalRoute[] = [];
