import type { ApolloServerPlugin } from "@apollo/server";
import { Kind } from "graphql";
import { BadUserInputError } from "../../platform/errors";

/**
 * Refuses, with BAD_USER_INPUT and HTTP 400, a document whose operation cannot be chosen (several
 * operations and no `operationName`, or an `operationName` the document does not hold) and a
 * subscription. Apollo Server leaves these to the executor, and the gateway's executor throws on them,
 * which Apollo answers as HTTP 500.
 */
export function useOperationResolution<TContext extends object>(): ApolloServerPlugin<TContext> {
  const refuse = (message: string) => new BadUserInputError(message, { http: { status: 400 } });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, request }) {
          if (operation?.operation === "subscription")
            throw refuse("this service has no subscriptions; send a query or a mutation");
          if (operation) return;
          const operations = document.definitions.filter(
            (definition) => definition.kind === Kind.OPERATION_DEFINITION,
          ).length;
          throw refuse(
            request.operationName
              ? "operationName names no operation of the document; pass the name of one of its operations, or leave it out when the document holds only one"
              : `the document holds ${operations} operations; say which one to run in operationName`,
          );
        },
      };
    },
  };
}
