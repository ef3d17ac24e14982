import type { ComponentType } from "preact";

/** A page at a path (preact-iso patterns: `/lists/:list`, `/me/*`). Each area of the portal lists its own. */
export type PortalRoute = Readonly<{ path: string; component: ComponentType<Record<string, unknown>> }>;
