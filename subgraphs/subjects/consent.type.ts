import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Purpose } from "../../domain/vocabulary";
import type { Purpose as PurposeValue } from "../../domain/vocabulary";

export { Purpose };
registerEnumType(Purpose, {
  name: "Purpose",
  description: "The duty or purpose a query is made for (X-Credit-Purpose).",
});

@ObjectType({
  description: "A subject's written consent (书面授权, PCIM art. 21) for one organisation and purpose.",
})
export class Consent {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Organisation code of the party allowed to read the authorized tier." })
  grantee!: string;

  @Field(() => Purpose)
  purpose!: PurposeValue;

  @Field(() => Date)
  validFrom!: Date;

  @Field(() => Date)
  validUntil!: Date;

  @Field(() => String, { nullable: true, description: "SHA-256 of the evidence document." })
  evidenceHash!: string | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => Boolean, { description: "In force now: begun, not ended, not revoked." })
  valid!: boolean;
}
