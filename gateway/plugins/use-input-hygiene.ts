import { CreditError } from "../../platform/errors";
import { walkJson } from "../../platform/json-walk";
import { isUnstorableText } from "../../platform/storable-text";
import type { GatewayPlugin } from "../pipeline";

/** Text PostgreSQL cannot store is refused here, before it reaches any query (or the audit) as an internal error. */
export function useInputHygiene(): GatewayPlugin {
  return async (request, next) => {
    if (request.operation.query && containsUnstorableText(request.operation.variables)) {
      throw new CreditError("BAD_USER_INPUT", "text may not contain the NUL character (U+0000) or a lone UTF-16 surrogate; remove them from the variables", { argument: "variables" });
    }
    return next();
  };
}

function containsUnstorableText(value: unknown): boolean {
  for (const { key, value: child } of walkJson(value)) {
    if ((typeof key === "string" && isUnstorableText(key)) || (typeof child === "string" && isUnstorableText(child))) return true;
  }
  return false;
}
