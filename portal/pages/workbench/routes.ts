import type { PortalRoute } from "../../routes";
import { WorkbenchPage } from "./workbench";

/** The pages of the credit centre's workbench: objection and repair queues, workflow steps, the calendar, providers. */
export const ROUTES: readonly PortalRoute[] = [{ path: "/workbench", component: WorkbenchPage }];
