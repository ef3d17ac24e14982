import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { ObjectionContext } from "../objection.loaders";
import { listSubjectObjections } from "../objection.service";
import { Objection } from "../objection.type";
import { listSubjectRepairCases } from "../repair-case.service";
import { RepairCase } from "../repair-case.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectObjectionsResolver {
  @FieldResolver(() => [Objection], {
    description: "Objections the subject filed, for the subject and the credit centre.",
  })
  async objections(@Root() subject: Subject, @Ctx() context: ObjectionContext): Promise<Objection[]> {
    return listSubjectObjections(context, subject.id);
  }

  @FieldResolver(() => [RepairCase], {
    description: "Credit repair cases of the subject, for the subject, its providers and the credit centre.",
  })
  async repairCases(@Root() subject: Subject, @Ctx() context: ObjectionContext): Promise<RepairCase[]> {
    return listSubjectRepairCases(context, subject.id);
  }
}
