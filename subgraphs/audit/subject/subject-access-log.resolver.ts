import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { AuditContext } from "../audit-event.loaders";
import { listSubjectAccessLog } from "../audit-event.service";
import { AccessRecord } from "../audit-event.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectAccessLogResolver {
  @FieldResolver(() => [AccessRecord], {
    description: "Who was shown this subject's data, newest first: for auditors, and for the subject itself.",
  })
  async accessLog(@Root() subject: Subject, @Ctx() context: AuditContext): Promise<AccessRecord[]> {
    return listSubjectAccessLog(context, subject.id);
  }
}
