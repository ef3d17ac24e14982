import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { SubjectRelationKind } from "./subject.table";
import { SubjectKind } from "../../domain/vocabulary";

registerEnumType(SubjectKind, { name: "SubjectKind", description: "PCIM art. 2" });
/** Registered here: other slices take it through subject-types.registry.ts, so the enum is known wherever it is used. */
export { SubjectKind };

/** Subject fields each read under its own permission (`permittedFieldsOf`); unpermitted ones are null with FORBIDDEN. */
export const GUARDED_SUBJECT_FIELDS = [
  "sex",
  "birthDate",
  "occupationGroup",
  "employer",
  "stateEmployee",
  "registeredAddress",
  "nature",
  "region",
  "legalRepresentative",
  "responsiblePersons",
] as const;
export type GuardedSubjectField = (typeof GUARDED_SUBJECT_FIELDS)[number];

export type SubjectDetails = Readonly<{
  sex: string | null;
  birthDate: string | null;
  occupationGroup: string | null;
  employerIdentifier: string | null;
  stateEmployee: boolean;
  registeredAddress: string | null;
  nature: string | null;
  region: string | null;
}>;

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A natural person, legal person or other organisation (信息主体)." })
export class Subject {
  @Field(() => ID)
  id!: string;

  @Field(() => SubjectKind)
  kind!: SubjectKind;

  @Field(() => String, {
    description:
      "Citizen ID or USCC; a natural person's is masked (first 6, eight '*', last 4) unless the viewer may see it whole.",
  })
  identifier!: string;

  @Field(() => String)
  name!: string;

  /** Not in the schema: the guarded facts and which of them this viewer may read. */
  details!: SubjectDetails;
  readableFields!: ReadonlySet<GuardedSubjectField>;
}

@ObjectType({ description: "A person answerable for an organisation (PCIM art. 26)." })
export class ResponsiblePerson {
  @Field(() => String, { description: "LEGAL_REPRESENTATIVE, PRINCIPAL or RESPONSIBLE_PERSON." })
  relation!: SubjectRelationKind;

  @Field(() => Subject)
  person!: Subject;
}

@ObjectType({ description: "A key occupational group with an individual credit file." })
export class OccupationGroup {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;
}
