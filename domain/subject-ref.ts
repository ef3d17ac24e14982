import type { SubjectKind } from "./vocabulary";
import type { InputProblem } from "./input-problem";
import { birthDateOfCitizenId, checkIdentifier, regionOfUscc, sexOfCitizenId } from "./identifiers";

/** How a provider names the subject of a submission (CONTRACT.md `SubjectRef`). */
export type SubjectRef = Readonly<{ identifier: string; name: string; kind: SubjectKind }>;

/** A subject ready to register: identifier normalized and the facts it encodes derived. */
export type RegisteredSubject = Readonly<{
  identifier: string;
  name: string;
  kind: SubjectKind;
  sex: "MALE" | "FEMALE" | null;
  birthDate: string | null;
  region: string | null;
}>;

const KINDS = new Set<unknown>(["NATURAL_PERSON", "LEGAL_PERSON", "OTHER_ORGANIZATION"]);

/** Validates a `SubjectRef` (a natural person's citizen ID, an organisation's USCC) and derives its facts. */
export function checkSubjectRef(ref: SubjectRef, field: string, problems: InputProblem[], today: string): RegisteredSubject | null {
  const name = typeof ref.name === "string" ? ref.name.trim() : "";
  if (name.length === 0 || name.length > 200) {
    problems.push({ field: `${field}.name`, reason: "a subject's name is 1 to 200 characters", code: "BAD_USER_INPUT" });
  }
  if (!KINDS.has(ref.kind)) {
    problems.push({ field: `${field}.kind`, reason: "one of NATURAL_PERSON, LEGAL_PERSON, OTHER_ORGANIZATION", code: "BAD_USER_INPUT" });
    return null;
  }
  const check = checkIdentifier(String(ref.identifier ?? ""), ref.kind === "NATURAL_PERSON" ? "CITIZEN_ID" : "USCC", today);
  if (!check.valid) {
    problems.push({
      field: `${field}.identifier`,
      reason: `${check.rule}${ref.kind === "NATURAL_PERSON" ? " (a natural person is named by the citizen ID)" : " (an organisation is named by its USCC)"}`,
      code: "INVALID_IDENTIFIER",
    });
    return null;
  }
  const person = ref.kind === "NATURAL_PERSON";
  return {
    identifier: check.identifier,
    name,
    kind: ref.kind,
    sex: person ? sexOfCitizenId(check.identifier) : null,
    birthDate: person ? birthDateOfCitizenId(check.identifier) : null,
    region: person ? check.identifier.slice(0, 6) : regionOfUscc(check.identifier),
  };
}
