import type { PortalRoute } from "../../routes";
import { ScreenPage } from "./screen";

/** The pages of an HR or bank officer's consented check, a clerk's batch screening, credit-report verification. */
export const ROUTES: readonly PortalRoute[] = [
  // batch screening (helper "officials")
  { path: "/screen", component: ScreenPage },
];
