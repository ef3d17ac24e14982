import type { SubjectKind } from "./vocabulary";
import type { InputProblem } from "./input-problem";
import { ageOn } from "./dates";

/** 民法典 art. 17: an adult, with full civil capacity, at 18 (reached on the 18th birthday). */
export const AGE_OF_MAJORITY = 18;
/** 民法典 art. 18: from 16 a minor who lives mainly on their own labour income has full civil capacity. */
export const AGE_OF_SELF_SUPPORT = 16;

/**
 * Whether a natural person born on `birthDate` has full civil capacity on `day`: 18 or older, or 16-17
 * when `livesOnOwnLabourIncome` (the provider's attestation; nothing here can verify it).
 */
export function hasFullCivilCapacityOn(
  birthDate: string,
  day: string,
  livesOnOwnLabourIncome: boolean,
): boolean {
  const age = ageOn(birthDate, day);
  return age >= AGE_OF_MAJORITY || (livesOnOwnLabourIncome && age >= AGE_OF_SELF_SUPPORT);
}

/**
 * Whether an item's subject may be a subject of public credit information on the date of the information,
 * `day` (named `dateField` in messages): PCIM art. 2 takes natural persons 「具有完全民事行为能力」 only.
 * Records and list entries both ask here. Organisations always may; a natural person without full civil
 * capacity that day is a problem at `<field>.subject.identifier` (its birth date decides). The attestation
 * `livesOnOwnLabourIncome` (`<field>.subjectLivesOnOwnLabourIncome`) belongs to natural persons only.
 */
export function checkCivilCapacity(
  subject: Readonly<{ kind: SubjectKind; birthDate: string | null }>,
  day: string,
  livesOnOwnLabourIncome: boolean | null | undefined,
  field: string,
  dateField: string,
): InputProblem[] {
  if (subject.kind !== "NATURAL_PERSON") {
    return livesOnOwnLabourIncome
      ? [
          {
            field: `${field}.subjectLivesOnOwnLabourIncome`,
            reason: "only a natural person aged 16 or 17 is attested to live on their own labour income",
            code: "BAD_USER_INPUT",
          },
        ]
      : [];
  }
  if (
    subject.birthDate === null ||
    hasFullCivilCapacityOn(subject.birthDate, day, livesOnOwnLabourIncome === true)
  )
    return [];
  const age = ageOn(subject.birthDate, day);
  const remedy =
    age >= AGE_OF_SELF_SUPPORT
      ? `; at ${AGE_OF_SELF_SUPPORT} or 17 only when the person lives mainly on their own labour income (民法典 art. 18): then state subjectLivesOnOwnLabourIncome: true`
      : "";
  return [
    {
      field: `${field}.subject.identifier`,
      reason: `the person was ${age} on ${dateField} ${day}: public credit information is kept only on natural persons with full civil capacity, ${AGE_OF_MAJORITY} or older (PCIM art. 2, 民法典 art. 17)${remedy}`,
      code: "BAD_USER_INPUT",
    },
  ];
}
