import type { PortalRoute } from "../../routes";
import { MePage } from "./me";

/** The pages of 我的信用: a subject's records, access log, consents, objections, repair and credit reports. */
export const ROUTES: readonly PortalRoute[] = [{ path: "/me", component: MePage }];
