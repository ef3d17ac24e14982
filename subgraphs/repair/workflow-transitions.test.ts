import { describe, expect, it } from "vitest";
import { checkTransition, type TransitionTable } from "../../domain/workflow";
import { ROLES } from "../../platform/viewer";
import { OBJECTION_TRANSITIONS, REPAIR_TRANSITIONS } from "./workflow-transitions";

/** Every (from, to, role) of each workflow: allowed exactly where the table says, refused with the right code elsewhere. */
function everyMove<State extends string>(table: TransitionTable<State>) {
  const states = Object.keys(table) as State[];
  return states.flatMap((from) => states.flatMap((to) => ROLES.map((role) => ({ from, to, role, allowedRoles: table[from][to] as readonly string[] | undefined }))));
}

describe.each([
  ["objection", OBJECTION_TRANSITIONS],
  ["repair", REPAIR_TRANSITIONS],
] as const)("%s workflow", (_name, table) => {
  it.each(everyMove(table as TransitionTable<string>))("$from → $to by $role", ({ from, to, role, allowedRoles }) => {
    const check = checkTransition(table as TransitionTable<string>, from, to, role);
    if (!allowedRoles) expect(check).toMatchObject({ allowed: false, code: "BAD_USER_INPUT" });
    else if (allowedRoles.includes(role)) expect(check).toEqual({ allowed: true });
    else expect(check).toMatchObject({ allowed: false, code: "FORBIDDEN" });
  });
});

describe("the workflows follow the rules", () => {
  it("objections: review by the credit centre, verification by the provider, appeal by the subject", () => {
    expect(OBJECTION_TRANSITIONS.SUBMITTED).toEqual({ UNDER_REVIEW: ["CREDIT_CENTER"] });
    expect(OBJECTION_TRANSITIONS.PROVIDER_VERIFYING).toEqual({ CORRECTED: ["PROVIDER"], UPHELD: ["PROVIDER"] });
    expect(OBJECTION_TRANSITIONS.UPHELD).toEqual({ APPEALED: ["SUBJECT"] });
    expect(OBJECTION_TRANSITIONS.CORRECTED).toEqual({});
  });

  it("repairs: the credit centre completes, only from publicity", () => {
    const completions = Object.entries(REPAIR_TRANSITIONS).filter(([, next]) => "COMPLETED" in next);
    expect(completions).toEqual([["IN_PUBLICITY", { OBJECTED: expect.any(Array), COMPLETED: ["CREDIT_CENTER"] }]]);
  });
});
