import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { ListType } from "../../domain/vocabulary";
import type { ListType as ListTypeValue } from "../../domain/vocabulary";
import { ListEntryInput, ListFilter } from "./list-entry.input";
import type { ListEntryContext } from "./list-entry.loaders";
import { ListEntry, ListEntryConnection, ListGround, Notice } from "./list-entry.type";
import {
  findListGrounds,
  findMyNotices,
  findPublicList,
  recognizeListEntry,
  removeListEntry,
} from "./list-entry.workflow";

@Resolver(() => ListEntry)
export class ListEntryResolver {
  @FieldResolver(() => String, {
    description:
      "The recognising unit by its name (JRP art. 8 「认定单位」, data/units.yaml); its code when the directory lacks it.",
  })
  async recognizedByName(@Root() entry: ListEntry, @Ctx() context: ListEntryContext): Promise<string> {
    return (await context.loaders.unitName.load(entry.recognizedBy)) ?? entry.recognizedBy;
  }

  @Query(() => ListEntryConnection, {
    description: "Black-list entries in force, with their JRP art. 8 disclosure. Public.",
  })
  async publicBlacklist(
    @Arg("filter", () => ListFilter, { nullable: true }) filter: ListFilter | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: ListEntryContext,
  ): Promise<ListEntryConnection> {
    return findPublicList(context, "BLACK", filter ?? {}, first, after ?? null);
  }

  @Query(() => ListEntryConnection, { description: "Red-list entries in force. Public." })
  async publicRedlist(
    @Arg("filter", () => ListFilter, { nullable: true }) filter: ListFilter | null,
    @Arg("first", () => Int, { defaultValue: 20 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: ListEntryContext,
  ): Promise<ListEntryConnection> {
    return findPublicList(context, "RED", filter ?? {}, first, after ?? null);
  }

  @Query(() => [ListGround], { description: "The grounds codes of JRP arts. 5-6. Public." })
  listGrounds(@Arg("list", () => ListType, { nullable: true }) list: ListTypeValue | null): ListGround[] {
    return findListGrounds(list ?? null);
  }

  @Query(() => [Notice], {
    description: "Notices to the viewer's organisation about its blacklisted staff (JRP art. 11).",
  })
  async myNotices(@Ctx() context: ListEntryContext): Promise<Notice[]> {
    return findMyNotices(context);
  }

  @Mutation(() => ListEntry, {
    description:
      "PROVIDER (the recognising unit): enters a subject on a list. BLACK removes active RED entries; RED for a subject with a BLACK entry in force is BAD_USER_INPUT (JRP art. 4).",
  })
  async recognizeListEntry(
    @Arg("input", () => ListEntryInput) input: ListEntryInput,
    @Ctx() context: ListEntryContext,
  ): Promise<ListEntry> {
    return recognizeListEntry(context, input);
  }

  @Mutation(() => ListEntry, { description: "The recognising unit takes its entry off the list." })
  async removeListEntry(
    @Arg("id", () => ID) id: string,
    @Arg("reason", () => String) reason: string,
    @Ctx() context: ListEntryContext,
  ): Promise<ListEntry> {
    return removeListEntry(context, id, reason);
  }
}
