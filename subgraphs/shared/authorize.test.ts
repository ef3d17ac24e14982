import { subject } from "@casl/ability";
import { describe, expect, it } from "vitest";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { refuseUnlessAllowed } from "./authorize";

describe("refuseUnlessAllowed", () => {
  it("lets what the role table allows through", () => {
    const ability = defineAbilityFor({ role: "SUBJECT", actor: "a", org: null, subject: "OWN", purpose: null });
    expect(() => refuseUnlessAllowed(ability, "read", subject("AccessLog", { subjectIdentifier: "OWN" }), "the access log is for the subject itself")).not.toThrow();
    expect(() => refuseUnlessAllowed(ability, "read", subject("AccessLog", { subjectIdentifier: "OTHER" }), "the access log is for the subject itself")).toThrow("the access log is for the subject itself");
  });
});
