import type { PortalRoute } from "../../routes";

/** The pages of 信用公示: search, public records, red and black lists, measures, how to object and repair. */
export const ROUTES: readonly PortalRoute[] = [];
