import { readFile } from "node:fs/promises";
import path from "node:path";
import { subject } from "@casl/ability";
import { Kind, parse, type ObjectTypeDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import type { Tier } from "../domain/vocabulary";
import { PACKAGE_ROOT } from "../platform/package-root";
import { ROLES, type Viewer } from "../platform/viewer";
import { defineAbilityFor } from "./define-ability-for";
import { RELATED_ENTRY_FIELDS } from "./related-entry-fields";

/** An organisation's item entered on a person's file (PCIM art. 26), against the same item read as the organisation's. */
const ORGANISATION = "ORG";
const PERSON = "PERSON";
const TIERS: Tier[] = ["PUBLIC", "GOVERNMENT", "AUTHORIZED"];

const VIEWERS: Viewer[] = ROLES.flatMap((role) => {
  const base: Viewer = { role, actor: "tester", org: null, subject: null, purpose: null };
  return [
    base,
    { ...base, org: "BANK", purpose: "CREDIT_LENDING" },
    { ...base, org: "GOV", purpose: "ADMINISTRATIVE_LICENSING" },
    { ...base, org: "SAMR" },
    { ...base, subject: PERSON },
    { ...base, subject: ORGANISATION },
    { ...base, subject: "SOMEONE-ELSE" },
  ];
});

const ITEMS = TIERS.flatMap((tier) =>
  [true, false].flatMap((current) =>
    [true, false].flatMap((consented) =>
      ["SAMR", "TAX"].map((provider) => ({
        subjectIdentifier: ORGANISATION,
        tier,
        category: "NEGATIVE" as const,
        provider,
        current,
        consented,
        publicationCleared: true,
      })),
    ),
  ),
);

const label = (viewer: Viewer) =>
  `${viewer.role} org=${viewer.org} purpose=${viewer.purpose} subject=${viewer.subject}`;

describe("related entries in the role table", () => {
  it.each(VIEWERS.map((viewer) => [label(viewer), viewer] as const))(
    "the item on a person's file is read exactly as the organisation's item: %s",
    (_label, viewer) => {
      const ability = defineAbilityFor(viewer);
      for (const item of ITEMS) {
        const entry = subject("RelatedEntry", { ...item, relatedSubjectIdentifier: PERSON });
        expect(ability.can("read", entry, "record"), JSON.stringify(item)).toBe(
          ability.can("read", subject("CreditRecord", item)),
        );
      }
    },
  );

  it("the person reads every entry on its own file, expired ones included, without the organisation's details", () => {
    const ability = defineAbilityFor({
      role: "SUBJECT",
      actor: "p",
      org: null,
      subject: PERSON,
      purpose: null,
    });
    for (const item of ITEMS) {
      const entry = subject("RelatedEntry", { ...item, relatedSubjectIdentifier: PERSON });
      for (const field of RELATED_ENTRY_FIELDS)
        expect(ability.can("read", entry, field), `${field} ${JSON.stringify(item)}`).toBe(true);
      expect(ability.can("read", entry, "record"), JSON.stringify(item)).toBe(
        item.tier === "PUBLIC" && item.current,
      );
    }
  });

  it("no one else reads an entry the item's rules do not open: not another person, not a consent holder without the organisation's consent", () => {
    const viewers: Viewer[] = [
      { role: "SUBJECT", actor: "s", org: null, subject: "SOMEONE-ELSE", purpose: null },
      { role: "ORGANIZATION", actor: "b", org: "BANK", subject: null, purpose: "CREDIT_LENDING" },
      { role: "PUBLIC", actor: "p", org: null, subject: null, purpose: null },
    ];
    for (const viewer of viewers) {
      const ability = defineAbilityFor(viewer);
      for (const tier of ["GOVERNMENT", "AUTHORIZED"] as const) {
        const entry = subject("RelatedEntry", {
          subjectIdentifier: ORGANISATION,
          tier,
          category: "NEGATIVE" as const,
          provider: "SAMR",
          current: true,
          consented: false,
          publicationCleared: true,
          relatedSubjectIdentifier: PERSON,
        });
        expect(ability.can("read", entry), `${viewer.role} ${tier}`).toBe(false);
      }
    }
  });

  it("names every field of RelatedEntry but the item itself", async () => {
    const document = parse(
      await readFile(path.join(PACKAGE_ROOT, "subgraphs/records/schema.graphql"), "utf8"),
    );
    const type = document.definitions.find(
      (definition): definition is ObjectTypeDefinitionNode =>
        definition.kind === Kind.OBJECT_TYPE_DEFINITION && definition.name.value === "RelatedEntry",
    );
    const fields = type!.fields!.map((field) => field.name.value).filter((name) => name !== "record");
    expect([...RELATED_ENTRY_FIELDS].sort()).toEqual(fields.sort());
  });
});
