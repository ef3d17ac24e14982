import { addressKeyOf } from "../context";
import type { GatewayMetrics } from "../metrics";
import type { GatewayPlugin } from "../pipeline";
import type { RateBudget } from "../shared-budgets";
import { rateLimited } from "./use-rate-limit";

/**
 * Refused requests are charged to their address (status 400 and up, whoever refused): a caller that is
 * mostly refused is soon refused early, before its body is read or its token checked.
 */
export function useRefusedAddresses(options: {
  refusals: RateBudget;
  metrics: GatewayMetrics;
}): GatewayPlugin {
  return async (request, next) => {
    const addressKey = addressKeyOf(request.context);
    const refusedFor = await options.refusals.secondsUntil(addressKey, 1);
    if (refusedFor > 0) {
      options.metrics.recordRefusal("refused_address");
      await options.refusals.take(addressKey, 1);
      throw rateLimited(refusedFor, request.headers);
    }
    const answer = await next();
    if ((answer.status ?? 200) >= 400) await options.refusals.take(addressKey, 1);
    return answer;
  };
}
