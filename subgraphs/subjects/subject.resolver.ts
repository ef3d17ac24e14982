import { Arg, Ctx, Query, Resolver } from "type-graphql";
import type { SubjectContext } from "./subject.loaders";
import { findSubject } from "./subject.service";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectResolver {
  @Query(() => Subject, { nullable: true, description: "Looks a subject up by citizen ID or USCC; INVALID_IDENTIFIER on a bad checksum." })
  async subject(@Arg("identifier", () => String) identifier: string, @Ctx() context: SubjectContext): Promise<Subject | null> {
    return findSubject(context, identifier);
  }
}
