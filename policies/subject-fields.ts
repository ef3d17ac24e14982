/**
 * The tier of each Subject field (PCIM arts. 18-24): what a viewer reads of a subject follows the tiers
 * the matrix grants it. An organisation's registration facts are public (PCIM art. 10(2), JRP art. 8(2));
 * a person's are not.
 */
export const SUBJECT_PUBLIC_FIELDS = ["id", "kind", "name"];
export const ORGANISATION_PUBLIC_FIELDS = [
  "identifier",
  "registeredAddress",
  "nature",
  "region",
  "legalRepresentative",
  "responsiblePersons",
];
/** Government-shared tier of a natural person: the whole ID number and what it encodes. */
export const PERSON_GOVERNMENT_FIELDS = ["identifier", "sex", "birthDate", "region", "occupationGroup"];
/** Authorized tier of a natural person: employment. */
export const PERSON_AUTHORIZED_FIELDS = ["employer", "stateEmployee"];
