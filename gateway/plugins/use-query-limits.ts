import { CreditError } from "../../platform/errors";
import type { GatewayPlugin } from "../pipeline";
import { checkQueryLimits, type ArgumentCosts, type QueryLimits } from "../query-limits";

/** Request bytes that cost one more unit, unless configured (`CREDIT_BODY_BYTES_PER_UNIT`). */
export const DEFAULT_BODY_BYTES_PER_UNIT = 1_024;

/**
 * The document and its variables within the limits (`QUERY_TOO_COMPLEX` naming the limit), and the operation's
 * cost: by the schema's `@cost`, plus one unit for every `bodyBytesPerUnit` bytes the client sent — reading,
 * parsing, scanning and auditing a body take time with its size, so a large body is no cheaper than the work
 * it makes (a body under one unit's bytes costs nothing extra).
 */
export function useQueryLimits(
  limits: QueryLimits,
  costs: ArgumentCosts,
  bodyBytesPerUnit = DEFAULT_BODY_BYTES_PER_UNIT,
): GatewayPlugin {
  return async (request, next) => {
    const { query, variables } = request.operation;
    let cost = 1;
    if (query) {
      const check = checkQueryLimits(query, variables, limits, costs);
      if (check.breach)
        throw new CreditError(
          "QUERY_TOO_COMPLEX",
          `${check.breach.message} (limit ${check.breach.limit} = ${check.breach.max}); simplify or split the operation`,
          { limit: check.breach.limit },
        );
      cost = check.cost;
    }
    request.cost = cost + Math.floor(request.bodyBytes / bodyBytesPerUnit);
    return next();
  };
}
