import { useEffect, useState } from "preact/hooks";
import type { TypedDocumentString } from "./gql/graphql";
import { asFailure, GraphQLFailure, request, type RequestOptions, type VariablesThen } from "./graphql";
import { useIdentity } from "./session";

export type QueryState<Data> =
  | Readonly<{ status: "loading" }>
  | Readonly<{ status: "failed"; failure: GraphQLFailure }>
  | Readonly<{ status: "done"; data: Data; reload(): void }>;

export type QueryOptions = Omit<RequestOptions, "signal"> & { skip?: boolean };

/**
 * Runs a query when the page shows, again when its variables, purpose or the signed-in identity change;
 * an answer that arrives after a newer request started is dropped. Each state is kept with the question it
 * answers: in the render where the variables have changed but the new request has not started yet, the
 * page is loading — never the new page number over the old page's rows.
 */
const LOADING: QueryState<never> = { status: "loading" };

export function useGraphQL<Data, Variables>(
  document: TypedDocumentString<Data, Variables>,
  ...[variables, options = {}]: VariablesThen<Variables, QueryOptions>
): QueryState<Data> {
  const identity = useIdentity();
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<Data> } | undefined>(undefined);
  const [round, setRound] = useState(0);
  const query = document.toString();
  const key = JSON.stringify([
    query,
    variables ?? {},
    options.purpose,
    identity?.actor,
    identity?.role,
    round,
  ]);
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    // The variables are the document's own (checked by the caller's types); the rest tuple cannot say so.
    const send = request as (
      document: TypedDocumentString<Data, Variables>,
      variables: unknown,
      options: RequestOptions,
    ) => Promise<Data>;
    send(document, variables ?? {}, { purpose: options.purpose, signal: controller.signal }).then(
      (data) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: "done", data, reload: () => setRound((value) => value + 1) } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: "failed", failure: asFailure(error) } });
      },
    );
    return () => controller.abort();
  }, [key, options.skip]);
  return answer?.key === key ? answer.state : LOADING;
}
