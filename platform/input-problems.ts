import type { InputProblem } from "../domain/input-problem";
import { CreditError, type ErrorCode } from "./errors";

const PRIORITY: ReadonlyArray<InputProblem["code"]> = [
  "PROHIBITED_DATA",
  "INVALID_IDENTIFIER",
  "BAD_USER_INPUT",
];
const LISTED = 100;

/**
 * Refuses a whole input when anything in it is wrong: one error whose code is the gravest problem's,
 * whose message names the first few (field and reason), and whose `problems` extension lists up to a
 * hundred. Nothing of the input has been stored when this throws.
 */
export function refuseIfProblems(problems: readonly InputProblem[], what: string): void {
  if (problems.length === 0) return;
  const code: ErrorCode =
    PRIORITY.find((candidate) => problems.some((problem) => problem.code === candidate)) ?? "BAD_USER_INPUT";
  const first = problems
    .slice(0, 3)
    .map((problem) => `${problem.field}: ${problem.reason}`)
    .join("; ");
  throw new CreditError(
    code,
    `${what} refused, nothing was stored (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${first}${problems.length > 3 ? "; …" : ""}`,
    { problems: problems.slice(0, LISTED) },
  );
}
