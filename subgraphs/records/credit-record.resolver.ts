import { Arg, Ctx, Mutation, Query, Resolver } from "type-graphql";
import type { CreditRecordContext } from "./credit-record.loaders";
import { RecordInput, SubmitResult } from "./credit-record.input";
import { findRecordKinds, submitRecords } from "./credit-record.service";
import { CreditRecord, RecordKind } from "./credit-record.type";

@Resolver(() => CreditRecord)
export class CreditRecordResolver {
  @Mutation(() => SubmitResult, {
    description:
      "PROVIDER: submits up to 5,000 items, all or nothing; re-submitting a document number does not duplicate.",
  })
  async submitRecords(
    @Arg("records", () => [RecordInput]) records: RecordInput[],
    @Ctx() context: CreditRecordContext,
  ): Promise<SubmitResult> {
    return submitRecords(context, records);
  }

  @Query(() => [RecordKind], { description: "The record catalog (PCIM arts. 10-13). Public." })
  async recordKinds(@Ctx() context: CreditRecordContext): Promise<RecordKind[]> {
    return findRecordKinds(context);
  }
}
