import { CreditError } from "../../platform/errors";
import { answerPreflight, isPreflight } from "../cors";
import type { GatewayPlugin } from "../pipeline";

/** Only `/graphql` is the API (any other path is refused, and audited as any refusal); a CORS preflight is answered here. */
export function useGraphQLEndpoint(options: { corsOrigins: ReadonlySet<string> }): GatewayPlugin {
  return async (request, next) => {
    if (request.path !== "/graphql") throw new CreditError("NOT_FOUND", "the GraphQL endpoint is /graphql");
    if (isPreflight(request.http.method, request.http.headers))
      return answerPreflight(request.http.headers, options.corsOrigins);
    return next();
  };
}
