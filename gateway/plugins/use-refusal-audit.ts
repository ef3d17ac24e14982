import type { AuditLog } from "../../audit-log/writer";
import { errorAnswer } from "../../platform/http";
import type { Logger } from "../../platform/logger";
import { errorCodesOf, type GatewayPlugin } from "../pipeline";
import { AUDIT_UNAVAILABLE_MESSAGE, recordAuditEvent } from "./audit.plugin";

/**
 * The event of a request that never became an operation: refused by a plugin or by Apollo's own HTTP
 * checks (the audit plugin writes every operation's). Nothing leaves until it is written; if it cannot
 * be, the caller gets `AUDIT_UNAVAILABLE` instead.
 */
export function useRefusalAudit(options: { auditLog: AuditLog; logger: Logger }): GatewayPlugin {
  return async (request, next) => {
    const answer = await next();
    const { context, operation } = request;
    if (context.audit.written) return answer;
    try {
      await recordAuditEvent(options.auditLog, {
        context,
        operationName: operation.operationName,
        operationType: null,
        document: operation.query,
        variables: operation.variables,
        executed: false,
        errorCodes: errorCodesOf(answer),
      });
      return answer;
    } catch (error) {
      options.logger.error(
        { err: error, requestId: context.requestId },
        "audit unavailable while refusing a request",
      );
      return errorAnswer(503, {
        message: AUDIT_UNAVAILABLE_MESSAGE,
        extensions: { code: "AUDIT_UNAVAILABLE" },
      });
    }
  };
}
