import { useEffect, useState } from "preact/hooks";
import { graphql, GraphQLFailure, type RequestOptions } from "./graphql";
import { useIdentity } from "./session";

export type QueryState<Data> =
  | Readonly<{ status: "loading" }>
  | Readonly<{ status: "failed"; failure: GraphQLFailure }>
  | Readonly<{ status: "done"; data: Data; reload(): void }>;

/**
 * Runs a query when the page shows, again when its variables, purpose or the signed-in identity change;
 * an answer that arrives after a newer request started is dropped.
 */
export function useGraphQL<Data>(query: string, variables: Readonly<Record<string, unknown>> = {}, options: Omit<RequestOptions, "signal"> & { skip?: boolean } = {}): QueryState<Data> {
  const identity = useIdentity();
  const [state, setState] = useState<QueryState<Data>>({ status: "loading" });
  const [round, setRound] = useState(0);
  const key = JSON.stringify([query, variables, options.purpose, identity?.actor, identity?.role, round]);
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    setState({ status: "loading" });
    graphql<Data>(query, variables, { purpose: options.purpose, signal: controller.signal }).then(
      (data) => setState({ status: "done", data, reload: () => setRound((value) => value + 1) }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: "failed", failure: error instanceof GraphQLFailure ? error : new GraphQLFailure("INTERNAL_SERVER_ERROR", String(error)) });
      },
    );
    return () => controller.abort();
  }, [key, options.skip]);
  return state;
}
