import { CreditError } from "../../platform/errors";
import type { GatewayPlugin } from "../pipeline";
import { checkQueryLimits, type ArgumentCosts, type QueryLimits } from "../query-limits";

/** The document and its variables within the limits (`QUERY_TOO_COMPLEX` naming the limit), and the operation's cost by the schema's `@cost`. */
export function useQueryLimits(limits: QueryLimits, costs: ArgumentCosts): GatewayPlugin {
  return async (request, next) => {
    const { query, variables } = request.operation;
    if (query) {
      const { breach, cost } = checkQueryLimits(query, variables, limits, costs);
      if (breach) throw new CreditError("QUERY_TOO_COMPLEX", `${breach.message} (limit ${breach.limit} = ${breach.max}); simplify or split the operation`, { limit: breach.limit });
      request.cost = cost;
    }
    return next();
  };
}
