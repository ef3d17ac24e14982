import { subject } from "@casl/ability";
import { describe, expect, it } from "vitest";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { ForbiddenError } from "../../platform/errors";
import { refuseUnlessAllowed, requireOwnSubject } from "./authorize";

describe("refuseUnlessAllowed", () => {
  it("lets what the role table allows through", () => {
    const ability = defineAbilityFor({
      role: "SUBJECT",
      actor: "a",
      org: null,
      subject: "OWN",
      purpose: null,
    });
    expect(() =>
      refuseUnlessAllowed(
        ability,
        "read",
        subject("AccessLog", { subjectIdentifier: "OWN" }),
        "the access log is for the subject itself",
      ),
    ).not.toThrow();
    expect(() =>
      refuseUnlessAllowed(
        ability,
        "read",
        subject("AccessLog", { subjectIdentifier: "OTHER" }),
        "the access log is for the subject itself",
      ),
    ).toThrow("the access log is for the subject itself");
  });

  it("gives the subject its own identifier, and refuses a token naming no subject or a role the table does not let", () => {
    const viewer = { role: "SUBJECT" as const, actor: "a", org: null, subject: "OWN", purpose: null };
    expect(
      requireOwnSubject(
        { viewer, ability: defineAbilityFor(viewer) },
        "read",
        "AccessLog",
        "the access log is for the subject itself",
      ),
    ).toBe("OWN");
    const nobody = { ...viewer, subject: null };
    expect(() =>
      requireOwnSubject(
        { viewer: nobody, ability: defineAbilityFor(nobody) },
        "read",
        "AccessLog",
        "the access log is for the subject itself",
      ),
    ).toThrow(ForbiddenError);
    const provider = { ...viewer, role: "PROVIDER" as const, org: "HA-SAMR" };
    expect(() =>
      requireOwnSubject(
        { viewer: provider, ability: defineAbilityFor(provider) },
        "issue",
        "CreditReport",
        "only the subject itself issues and manages its credit reports",
      ),
    ).toThrow("only the subject itself issues");
  });
});
