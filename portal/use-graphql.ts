import { useEffect, useState } from "preact/hooks";
import { graphql, GraphQLFailure, type RequestOptions } from "./graphql";
import { useIdentity } from "./session";

export type QueryState<Data> =
  | Readonly<{ status: "loading" }>
  | Readonly<{ status: "failed"; failure: GraphQLFailure }>
  | Readonly<{ status: "done"; data: Data; reload(): void }>;

/**
 * Runs a query when the page shows, again when its variables, purpose or the signed-in identity change;
 * an answer that arrives after a newer request started is dropped. Each state is kept with the question it
 * answers: in the render where the variables have changed but the new request has not started yet, the
 * page is loading — never the new page number over the old page's rows.
 */
const LOADING: QueryState<never> = { status: "loading" };

export function useGraphQL<Data>(query: string, variables: Readonly<Record<string, unknown>> = {}, options: Omit<RequestOptions, "signal"> & { skip?: boolean } = {}): QueryState<Data> {
  const identity = useIdentity();
  const [answer, setAnswer] = useState<{ key: string; state: QueryState<Data> } | undefined>(undefined);
  const [round, setRound] = useState(0);
  const key = JSON.stringify([query, variables, options.purpose, identity?.actor, identity?.role, round]);
  useEffect(() => {
    if (options.skip) return;
    const controller = new AbortController();
    graphql<Data>(query, variables, { purpose: options.purpose, signal: controller.signal }).then(
      (data) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: "done", data, reload: () => setRound((value) => value + 1) } });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setAnswer({ key, state: { status: "failed", failure: error instanceof GraphQLFailure ? error : new GraphQLFailure("INTERNAL_SERVER_ERROR", String(error)) } });
      },
    );
    return () => controller.abort();
  }, [key, options.skip]);
  return answer?.key === key ? answer.state : LOADING;
}
