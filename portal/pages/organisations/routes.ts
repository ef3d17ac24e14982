import type { PortalRoute } from "../../routes";
import { CheckPage } from "./check";
import { VerifyPage } from "./verify";

/** The pages of an HR or bank officer's consented check, a clerk's batch screening, credit-report verification. */
export const ROUTES: readonly PortalRoute[] = [
  // An officer's consented check and a credit report's verification (self-service helper).
  { path: "/check", component: CheckPage },
  { path: "/verify", component: VerifyPage },
];
