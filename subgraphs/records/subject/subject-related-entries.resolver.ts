import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { CreditRecordContext } from "../credit-record.loaders";
import { listRelatedEntries } from "../credit-record.service";
import { RelatedEntry } from "../related-entry.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectRelatedEntriesResolver {
  @FieldResolver(() => [RelatedEntry], {
    description:
      "Organisations' severe items entered on this person's file because of the person's role (PCIM art. 26), as far as the viewer may read them.",
  })
  async relatedEntries(
    @Root() subject: Subject,
    @Ctx() context: CreditRecordContext,
  ): Promise<RelatedEntry[]> {
    return listRelatedEntries(context, subject.id);
  }
}
