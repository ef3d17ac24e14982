import type { PortalRoute } from "../../routes";
import { CheckPage } from "./check";
import { ScreenPage } from "./screen";
import { VerifyPage } from "./verify";

/** The pages of an HR or bank officer's consented check, a clerk's batch screening, credit-report verification. */
export const ROUTES: readonly PortalRoute[] = [
  { path: "/check", component: CheckPage },
  { path: "/screen", component: ScreenPage },
  { path: "/verify", component: VerifyPage },
];
