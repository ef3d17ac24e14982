import { CreditError } from "../../platform/errors";
import { callerOf } from "../context";
import type { GatewayMetrics } from "../metrics";
import type { GatewayPlugin } from "../pipeline";
import type { RateBudget } from "../shared-budgets";

/** `RATE_LIMITED`, with the wait in the answer and in its `Retry-After` header. */
export function rateLimited(retryAfter: number, headers: Record<string, string>): CreditError {
  headers["retry-after"] = String(retryAfter);
  return new CreditError("RATE_LIMITED", `too many requests from you; retry in ${retryAfter} s`, {
    retryAfterSeconds: retryAfter,
  });
}

/** Each caller (token subject, or address when anonymous) spends the operation's cost from its budget per minute. */
export function useRateLimit(options: { budget: RateBudget; metrics: GatewayMetrics }): GatewayPlugin {
  return async (request, next) => {
    const retryAfter = await options.budget.take(callerOf(request.context), request.cost);
    if (retryAfter > 0) {
      options.metrics.recordRefusal("rate_limited");
      throw rateLimited(retryAfter, request.headers);
    }
    return next();
  };
}
