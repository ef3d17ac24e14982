import { createHash, randomUUID } from "node:crypto";
import {
  HeaderMap,
  type ApolloServerPlugin,
  type GraphQLRequestContextWillSendResponse,
} from "@apollo/server";
import { Kind, type DocumentNode, type OperationDefinitionNode } from "graphql";
import type { AuditOutcome, CompletedOutcome } from "../../audit-log/audit-event.table";
import { findProhibitedData } from "../../domain/prohibited-data";
import type { Logger } from "../../platform/logger";
import { storableText } from "../../platform/storable-text";
import { redactVariables, type AuditAccessSet, type AuditEntry } from "../../audit-log/chain";
import type { AuditLog } from "../../audit-log/writer";
import type { GatewayContext } from "../context";

const DENIAL_CODES = new Set([
  "UNAUTHENTICATED",
  "FORBIDDEN",
  "PURPOSE_REQUIRED",
  "CONSENT_REQUIRED",
  "QUERY_TOO_COMPLEX",
  "RATE_LIMITED",
]);

/** Longest operation name kept whole; longer ones are cut here (the document hash still identifies the operation). */
export const MAX_STORED_OPERATION_NAME = 200;
/** Largest variables (as JSON) kept whole; larger ones are kept as their size and SHA-256 only. */
export const MAX_STORED_VARIABLES_BYTES = 32_768;

export class AuditUnavailableError extends Error {
  override readonly name = "AuditUnavailableError";
}

export const AUDIT_UNAVAILABLE_MESSAGE =
  "the audit log cannot be written, so no data is returned; try again shortly";

export function outcomeOf(errorCodes: readonly string[]): CompletedOutcome {
  if (errorCodes.length === 0) return "OK";
  return errorCodes.some((code) => DENIAL_CODES.has(code)) ? "DENIED" : "ERROR";
}

export type AuditedOperation = Readonly<{
  context: GatewayContext;
  operationName: string | null;
  operationType: string | null;
  document: string | null;
  variables: unknown;
  /** False for a request refused before it ran: its variables are kept as size and hash only. */
  executed: boolean;
  /** The variables the operation declares; any other the client sent is kept as size and hash only. Absent: none kept whole. */
  declaredVariables?: ReadonlySet<string>;
  /** The document declares a mutation (whether or not it validated): its kept variables are scanned for prohibited data. */
  declaresMutation?: boolean;
  errorCodes: readonly string[];
}>;

/**
 * The variables as stored: secrets removed; whole when the operation ran and they are small, else only
 * their size and SHA-256 — so a refused or oversized request cannot make the log a store of its own. A
 * mutation's variables holding prohibited data (which its subgraph refuses) are kept as the digest too:
 * the audit must not become where such data is kept (PCIM art. 14). Reads are not scanned — a 1,000-
 * identifier screen would pay for it, and reads store nothing but identifiers and filters.
 *
 * Only the variables the operation declares (`declared`) can be kept whole: the others reach no resolver, so
 * they are whatever a client chose to write into the log, and are kept as `"[undeclared]": {bytes, sha256}`.
 * No declared name can collide with either bracketed key (a GraphQL name has no brackets).
 */
export function storedVariables(
  variables: unknown,
  executed: boolean,
  mutation = false,
  declared?: ReadonlySet<string>,
): Record<string, unknown> {
  const redacted = redactVariables(variables);
  if (!executed || !declared) return digestOf(redacted) ?? redacted;
  const kept: Record<string, unknown> = {};
  const undeclared: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(redacted))
    (declared.has(name) ? kept : undeclared)[name] = value;
  const text = JSON.stringify(kept);
  const keptWhole =
    text.length <= MAX_STORED_VARIABLES_BYTES &&
    !(mutation && findProhibitedData(kept, "variables").length > 0);
  const stored = keptWhole ? kept : (digestOf(kept) ?? kept);
  const digest = digestOf(undeclared);
  return digest ? { ...stored, "[undeclared]": digest["[digest]"] } : stored;
}

/** `{"[digest]": {bytes, sha256}}` of variables' JSON; undefined when there are none. */
function digestOf(
  variables: Record<string, unknown>,
): { "[digest]": { bytes: number; sha256: string } } | undefined {
  const text = JSON.stringify(variables);
  if (text === "{}") return undefined;
  return {
    "[digest]": { bytes: Buffer.byteLength(text), sha256: createHash("sha256").update(text).digest("hex") },
  };
}

/** The access sets of the event: each subgraph's disclosure groups as they came (consents go to the event). */
function accessesOf(context: GatewayContext): AuditAccessSet[] {
  return context.disclosures.map((group) => ({
    subgraph: group.subgraph,
    entityType: group.entityType,
    tiers: group.tiers,
    subjectIds: group.subjectIds,
    subjectIdentifiers: group.subjectIdentifiers,
    counts: group.counts,
    itemIds: group.itemIds ?? [],
  }));
}

const consentIdsOf = (context: GatewayContext) => [
  ...new Set(context.disclosures.flatMap((disclosure) => disclosure.consentIds ?? [])),
];
const durationOf = (context: GatewayContext) => Math.round(performance.now() - context.startedAtMonotonic);

function entryOf(operation: AuditedOperation, outcome: AuditOutcome): AuditEntry {
  const { context } = operation;
  const pending = outcome === "PENDING";
  return {
    id: randomUUID(),
    requestId: context.requestId,
    at: new Date(context.startedAt),
    actor: context.viewer.actor,
    role: context.viewer.role,
    org: context.viewer.org,
    purpose: context.viewer.purpose,
    // Cut first, then escape: a cut through a surrogate pair leaves half of it, which PostgreSQL cannot store either,
    // and one unstorable name would fail every event of the writer's batch.
    operationName:
      operation.operationName === null
        ? null
        : storableText(operation.operationName.slice(0, MAX_STORED_OPERATION_NAME)),
    operationType: operation.operationType,
    documentHash: operation.document ? createHash("sha256").update(operation.document).digest("hex") : null,
    variables: storedVariables(
      operation.variables,
      operation.executed,
      operation.operationType === "mutation" || operation.declaresMutation === true,
      operation.declaredVariables,
    ),
    clientAddress: context.clientAddress,
    outcome,
    errorCodes: pending ? [] : [...new Set(operation.errorCodes)],
    consentIds: pending ? [] : consentIdsOf(context),
    durationMs: pending ? 0 : durationOf(context),
    accesses: pending ? [] : accessesOf(context),
  };
}

/**
 * Writes the one event of a request: complete, or — for a mutation whose PENDING event was written before
 * it ran — its completion. Throws `AuditUnavailableError` if it can't.
 */
export async function recordAuditEvent(auditLog: AuditLog, operation: AuditedOperation): Promise<void> {
  const { context } = operation;
  context.audit.written = true;
  try {
    if (context.audit.pendingEvent) {
      await auditLog.complete(
        {
          eventId: context.audit.pendingEvent.id,
          outcome: outcomeOf(operation.errorCodes),
          errorCodes: [...new Set(operation.errorCodes)],
          consentIds: consentIdsOf(context),
          durationMs: durationOf(context),
          accesses: accessesOf(context),
        },
        context.audit.pendingEvent.hash,
      );
    } else {
      await auditLog.append(entryOf(operation, outcomeOf(operation.errorCodes)));
    }
  } catch (error) {
    throw new AuditUnavailableError("audit write failed", { cause: error });
  }
}

/** Writes a mutation's event before it runs (outcome PENDING): no effect can then commit without it. */
async function recordMutationIntent(auditLog: AuditLog, operation: AuditedOperation): Promise<void> {
  const entry = entryOf(operation, "PENDING");
  try {
    const hash = await auditLog.append(entry);
    operation.context.audit.pendingEvent = { id: entry.id, hash };
  } catch (error) {
    throw new AuditUnavailableError("audit write failed", { cause: error });
  }
}

const auditUnavailable = () => ({
  http: { status: 503, headers: new HeaderMap() },
  body: {
    kind: "single" as const,
    singleResult: {
      errors: [{ message: AUDIT_UNAVAILABLE_MESSAGE, extensions: { code: "AUDIT_UNAVAILABLE" } }],
    },
  },
});

function operationOf(
  requestContext: Pick<
    GraphQLRequestContextWillSendResponse<GatewayContext>,
    "contextValue" | "request" | "document" | "operation" | "operationName"
  >,
  errorCodes: readonly string[],
): AuditedOperation {
  const { contextValue, request, document, operation, operationName } = requestContext;
  // A document that parsed but did not validate resolved no operation; the one it names still declares its variables.
  const declaring = operation ?? operationNamedIn(document, request.operationName);
  return {
    context: contextValue,
    operationName: operationName ?? request.operationName ?? null,
    operationType: operation?.operation ?? null,
    document: request.query ?? null,
    variables: request.variables,
    // A document that did not parse declares nothing: its variables are kept as the digest, as a refusal's.
    executed: document !== undefined,
    declaredVariables: new Set(
      (declaring?.variableDefinitions ?? []).map((definition) => definition.variable.name.value),
    ),
    declaresMutation: declaring?.operation === "mutation",
    errorCodes,
  };
}

/** The operation a parsed document holds under `name`, or its only one when no name is given. */
function operationNamedIn(
  document: DocumentNode | undefined,
  name: string | null | undefined,
): OperationDefinitionNode | undefined {
  const operations = (document?.definitions ?? []).filter(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (name) return operations.find((definition) => definition.name?.value === name);
  return operations.length === 1 ? operations[0] : undefined;
}

/**
 * One audit event per operation, written before anything leaves: a mutation's event before it runs (and
 * completed after), any other operation's before its answer. If it cannot be written the caller gets
 * `AUDIT_UNAVAILABLE` and neither data nor effect (fail closed, NIST 800-53 AU-5).
 */
export function createAuditPlugin(options: {
  auditLog: AuditLog;
  logger: Logger;
}): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async responseForOperation(requestContext) {
          if (requestContext.operation.operation !== "mutation") return null;
          try {
            await recordMutationIntent(options.auditLog, operationOf(requestContext, []));
            return null;
          } catch (error) {
            options.logger.error(
              { err: error, requestId: requestContext.contextValue.requestId },
              "audit unavailable: mutation not run",
            );
            return auditUnavailable();
          }
        },
        async willSendResponse(requestContext) {
          const { response, errors } = requestContext;
          const errorCodes =
            response.body.kind === "single"
              ? (response.body.singleResult.errors ?? []).map((error) =>
                  String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
                )
              : (errors ?? []).map((error) => String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"));
          try {
            await recordAuditEvent(options.auditLog, operationOf(requestContext, errorCodes));
          } catch (error) {
            options.logger.error(
              { err: error, requestId: requestContext.contextValue.requestId },
              "audit unavailable: response withheld",
            );
            response.http.status = 503;
            response.body = auditUnavailable().body;
          }
        },
      };
    },
  };
}
