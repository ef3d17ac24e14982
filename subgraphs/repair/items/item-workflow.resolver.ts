import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { DateScalar } from "../../shared/scalars";
import type { ObjectionContext } from "../objection.loaders";
import { findPublicityUntil, isUnderObjection } from "../item-workflow.service";
import { CreditRecord, ListEntry } from "./item.type";

@Resolver(() => CreditRecord)
export class CreditRecordWorkflowResolver {
  @FieldResolver(() => Boolean, {
    description: "An objection about this item is open (PCIM art. 29): shown to everyone who sees the item.",
  })
  async underObjection(@Root() record: CreditRecord, @Ctx() context: ObjectionContext): Promise<boolean> {
    return isUnderObjection(context, record.id);
  }
}

@Resolver(() => ListEntry)
export class ListEntryWorkflowResolver {
  @FieldResolver(() => Boolean, { description: "An objection about this entry is open." })
  async underObjection(@Root() entry: ListEntry, @Ctx() context: ObjectionContext): Promise<boolean> {
    return isUnderObjection(context, entry.id);
  }

  @FieldResolver(() => DateScalar, {
    nullable: true,
    description: "The entry's credit repair is in publicity until this day (5 working days, PCIM art. 32).",
  })
  async repairPublicityUntil(
    @Root() entry: ListEntry,
    @Ctx() context: ObjectionContext,
  ): Promise<string | null> {
    return findPublicityUntil(context, entry.id);
  }
}
