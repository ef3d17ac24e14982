import type { Viewer } from "../platform/viewer";
import type { Disclosure } from "../subgraphs/shared/context";

/** Per-request state at the gateway. */
export type GatewayContext = {
  viewer: Viewer;
  requestId: string;
  clientAddress: string | null;
  startedAt: number;
  startedAtMonotonic: number;
  /** What each subgraph reported disclosing, collected for the audit. */
  disclosures: Array<Disclosure & { subgraph: string }>;
};
