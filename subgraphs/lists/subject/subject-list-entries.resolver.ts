import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ListEntryContext } from "../list-entry.loaders";
import { listSubjectEntries } from "../list-entry.service";
import { ListEntry } from "../list-entry.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectListEntriesResolver {
  @FieldResolver(() => [ListEntry], {
    description: "Red and black list entries of the subject the viewer may read.",
  })
  async listEntries(
    @Root() subject: Subject,
    @Arg("includeInactive", () => Boolean, { defaultValue: false }) includeInactive: boolean,
    @Ctx() context: ListEntryContext,
  ): Promise<ListEntry[]> {
    return listSubjectEntries(context, subject.id, includeInactive);
  }
}
