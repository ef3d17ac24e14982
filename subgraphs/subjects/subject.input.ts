import { Field, InputType } from "type-graphql";
import type { SubjectKind as SubjectKindValue } from "../../domain/vocabulary";
import { SubjectKind } from "./subject.type";
import { DateScalar } from "../shared/scalars";

/** Owned by the subjects subgraph; records and lists take it in their submissions too. */
@InputType({ description: "How a provider names a subject: identifier, name and kind." })
export class SubjectRef {
  @Field(() => String, { description: "Citizen ID (natural person) or USCC (organisation)." })
  identifier!: string;

  @Field(() => String)
  name!: string;

  @Field(() => SubjectKind)
  kind!: SubjectKindValue;
}

@InputType({ description: "Registration facts a provider holds about a subject (PCIM art. 10)." })
export class SubjectRegistrationInput {
  @Field(() => SubjectRef)
  subject!: SubjectRef;

  @Field(() => String, {
    nullable: true,
    description: "One of the 29 key occupational groups (`occupationGroups`).",
  })
  occupationGroup?: string | null;

  @Field(() => String, { nullable: true, description: "USCC of the employer." })
  employerIdentifier?: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "Whether the person is a state employee (国家工作人员, JRP art. 11).",
  })
  stateEmployee?: boolean | null;

  @Field(() => String, { nullable: true })
  registeredAddress?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "Nature of the organisation (enterprise, state organ, public institution, SOE, …).",
  })
  nature?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      "A state organ's, public institution's or state-owned enterprise's superior unit or competent department (its organisation code): told when the organisation is blacklisted (JRP art. 11).",
  })
  superiorUnit?: string | null;

  @Field(() => SubjectRef, { nullable: true })
  legalRepresentative?: SubjectRef | null;

  @Field(() => [SubjectRef], { nullable: true })
  responsiblePersons?: SubjectRef[] | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The day the legal representative and responsible persons given here took office (default today). Earlier holders keep their period: a person answers for a listing recognised while they held the role (PCIM art. 26).",
  })
  relationsSince?: string | null;
}
