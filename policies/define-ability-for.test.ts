import { subject } from "@casl/ability";
import { describe, expect, it } from "vitest";
import type { Tier } from "../domain/vocabulary";
import { ROLES, type Role, type Viewer } from "../platform/viewer";
import { defineAbilityFor, UnknownRoleError } from "./define-ability-for";

const viewer = (role: Role, extra: Partial<Viewer> = {}): Viewer => ({
  role,
  actor: "a",
  org: "ORG",
  subject: null,
  purpose: null,
  ...extra,
});
const record = (
  tier: Tier,
  extra: Partial<{
    subjectIdentifier: string;
    provider: string;
    current: boolean;
    publicationCleared: boolean;
  }> = {},
) =>
  subject("CreditRecord", {
    subjectIdentifier: "OTHER",
    tier,
    category: "NEGATIVE" as const,
    provider: "SAMR",
    current: true,
    consented: false,
    publicationCleared: true,
    ...extra,
  });

describe("defineAbilityFor", () => {
  it("throws for a role that is not in the table instead of granting defaults", () => {
    expect(() => defineAbilityFor(viewer("ROOT" as Role))).toThrow(UnknownRoleError);
  });

  it("builds an ability for every role of the contract", () => {
    for (const role of ROLES) expect(() => defineAbilityFor(viewer(role))).not.toThrow();
  });

  it("PUBLIC reads the public tier of current items only", () => {
    const ability = defineAbilityFor(viewer("PUBLIC"));
    expect(ability.can("read", record("PUBLIC"))).toBe(true);
    expect(ability.can("read", record("GOVERNMENT"))).toBe(false);
    expect(ability.can("read", record("AUTHORIZED"))).toBe(false);
    expect(ability.can("read", record("PUBLIC", { current: false }))).toBe(false);
  });

  it("reads a natural person's public item awaiting review only as its subject, its provider, a government duty or the credit centre", () => {
    const pending = { subjectIdentifier: "PERSON", provider: "SAMR", publicationCleared: false };
    const entry = (recognizedBy: string) =>
      subject("ListEntry", {
        subjectIdentifier: "PERSON",
        list: "BLACK" as const,
        status: "ACTIVE" as const,
        recognizedBy,
        current: true,
        publicationCleared: false,
      });
    const readers = [
      viewer("SUBJECT", { subject: "PERSON" }),
      viewer("PROVIDER", { org: "SAMR" }),
      viewer("GOVERNMENT", { purpose: "ADMINISTRATIVE_LICENSING" }),
      viewer("CREDIT_CENTER"),
    ];
    for (const reader of readers) {
      expect(defineAbilityFor(reader).can("read", record("PUBLIC", pending)), reader.role).toBe(true);
      expect(defineAbilityFor(reader).can("read", entry("SAMR")), reader.role).toBe(true);
    }
    const others = [
      viewer("PUBLIC"),
      viewer("SUBJECT", { subject: "SOMEONE-ELSE" }),
      viewer("PROVIDER", { org: "OTHER" }),
      viewer("GOVERNMENT", { purpose: "CREDIT_LENDING" }),
      viewer("ORGANIZATION", { org: "BANK", purpose: "CREDIT_LENDING" }),
      viewer("CREDIT_AUTHORITY"),
      viewer("AUDITOR"),
    ];
    for (const other of others) {
      expect(defineAbilityFor(other).can("read", record("PUBLIC", pending)), other.role).toBe(false);
      expect(defineAbilityFor(other).can("read", entry("SAMR")), other.role).toBe(false);
      expect(defineAbilityFor(other).can("decide", "PublicationReview"), other.role).toBe(false);
    }
    expect(defineAbilityFor(viewer("PROVIDER", { org: "SAMR" })).can("decide", "PublicationReview")).toBe(
      false,
    );
    expect(defineAbilityFor(viewer("CREDIT_CENTER")).can("decide", "PublicationReview")).toBe(true);
  });

  it("GOVERNMENT reads the government-shared tier only with a duty purpose", () => {
    expect(defineAbilityFor(viewer("GOVERNMENT")).can("read", record("GOVERNMENT"))).toBe(false);
    expect(
      defineAbilityFor(viewer("GOVERNMENT", { purpose: "ADMINISTRATIVE_LICENSING" })).can(
        "read",
        record("GOVERNMENT"),
      ),
    ).toBe(true);
    expect(
      defineAbilityFor(viewer("GOVERNMENT", { purpose: "CREDIT_LENDING" })).can("read", record("GOVERNMENT")),
    ).toBe(false);
    expect(
      defineAbilityFor(viewer("GOVERNMENT", { purpose: "SUPERVISION" })).can("read", record("AUTHORIZED")),
    ).toBe(false);
  });

  it("a SUBJECT reads all of its own items, expired ones included, and nothing more of others", () => {
    const ability = defineAbilityFor(viewer("SUBJECT", { subject: "OWN" }));
    expect(ability.can("read", record("AUTHORIZED", { subjectIdentifier: "OWN", current: false }))).toBe(
      true,
    );
    expect(ability.can("read", record("GOVERNMENT"))).toBe(false);
  });

  it("a PROVIDER reads what it submitted, expired included", () => {
    const ability = defineAbilityFor(viewer("PROVIDER", { org: "SAMR" }));
    expect(ability.can("read", record("AUTHORIZED", { current: false }))).toBe(true);
    expect(ability.can("read", record("GOVERNMENT", { provider: "TAX" }))).toBe(false);
  });

  it("shows focused monitoring to a government body supervising, and to no one else", () => {
    const allowed = ROLES.flatMap((role) =>
      (["SUPERVISION", "ADMINISTRATIVE_LICENSING", "CREDIT_LENDING"] as const).flatMap((purpose) =>
        defineAbilityFor(viewer(role, { subject: "OWN", purpose })).can("read", "FocusedMonitoring")
          ? [`${role} ${purpose}`]
          : [],
      ),
    );
    expect(allowed).toEqual(["GOVERNMENT SUPERVISION"]);
  });

  it("gives the access log of a subject to that subject alone — not to an auditor or the credit centre", () => {
    const log = (subjectIdentifier: string) => subject("AccessLog", { subjectIdentifier });
    const readers = ROLES.filter((role) =>
      defineAbilityFor(viewer(role, { subject: "OWN", purpose: "SUPERVISION" })).can("read", log("OWN")),
    );
    expect(readers).toEqual(["SUBJECT"]);
    expect(defineAbilityFor(viewer("SUBJECT", { subject: "OWN" })).can("read", log("OTHER"))).toBe(false);
  });

  it("shows prohibited data stored all the same to its subject alone", () => {
    const stored = (subjectIdentifier: string) => subject("ProhibitedData", { subjectIdentifier });
    expect(
      ROLES.filter((role) =>
        defineAbilityFor(viewer(role, { org: "SAMR", subject: "OWN", purpose: "SUPERVISION" })).can(
          "read",
          stored("OWN"),
        ),
      ),
    ).toEqual(["SUBJECT"]);
    expect(defineAbilityFor(viewer("SUBJECT", { subject: "OWN" })).can("read", stored("OTHER"))).toBe(false);
  });

  it("lets only the unit that recognised a list entry remove it", () => {
    const entry = (recognizedBy: string) =>
      subject("ListEntry", {
        subjectIdentifier: "OTHER",
        list: "BLACK" as const,
        status: "ACTIVE" as const,
        recognizedBy,
        current: true,
        publicationCleared: true,
      });
    expect(
      ROLES.filter((role) =>
        defineAbilityFor(viewer(role, { org: "SAMR", subject: "OTHER", purpose: "SUPERVISION" })).can(
          "remove",
          entry("SAMR"),
        ),
      ),
    ).toEqual(["PROVIDER"]);
    expect(defineAbilityFor(viewer("PROVIDER", { org: "SAMR" })).can("remove", entry("TAX"))).toBe(false);
  });

  it("lets a registering PROVIDER claim a subject nobody owns; the credit centre registers without claiming", () => {
    const registration = (registeredBy: string | null, registrars = ["SAMR"]) =>
      subject("Subject", {
        subjectIdentifier: "S",
        kind: "LEGAL_PERSON",
        consented: false,
        registeredBy,
        registrars,
      });
    const provider = defineAbilityFor(viewer("PROVIDER", { org: "SAMR" }));
    expect(provider.can("claim", registration(null))).toBe(true);
    expect(provider.can("claim", registration("SAMR"))).toBe(false);
    expect(provider.can("claim", registration("TAX"))).toBe(false);
    expect(provider.can("claim", registration(null, ["TAX"]))).toBe(false);
    expect(
      ROLES.filter((role) =>
        defineAbilityFor(viewer(role, { org: "SAMR" })).can("claim", registration(null)),
      ),
    ).toEqual(["PROVIDER"]);
  });

  it("denies prohibited data to every role, the credit centre included", () => {
    for (const role of ROLES) {
      const ability = defineAbilityFor(viewer(role, { subject: "OWN", purpose: "SUPERVISION" }));
      for (const field of ["religion", "bloodType", "fingerprint", "medicalHistory", "genes", "disease"]) {
        expect(
          ability.can(
            "read",
            subject("Subject", { subjectIdentifier: "OWN", kind: "NATURAL_PERSON", consented: true }),
            field,
          ),
          `${role} ${field}`,
        ).toBe(false);
      }
    }
  });

  it("lets a registration be changed only by the registering authority that owns it, or claimed by one when nobody does, or by the credit centre", () => {
    const registration = (registeredBy: string | null, registrars = ["SAMR", "TAX"]) =>
      subject("Subject", {
        subjectIdentifier: "ORG-1",
        kind: "LEGAL_PERSON",
        consented: false,
        registeredBy,
        registrars,
      });
    const samr = defineAbilityFor(viewer("PROVIDER", { org: "SAMR" }));
    expect(samr.can("register", registration(null))).toBe(true);
    expect(samr.can("register", registration("SAMR"))).toBe(true);
    expect(samr.can("register", registration("TAX"))).toBe(false);
    // Only a registering authority for the kind of subject claims an unowned registration.
    expect(samr.can("register", registration(null, ["TAX"]))).toBe(false);
    expect(defineAbilityFor(viewer("CREDIT_CENTER")).can("register", registration("TAX"))).toBe(true);
    for (const role of ["PUBLIC", "SUBJECT", "GOVERNMENT", "ORGANIZATION", "AUDITOR"] as const)
      expect(
        defineAbilityFor(viewer(role, { subject: "ORG-1", purpose: "SUPERVISION" })).can(
          "register",
          registration(null),
        ),
        role,
      ).toBe(false);
  });

  it("only the subject itself files objections on its items, manages its consents and issues its credit reports — whatever identifier another role's token carries", () => {
    // CASL marks the object it is given with its type: each check gets its own.
    const own = () => ({ subjectIdentifier: "OWN" });
    const ownItem = subject("Objection", { ...own(), provider: "SAMR" });
    const subjectAbility = defineAbilityFor(viewer("SUBJECT", { subject: "OWN" }));
    expect(subjectAbility.can("file", ownItem)).toBe(true);
    expect(
      subjectAbility.can("file", subject("Objection", { subjectIdentifier: "OTHER", provider: "SAMR" })),
    ).toBe(false);
    for (const action of ["grant", "revoke", "read"] as const)
      expect(subjectAbility.can(action, subject("Consent", own())), action).toBe(true);
    for (const action of ["issue", "revoke", "read"] as const)
      expect(subjectAbility.can(action, subject("CreditReport", own())), action).toBe(true);
    expect(subjectAbility.can("apply", subject("RepairCase", { ...own(), provider: "SAMR" }))).toBe(true);
    for (const role of ROLES.filter((role) => role !== "SUBJECT")) {
      const ability = defineAbilityFor(viewer(role, { subject: "OWN", purpose: "SUPERVISION" }));
      expect(ability.can("file", ownItem), `${role} files`).toBe(false);
      expect(ability.can("grant", subject("Consent", own())), `${role} grants`).toBe(false);
      expect(ability.can("revoke", subject("Consent", own())), `${role} revokes`).toBe(false);
      expect(ability.can("issue", subject("CreditReport", own())), `${role} issues`).toBe(false);
      expect(
        ability.can("apply", subject("RepairCase", { ...own(), provider: "SAMR" })),
        `${role} applies`,
      ).toBe(false);
    }
  });

  it("the repair register is listed by the credit centre, providers and auditors; a repair's eligibility asked by its subject, its provider or the centre", () => {
    const repair = (provider = "SAMR") => subject("RepairCase", { subjectIdentifier: "OWN", provider });
    for (const role of ROLES) {
      const ability = defineAbilityFor(viewer(role, { org: "SAMR", subject: "OWN", purpose: "SUPERVISION" }));
      expect(ability.can("list", "RepairCase"), role).toBe(
        ["CREDIT_CENTER", "AUDITOR", "PROVIDER"].includes(role),
      );
      expect(ability.can("apply", repair()) || ability.can("review", repair()), role).toBe(
        ["SUBJECT", "CREDIT_CENTER", "PROVIDER"].includes(role),
      );
    }
    expect(defineAbilityFor(viewer("PROVIDER", { org: "TAX" })).can("review", repair())).toBe(false);
  });

  it("an AUDITOR reads audit data and no subject data", () => {
    const ability = defineAbilityFor(viewer("AUDITOR"));
    expect(ability.can("read", "AuditEvent")).toBe(true);
    expect(ability.can("read", "Subject")).toBe(false);
    expect(ability.can("read", record("PUBLIC"))).toBe(false);
  });
});
