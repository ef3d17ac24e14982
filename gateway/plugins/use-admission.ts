import { ServiceUnavailableError } from "../../platform/errors";
import type { GatewayMetrics } from "../metrics";
import type { GatewayPlugin } from "../pipeline";
import type { AdmissionBudget } from "../shared-budgets";

/** The cost this replica admitted and has not finished (with shared budgets, the other replicas' is in the database). */
export type AdmittedHere = { cost: number };

/**
 * Bounds the work in flight across all callers: past the budget a request is refused at once with
 * `SERVICE_UNAVAILABLE` and a retry hint, rather than queued into memory the process does not have.
 */
export function useAdmission(options: {
  budget: AdmissionBudget;
  admittedHere: AdmittedHere;
  metrics: GatewayMetrics;
}): GatewayPlugin {
  return async (request, next) => {
    const release = await options.budget.admit(request.cost);
    if (!release) {
      options.metrics.recordRefusal("admission");
      const busy = new ServiceUnavailableError("the service");
      request.headers["retry-after"] = String(busy.extensions.retryAfterSeconds);
      throw busy;
    }
    options.admittedHere.cost += request.cost;
    try {
      return await next();
    } finally {
      options.admittedHere.cost -= request.cost;
      await release();
    }
  };
}
