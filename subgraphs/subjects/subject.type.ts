import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { SubjectKind as SubjectKindValue } from "../../db/database";

export const SubjectKind = {
  NATURAL_PERSON: "NATURAL_PERSON",
  LEGAL_PERSON: "LEGAL_PERSON",
  OTHER_ORGANIZATION: "OTHER_ORGANIZATION",
} as const satisfies Record<SubjectKindValue, SubjectKindValue>;
registerEnumType(SubjectKind, { name: "SubjectKind", description: "PCIM art. 2" });

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A natural person, legal person or other organisation (信息主体)." })
export class Subject {
  @Field(() => ID)
  id!: string;

  @Field(() => SubjectKind)
  kind!: SubjectKindValue;

  @Field(() => String, {
    description: "Citizen ID or USCC; a natural person's is masked (first 6, eight '*', last 4) unless the viewer may see it whole.",
  })
  identifier!: string;

  @Field(() => String)
  name!: string;
}
