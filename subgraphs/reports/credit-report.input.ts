import { Field, InputType, Int } from "type-graphql";
import { Tier } from "../../domain/vocabulary";
import type { Tier as TierValue } from "../../domain/vocabulary";
import type { Purpose as PurposeValue } from "../../platform/viewer";
import { Purpose } from "../subjects/subject-types.registry";

@InputType()
export class CreditReportInput {
  @Field(() => Purpose, {
    description:
      "What the report is for (e.g. EMPLOYMENT_SCREENING, PUBLIC_RESOURCE_TRADING); printed on it.",
  })
  purpose!: PurposeValue;

  @Field(() => [Tier], {
    nullable: true,
    description: "Tiers to show besides PUBLIC (always shown): GOVERNMENT, AUTHORIZED. Default: PUBLIC only.",
  })
  tiers?: TierValue[] | null;

  @Field(() => Int, {
    nullable: true,
    description: "Days the verification code stays valid: 1 to 90, default 30.",
  })
  validDays?: number | null;
}
