import type { PortalRoute } from "../../routes";

/** The pages of the auditor's console: events, the chain, alerts, export, charts. */
export const ROUTES: readonly PortalRoute[] = [];
