import { subject as policySubject } from "@casl/ability";
import type { AppAbility } from "./ability";
import { PERSON_AUTHORIZED_FIELDS, PERSON_GOVERNMENT_FIELDS } from "./subject-fields";

const BEYOND_PUBLIC = [...PERSON_GOVERNMENT_FIELDS, ...PERSON_AUTHORIZED_FIELDS];

/**
 * Whether the viewer is entitled to this natural person's data beyond the public tier — the person itself, a
 * government duty, a valid consent, the credit centre — by the role table's own field rules. A caller who is not
 * reads at most what the public lists show, and every person it asks about is charged to the per-person budget
 * (subgraphs/shared/person-lookups.ts): a masked ID's middle is not to be guessed by asking.
 */
export function entitledToPerson(ability: AppAbility, identifier: string, consented: boolean): boolean {
  const person = policySubject("Subject", {
    subjectIdentifier: identifier,
    kind: "NATURAL_PERSON",
    consented,
    publicInformation: false,
  });
  return BEYOND_PUBLIC.some((field) => ability.can("read", person, field));
}
