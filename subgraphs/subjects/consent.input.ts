import { Field, InputType } from "type-graphql";
import type { Purpose as PurposeValue } from "../../platform/viewer";
import { Purpose } from "./consent.type";

@InputType()
export class ConsentInput {
  @Field(() => String, { description: "Organisation code (USCC) of the party allowed to read." })
  grantee!: string;

  @Field(() => Purpose)
  purpose!: PurposeValue;

  @Field(() => Date, { nullable: true, description: "Default: now." })
  validFrom?: Date | null;

  @Field(() => Date)
  validUntil!: Date;

  @Field(() => String, {
    nullable: true,
    description: "The signed document, or its SHA-256 (64 hex characters); only the hash is kept.",
  })
  evidence?: string | null;
}
