import type { Role } from "../platform/viewer";

/** Allowed moves of a workflow: from a state, to a state, by which roles. */
export type TransitionTable<State extends string> = Readonly<Record<State, Partial<Record<State, readonly Role[]>>>>;

export type TransitionCheck =
  | Readonly<{ allowed: true }>
  | Readonly<{ allowed: false; code: "BAD_USER_INPUT" | "FORBIDDEN"; reason: string }>;

/** Whether `role` may move a case from `from` to `to`; the refusal says what is possible instead. */
export function checkTransition<State extends string>(table: TransitionTable<State>, from: State, to: State, role: Role): TransitionCheck {
  const next = table[from] ?? {};
  const roles = next[to];
  if (!roles) {
    const possible = Object.keys(next);
    return {
      allowed: false,
      code: "BAD_USER_INPUT",
      reason: possible.length === 0 ? `${from} is final; no further step` : `cannot go from ${from} to ${to}; from ${from} the next step is ${possible.join(" or ")}`,
    };
  }
  if (!roles.includes(role)) return { allowed: false, code: "FORBIDDEN", reason: `moving from ${from} to ${to} is for ${roles.join(" or ")}` };
  return { allowed: true };
}
