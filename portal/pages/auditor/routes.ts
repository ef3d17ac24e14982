import type { PortalRoute } from "../../routes";
import { AuditConsolePage } from "./audit-console";

/** The pages of the auditor's console: events, the chain, alerts, export, charts. */
export const ROUTES: readonly PortalRoute[] = [{ path: "/audit", component: AuditConsolePage }];
