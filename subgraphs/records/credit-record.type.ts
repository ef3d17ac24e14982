import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { PublicationState, RecordCategory, RecordStatus, Severity, Tier } from "../../domain/vocabulary";
import type { PublicationState as PublicationStateValue } from "../../domain/vocabulary";
import { GraphQLJSON } from "graphql-scalars";
import type { PenaltyProcedure as PenaltyProcedureValue } from "./record-submission.rules";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

registerEnumType(RecordCategory, { name: "RecordCategory", description: "PCIM arts. 9-13" });
registerEnumType(Severity, { name: "Severity", description: "PCIM art. 15" });
registerEnumType(Tier, { name: "Tier", description: "Use scope (PCIM arts. 18-24)" });
registerEnumType(PublicationState, {
  name: "PublicationState",
  description:
    "The credit centre's review before a natural person's item is published (PCIM art. 14): PENDING, PUBLISHED, REDACTED (published with the reviewer's text), RETURNED (to its provider).",
});
registerEnumType(RecordStatus, {
  name: "RecordStatus",
  valuesConfig: {
    SUSPENDED: {
      description:
        "No longer published: an honour of a subject that entered the black list (JRP art. 14(11)); statusReason says which entry.",
    },
  },
});
export const PenaltyProcedure = { GENERAL: "GENERAL", SIMPLIFIED: "SIMPLIFIED" } as const satisfies Record<
  PenaltyProcedureValue,
  PenaltyProcedureValue
>;
registerEnumType(PenaltyProcedure, {
  name: "PenaltyProcedure",
  description:
    "How an administrative penalty was decided (行政处罚法): GENERAL 一般程序, SIMPLIFIED 简易程序. Only GENERAL is collected (PCIM art. 12(9)).",
});

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "One item of public credit information." })
export class CreditRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => RecordCategory)
  category!: RecordCategory;

  @Field(() => Severity, { nullable: true })
  severity!: Severity | null;

  @Field(() => Tier)
  tier!: Tier;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "Code of the department that provided the item." })
  provider!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  expiresOn!: string | null;

  @Field(() => RecordStatus)
  status!: RecordStatus;

  @Field(() => String, {
    nullable: true,
    description:
      "Why the item left publication, where it was taken off (SUSPENDED: the black-list entry that took it off).",
  })
  statusReason!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "The correction mark: the day an upheld objection corrected the record (JRP art. 16); statusReason says what changed.",
  })
  correctedOn!: string | null;

  @Field(() => GraphQLJSON, {
    description: "Further facts the provider submitted (never prohibited data: refused at ingestion).",
  })
  attributes!: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description:
      "Null for the subject's own item; LEGAL_REPRESENTATIVE, PRINCIPAL or RESPONSIBLE_PERSON when an organisation's severe item is entered on this person's record (PCIM art. 26).",
  })
  relation!: string | null;

  @Field(() => PublicationState, {
    nullable: true,
    description:
      "The credit centre's publication review of a natural person's public item, for its subject, its provider and the centre; null for others and for items that need none.",
  })
  publicationState!: PublicationStateValue | null;

  @Field(() => String, {
    nullable: true,
    description: "RETURNED: why the centre returned the item (same readers as publicationState).",
  })
  publicationNote!: string | null;
}

@ObjectType({ description: "A kind of item in the record catalog (PCIM arts. 10-13)." })
export class RecordKind {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RecordCategory)
  category!: RecordCategory;

  @Field(() => Tier, {
    description:
      "The catalogue tier (PCIM arts. 8, 18): an item may be submitted at this tier or a stricter one, never a wider one.",
  })
  defaultTier!: Tier;

  @Field(() => Tier, {
    description:
      "The catalogue tier of an item of this kind about a natural person: AUTHORIZED for basic information (PCIM arts. 10(1), 21), else defaultTier.",
  })
  naturalPersonTier!: Tier;

  @Field(() => String)
  article!: string;
}
