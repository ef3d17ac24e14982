import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type {
  RecordCategory as Category,
  RecordStatus as Status,
  Severity as SeverityValue,
  Tier as TierValue,
} from "../../db/database";
import { GraphQLJSON } from "graphql-scalars";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

export const RecordCategory = { BASIC: "BASIC", POSITIVE: "POSITIVE", NEGATIVE: "NEGATIVE", OTHER: "OTHER" } as const satisfies Record<Category, Category>;
export const Severity = { GENERAL: "GENERAL", SERIOUS: "SERIOUS", SEVERE: "SEVERE" } as const satisfies Record<SeverityValue, SeverityValue>;
export const Tier = { PUBLIC: "PUBLIC", GOVERNMENT: "GOVERNMENT", AUTHORIZED: "AUTHORIZED" } as const satisfies Record<TierValue, TierValue>;
export const RecordStatus = { ACTIVE: "ACTIVE", EXPIRED: "EXPIRED", CORRECTED: "CORRECTED", ARCHIVED: "ARCHIVED", SUSPENDED: "SUSPENDED" } as const satisfies Record<Status, Status>;
registerEnumType(RecordCategory, { name: "RecordCategory", description: "PCIM arts. 9-13" });
registerEnumType(Severity, { name: "Severity", description: "PCIM art. 15" });
registerEnumType(Tier, { name: "Tier", description: "Use scope (PCIM arts. 18-24)" });
registerEnumType(RecordStatus, {
  name: "RecordStatus",
  valuesConfig: { SUSPENDED: { description: "No longer published: an honour of a subject that entered the black list (JRP art. 14(11)); statusReason says which entry." } },
});

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "One item of public credit information." })
export class CreditRecord {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => RecordCategory)
  category!: Category;

  @Field(() => Severity, { nullable: true })
  severity!: SeverityValue | null;

  @Field(() => Tier)
  tier!: TierValue;

  @Field(() => String)
  title!: string;

  @Field(() => String, { description: "Code of the department that provided the item." })
  provider!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  expiresOn!: string | null;

  @Field(() => RecordStatus)
  status!: Status;

  @Field(() => String, { nullable: true, description: "Why the item left publication, where it was taken off (SUSPENDED: the black-list entry that took it off)." })
  statusReason!: string | null;

  @Field(() => GraphQLJSON, { description: "Further facts the provider submitted (never prohibited data: refused at ingestion)." })
  attributes!: Record<string, unknown>;

  @Field(() => String, {
    nullable: true,
    description: "Null for the subject's own item; LEGAL_REPRESENTATIVE, PRINCIPAL or RESPONSIBLE_PERSON when an organisation's severe item is entered on this person's record (PCIM art. 26).",
  })
  relation!: string | null;
}

@ObjectType({ description: "A kind of item in the record catalog (PCIM arts. 10-13)." })
export class RecordKind {
  @Field(() => String)
  code!: string;

  @Field(() => String)
  name!: string;

  @Field(() => RecordCategory)
  category!: Category;

  @Field(() => Tier)
  defaultTier!: TierValue;

  @Field(() => String)
  article!: string;
}
