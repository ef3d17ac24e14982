/**
 * The states of a workflow and the steps out of each. Who may take a step is a rule of the role table
 * (`move` in policies/roles.ts), never a list of role names here.
 */
export type StepGraph<State extends string> = Readonly<Record<State, readonly State[]>>;

export type TransitionCheck =
  | Readonly<{ allowed: true }>
  | Readonly<{ allowed: false; code: "BAD_USER_INPUT" | "FORBIDDEN"; reason: string }>;

/**
 * Whether a case may go from `from` to `to`: BAD_USER_INPUT naming the possible steps when there is no
 * such step, FORBIDDEN when there is one but `mayMove` (the viewer's `move` rule for it) is false.
 */
/** The steps from `from` that the viewer may take (`mayMove`: the role table's `move` rule for each), in the graph's order. */
export function stepsAllowed<State extends string>(
  graph: StepGraph<State>,
  from: State,
  mayMove: (to: State) => boolean,
): State[] {
  return (graph[from] ?? []).filter(mayMove);
}

export function checkTransition<State extends string>(
  graph: StepGraph<State>,
  from: State,
  to: State,
  mayMove: boolean,
): TransitionCheck {
  const next = graph[from] ?? [];
  if (!next.includes(to)) {
    return {
      allowed: false,
      code: "BAD_USER_INPUT",
      reason:
        next.length === 0
          ? `${from} is final; no further step`
          : `cannot go from ${from} to ${to}; from ${from} the next step is ${next.join(" or ")}`,
    };
  }
  if (!mayMove)
    return { allowed: false, code: "FORBIDDEN", reason: `moving from ${from} to ${to} is not yours to do` };
  return { allowed: true };
}
