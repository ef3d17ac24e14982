import { Directive, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { SubjectKind as SubjectKindValue } from "../../domain/vocabulary";
import { ListStatus, ListType, PublicationState } from "../../domain/vocabulary";
import type { PublicationState as PublicationStateValue } from "../../domain/vocabulary";
import { PageInfo } from "../shared/pagination";
import { SubjectKind } from "../subjects/subject-types.registry";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

registerEnumType(ListType, {
  name: "ListType",
  description: "Red (守信) or black (失信) list, JRP arts. 3-14",
});
registerEnumType(ListStatus, { name: "ListStatus" });
registerEnumType(PublicationState, {
  name: "PublicationState",
  description:
    "The credit centre's review before a natural person's item is published (PCIM art. 14): PENDING, PUBLISHED, REDACTED (published with the reviewer's text), RETURNED (to its provider).",
});

@ObjectType({
  description: "The subject as published with a list entry (JRP art. 8); a person's ID number is masked.",
})
export class ListDisclosure {
  @Field(() => String)
  name!: string;

  @Field(() => SubjectKind)
  kind!: SubjectKindValue;

  @Field(() => String)
  identifier!: string;

  @Field(() => String, { nullable: true })
  sex!: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The decade of the person\'s age ("30-39"), never the exact age: beside the masked ID it would narrow the birth date to a few candidates.',
  })
  ageBand!: string | null;

  @Field(() => String, { nullable: true })
  employer!: string | null;

  @Field(() => String, { nullable: true })
  registeredAddress!: string | null;

  @Field(() => String, { nullable: true })
  nature!: string | null;

  @Field(() => String, { nullable: true })
  legalRepresentative!: string | null;

  @Field(() => String, { nullable: true })
  region!: string | null;
}

@Directive(`@key(fields: "id")`)
@ObjectType({
  description: "An entry on a red or black list, owned by the unit that recognised it (JRP art. 3).",
})
export class ListEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ListType)
  list!: ListType;

  @Field(() => ListStatus)
  status!: ListStatus;

  @Field(() => String, { description: "Code of the recognising unit." })
  recognizedBy!: string;

  @Field(() => DateScalar)
  recognizedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil!: string | null;

  @Field(() => String)
  facts!: string;

  @Field(() => String)
  basis!: string;

  @Field(() => String, { description: "Grounds code (JRP art. 5 or 6)." })
  grounds!: string;

  @Field(() => String, { description: "The grounds in words, with the article." })
  groundsDescription!: string;

  @Field(() => String, { description: "Number of the deciding document." })
  documentNumber!: string;

  @Field(() => String, {
    nullable: true,
    description: "Why the entry left the list (removed, repaired, cross-checked).",
  })
  statusReason!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The correction mark: the day an upheld objection found the entry wrong and took it off the list (JRP art. 16).",
  })
  correctedOn!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day the unit pushed the entry to the city platform (JRP art. 9).",
  })
  pushedOn!: string | null;

  @Field(() => Boolean, {
    description:
      "Pushed later than 7 working days after recognition (JRP art. 9): accepted, and counted against the unit.",
  })
  pushedLate!: boolean;

  @Field(() => ListDisclosure, { description: "What JRP art. 8 publishes with the entry." })
  disclosure!: ListDisclosure;

  @Field(() => PublicationState, {
    nullable: true,
    description:
      "The credit centre's publication review of a natural person's entry, for its subject, its recognising unit and the centre; null for others and for entries that need none.",
  })
  publicationState!: PublicationStateValue | null;

  @Field(() => String, {
    nullable: true,
    description: "RETURNED: why the centre returned the entry (same readers as publicationState).",
  })
  publicationNote!: string | null;
}

@ObjectType()
export class ListEntryEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => ListEntry)
  node!: ListEntry;
}

@ObjectType()
export class ListEntryConnection {
  @Field(() => [ListEntryEdge])
  edges!: ListEntryEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({ description: "A grounds for a list entry (JRP arts. 5-6)." })
export class ListGround {
  @Field(() => ListType)
  list!: ListType;

  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  article!: string;
}

@ObjectType({
  description:
    "A notice to an organisation: its blacklisted staff or subordinate unit (JRP art. 11), or a correction of an item it read or screened (JRP art. 16).",
})
export class Notice {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    description:
      "STATE_EMPLOYEE_BLACKLISTED (to the employer) or SUBORDINATE_UNIT_BLACKLISTED (to the superior unit or competent department), JRP art. 11; CORRECTION (to an organisation that read or screened an item later corrected on an objection), JRP art. 16.",
  })
  kind!: string;

  @Field(() => String, {
    description: "What happened, saying no more of the item than the recipient was shown.",
  })
  message!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ListEntry, {
    nullable: true,
    description:
      "The entry a JRP art. 11 notice is about; null on a CORRECTION (the wrong entry is no longer published).",
  })
  listEntry!: ListEntry | null;

  @Field(() => ID, {
    nullable: true,
    description: "CORRECTION: the id of the corrected record or list entry, as the recipient was given it.",
  })
  correctedItemId!: string | null;

  @Field(() => DateScalar, { nullable: true, description: "CORRECTION: the day the item was corrected." })
  correctedOn!: string | null;

  @Field(() => Date)
  createdAt!: Date;
}
