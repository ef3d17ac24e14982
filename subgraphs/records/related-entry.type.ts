import { Field, ID, ObjectType } from "type-graphql";
import { RecordCategory, RecordStatus, Severity, Tier } from "../../domain/vocabulary";
import type { SubjectRelationKind } from "../subjects/subject.registry";
import type {
  RecordCategory as Category,
  RecordStatus as Status,
  Severity as SeverityValue,
  Tier as TierValue,
} from "../../domain/vocabulary";
import { DateScalar } from "../shared/scalars";
import { CreditRecord } from "./credit-record.type";
import { Subject } from "./subject/subject.type";

@ObjectType({
  description:
    "An organisation's severe item entered on this person's file because of the person's role (PCIM art. 26). The entry is the person's to read; the item itself (`record`) is read at the organisation's tier, under the organisation's consents.",
})
export class RelatedEntry {
  @Field(() => ID, { description: "The organisation's item." })
  id!: string;

  @Field(() => String, { description: "LEGAL_REPRESENTATIVE, PRINCIPAL or RESPONSIBLE_PERSON." })
  relation!: SubjectRelationKind;

  @Field(() => DateScalar, {
    nullable: true,
    description:
      "First day the person held the role the entry rests on; null: since before dates were recorded.",
  })
  relationFrom!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "First day the person no longer held it; null: holds it now.",
  })
  relationTo!: string | null;

  @Field(() => Subject, { description: "The organisation whose item it is." })
  organisation!: Subject;

  @Field(() => String, { description: "Code of the item's kind in the record catalog (`recordKinds`)." })
  kind!: string;

  @Field(() => RecordCategory)
  category!: Category;

  @Field(() => Severity, { nullable: true })
  severity!: SeverityValue | null;

  @Field(() => Tier)
  tier!: TierValue;

  @Field(() => String, { description: "Code of the department that provided the item." })
  provider!: string;

  @Field(() => DateScalar)
  decidedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  expiresOn!: string | null;

  @Field(() => RecordStatus)
  status!: Status;

  @Field(() => CreditRecord, {
    nullable: true,
    description:
      "The item with its title and attributes; null unless the viewer may read it as the organisation's.",
  })
  record!: CreditRecord | null;
}
