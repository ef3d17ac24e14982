import { subject as policySubject } from "@casl/ability";
import { describe, expect, it } from "vitest";
import { checkTransition, type StepGraph } from "./workflow.rules";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { ROLES, type Role, type Viewer } from "../../platform/viewer";
import { EXPECTED_OBJECTION_MOVERS, EXPECTED_REPAIR_MOVERS } from "../../test/workflow-movers";
import { OBJECTION_STEPS, REPAIR_STEPS } from "./workflow-transitions";

const OWNER = "110101199001011237";
const PROVIDER = "HA-PROVIDER";

/** A viewer of each role; the subject is the case's own, the provider the item's. */
function viewerOf(role: Role): Viewer {
  return {
    role,
    actor: role === "PUBLIC" ? null : `${role}-1`,
    org: role === "SUBJECT" || role === "PUBLIC" ? null : role === "PROVIDER" ? PROVIDER : `HA-${role}`,
    subject: role === "SUBJECT" ? OWNER : null,
    purpose: null,
  };
}

/** Every (from, to, role) of each workflow: allowed exactly where the text says, refused with the right code elsewhere. */
function everyMove<State extends string>(
  graph: StepGraph<State>,
  expected: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>>,
) {
  const states = Object.keys(graph) as State[];
  return states.flatMap((from) =>
    states.flatMap((to) => ROLES.map((role) => ({ from, to, role, allowedRoles: expected[from]?.[to] }))),
  );
}

describe.each([
  ["Objection", OBJECTION_STEPS, EXPECTED_OBJECTION_MOVERS],
  ["RepairCase", REPAIR_STEPS, EXPECTED_REPAIR_MOVERS],
] as const)("%s workflow", (entity, graph, expected) => {
  it("has exactly the states and steps the text gives", () => {
    expect(
      Object.fromEntries(Object.entries(graph).map(([from, next]) => [from, [...(next as string[])].sort()])),
    ).toEqual(
      Object.fromEntries(Object.entries(expected).map(([from, next]) => [from, Object.keys(next).sort()])),
    );
  });

  it.each(everyMove(graph as StepGraph<string>, expected))(
    "$from → $to by $role",
    ({ from, to, role, allowedRoles }) => {
      const ability = defineAbilityFor(viewerOf(role));
      const policy = policySubject(entity, {
        subjectIdentifier: OWNER,
        provider: PROVIDER,
        state: from,
        appealed: from === "APPEALED",
      });
      const check = checkTransition(graph as StepGraph<string>, from, to, ability.can("move", policy, to));
      if (!allowedRoles) expect(check).toMatchObject({ allowed: false, code: "BAD_USER_INPUT" });
      else if (allowedRoles.includes(role)) expect(check).toEqual({ allowed: true });
      else expect(check).toMatchObject({ allowed: false, code: "FORBIDDEN" });
    },
  );
});

describe("ownership is a condition of the step", () => {
  it("another subject cannot appeal, another provider cannot verify or give the opinion", () => {
    const stranger = defineAbilityFor({ ...viewerOf("SUBJECT"), subject: "110101199001011210" });
    const otherProvider = defineAbilityFor({ ...viewerOf("PROVIDER"), org: "HA-OTHER" });
    expect(
      stranger.can(
        "move",
        policySubject("Objection", { subjectIdentifier: OWNER, provider: PROVIDER, state: "UPHELD" }),
        "APPEALED",
      ),
    ).toBe(false);
    expect(
      otherProvider.can(
        "move",
        policySubject("Objection", {
          subjectIdentifier: OWNER,
          provider: PROVIDER,
          state: "PROVIDER_VERIFYING",
        }),
        "CORRECTED",
      ),
    ).toBe(false);
    expect(
      otherProvider.can(
        "move",
        policySubject("RepairCase", { subjectIdentifier: OWNER, provider: PROVIDER, state: "APPLIED" }),
        "OPINION_SUPPORTED",
      ),
    ).toBe(false);
    expect(
      otherProvider.can(
        "move",
        policySubject("RepairCase", { subjectIdentifier: OWNER, provider: PROVIDER, state: "OBJECTED" }),
        "IN_PUBLICITY",
      ),
    ).toBe(false);
  });

  it("the credit authority reads an objection only once it went to appeal", () => {
    const authority = defineAbilityFor(viewerOf("CREDIT_AUTHORITY"));
    expect(
      authority.can(
        "read",
        policySubject("Objection", {
          subjectIdentifier: OWNER,
          provider: PROVIDER,
          state: "UPHELD",
          appealed: false,
        }),
      ),
    ).toBe(false);
    expect(
      authority.can(
        "read",
        policySubject("Objection", {
          subjectIdentifier: OWNER,
          provider: PROVIDER,
          state: "APPEAL_DISMISSED",
          appealed: true,
        }),
      ),
    ).toBe(true);
    expect(
      authority.can("read", policySubject("RepairCase", { subjectIdentifier: OWNER, provider: PROVIDER })),
    ).toBe(false);
  });
});
