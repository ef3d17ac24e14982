import type { SubgraphRequestClaims } from "../platform/subgraph-signature";
import type { Viewer } from "../platform/viewer";
import { networkKeyOf } from "./client-address";
import type { DisclosureGroup } from "../audit-log/chain";

/** Per-request state at the gateway. */
export type GatewayContext = {
  viewer: Viewer;
  requestId: string;
  clientAddress: string | null;
  startedAt: number;
  startedAtMonotonic: number;
  /** What each subgraph reported disclosing, collected for the audit. */
  disclosures: Array<DisclosureGroup & { subgraph: string }>;
  /** Shared by reference: Apollo hands each operation a shallow copy of the context. */
  audit: RequestAudit;
  /** What metrics and the request log say of this request; shared by reference like `audit`. */
  observed: RequestObservation;
};

export type RequestObservation = {
  /** The operation's type and root fields (plugins/use-metrics.ts), or `unresolved`. */
  operation: string;
  /** The error codes of the answer Apollo sent, read once every plugin has had its say (the audit may turn it into AUDIT_UNAVAILABLE). */
  errorCodes?: () => string[];
};

export type RequestAudit = {
  /** Whether this request's one event has been written (or attempted), so no path writes a second. */
  written: boolean;
  /** A mutation's event, written (outcome PENDING) before it ran; its completion is written after. */
  pendingEvent?: Readonly<{ id: string; hash: string }>;
};

/** The budget key of the client address, charged for anonymous calls and for every refusal. */
export function addressKeyOf(context: Pick<GatewayContext, "clientAddress">): string {
  return `address:${context.clientAddress ?? "unknown"}`;
}

/** Whom per-caller budgets charge: the verified token's subject, or the client address of an anonymous caller. */
export function callerOf(context: Pick<GatewayContext, "viewer" | "clientAddress">): string {
  return context.viewer.actor ?? addressKeyOf(context);
}

/** What the gateway vouches for to a subgraph about this request: viewer, request id, and whom the budgets charge. */
export function subgraphClaimsOf(
  context: Pick<GatewayContext, "viewer" | "requestId" | "clientAddress">,
): SubgraphRequestClaims {
  return {
    viewer: context.viewer,
    requestId: context.requestId,
    caller: callerOf(context),
    network: networkKeyOf(context.clientAddress),
  };
}
