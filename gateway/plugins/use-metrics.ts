import type { ApolloServerPlugin } from "@apollo/server";
import { Kind, type OperationDefinitionNode } from "graphql";
import type { GatewayContext } from "../context";

/** The label of a request whose operation was never resolved against the schema (refused early, malformed, invalid). */
export const UNRESOLVED_OPERATION = "unresolved";

/**
 * What an operation is called in metrics and request logs: its type and its root fields from the schema
 * (`query:subject`, `query:measures,subject`), never the client's `operationName`, which is free text
 * and may carry an identifier. Only a validated operation gets here, so the fields are the schema's own.
 */
export function rootFieldsOf(operation: OperationDefinitionNode): string {
  const fields = new Set<string>();
  for (const selection of operation.selectionSet.selections) {
    fields.add(selection.kind === Kind.FIELD ? selection.name.value : "fragment");
  }
  return `${operation.operation}:${[...fields].sort().join(",")}`;
}

/**
 * Names each request's operation (`context.observed.operation`) by its root fields once Apollo has
 * resolved it, and leaves a reader of the answer's error codes for the request's metrics and log line.
 */
export function useMetrics(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation) contextValue.observed.operation = rootFieldsOf(operation);
        },
        async willSendResponse({ response, contextValue }) {
          contextValue.observed.errorCodes = () =>
            response.body.kind === "single"
              ? (response.body.singleResult.errors ?? []).map((error) =>
                  String(error.extensions?.code ?? "INTERNAL_SERVER_ERROR"),
                )
              : [];
        },
      };
    },
  };
}
