import { authenticate, withPurpose, type BearerTrust } from "../auth";
import type { GatewayPlugin } from "../pipeline";

/** Who is asking, and for which declared purpose: the bearer token verified (`UNAUTHENTICATED` if it is not valid), none is PUBLIC. */
export function useAuthentication(options: {
  trust: BearerTrust;
  maxTokenAgeSeconds: number;
}): GatewayPlugin {
  return async (request, next) => {
    // The verified caller is kept before its purpose is read, so a refusal of the purpose is audited as theirs.
    request.context.viewer = await authenticate(
      request.http.headers,
      options.trust,
      options.maxTokenAgeSeconds,
    );
    request.context.viewer = withPurpose(request.context.viewer, request.http.headers);
    return next();
  };
}
