import { createHash, randomUUID } from "node:crypto";
import type { ApolloServerPlugin } from "@apollo/server";
import type { AuditOutcome } from "../../db/database";
import type { Logger } from "../../platform/logger";
import { redactVariables } from "../../subgraphs/audit/audit-chain";
import type { AuditLog } from "../audit-log";
import type { GatewayContext } from "../context";

const DENIAL_CODES = new Set(["UNAUTHENTICATED", "FORBIDDEN", "PURPOSE_REQUIRED", "CONSENT_REQUIRED", "QUERY_TOO_COMPLEX", "RATE_LIMITED"]);

export class AuditUnavailableError extends Error {
  override readonly name = "AuditUnavailableError";
}

export const AUDIT_UNAVAILABLE_MESSAGE = "the audit log cannot be written, so no data is returned; try again shortly";

export function outcomeOf(errorCodes: readonly string[]): AuditOutcome {
  if (errorCodes.length === 0) return "OK";
  return errorCodes.some((code) => DENIAL_CODES.has(code)) ? "DENIED" : "ERROR";
}

export type AuditedOperation = Readonly<{
  context: GatewayContext;
  operationName: string | null;
  operationType: string | null;
  document: string | null;
  variables: unknown;
  errorCodes: readonly string[];
}>;

/** Writes the event for one operation with its access rows; throws `AuditUnavailableError` if it can't. */
export async function recordAuditEvent(auditLog: AuditLog, operation: AuditedOperation): Promise<void> {
  const { context } = operation;
  try {
    await auditLog.append({
      id: randomUUID(),
      requestId: context.requestId,
      at: new Date(context.startedAt),
      actor: context.viewer.actor,
      role: context.viewer.role,
      org: context.viewer.org,
      purpose: context.viewer.purpose,
      operationName: operation.operationName,
      operationType: operation.operationType,
      documentHash: operation.document ? createHash("sha256").update(operation.document).digest("hex") : null,
      variables: redactVariables(operation.variables),
      clientAddress: context.clientAddress,
      outcome: outcomeOf(operation.errorCodes),
      errorCodes: [...new Set(operation.errorCodes)],
      consentIds: [...new Set(context.disclosures.flatMap((disclosure) => disclosure.consentIds ?? []))],
      durationMs: Math.round(performance.now() - context.startedAtMonotonic),
      accesses: context.disclosures.map((disclosure) => ({
        subgraph: disclosure.subgraph,
        subjectId: disclosure.subjectId,
        subjectIdentifier: disclosure.subjectIdentifier ?? null,
        entityType: disclosure.entityType,
        tiers: disclosure.tiers,
        count: disclosure.count,
      })),
    });
  } catch (error) {
    throw new AuditUnavailableError("audit write failed", { cause: error });
  }
}

/**
 * One audit event per operation, written before the response leaves: if it cannot be written the
 * caller gets `AUDIT_UNAVAILABLE` and no data (fail closed, NIST 800-53 AU-5).
 */
export function createAuditPlugin(options: { auditLog: AuditLog; logger: Logger }): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response, contextValue, request, operation, operationName, errors }) {
          const errorCodes =
            response.body.kind === "single"
              ? (response.body.singleResult.errors ?? []).map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"))
              : (errors ?? []).map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          try {
            await recordAuditEvent(options.auditLog, {
              context: contextValue,
              operationName: operationName ?? request.operationName ?? null,
              operationType: operation?.operation ?? null,
              document: request.query ?? null,
              variables: request.variables,
              errorCodes,
            });
          } catch (error) {
            options.logger.error({ err: error, requestId: contextValue.requestId }, "audit unavailable: response withheld");
            response.http.status = 503;
            response.body = {
              kind: "single",
              singleResult: { errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: "AUDIT_UNAVAILABLE" } }] },
            };
          }
        },
      };
    },
  };
}
