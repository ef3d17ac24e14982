import type { PortalRoute } from "../../routes";
import { PublicationReviewPage } from "./publication-review";
import { WorkbenchPage } from "./workbench";

/** The pages of the credit centre's workbench: objection and repair queues, workflow steps, the calendar, providers; the review before publication. */
export const ROUTES: readonly PortalRoute[] = [
  { path: "/workbench", component: WorkbenchPage },
  { path: "/workbench/publication", component: PublicationReviewPage },
];
