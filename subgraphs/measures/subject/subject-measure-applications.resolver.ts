import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { MeasureContext } from "../measure.loaders";
import { listSubjectMeasureApplications } from "../measure.service";
import { MeasureApplication } from "../measure.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectMeasureApplicationsResolver {
  @FieldResolver(() => [MeasureApplication], {
    description: "Measures business systems reported applying to the subject.",
  })
  async measureApplications(
    @Root() subject: Subject,
    @Ctx() context: MeasureContext,
  ): Promise<MeasureApplication[]> {
    return listSubjectMeasureApplications(context, subject.id);
  }
}
