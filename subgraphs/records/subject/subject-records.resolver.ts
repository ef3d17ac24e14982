import { Arg, Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { RecordCategory, Tier } from "../../../domain/vocabulary";
import type { RecordCategory as Category, Tier as TierValue } from "../../../domain/vocabulary";
import type { CreditRecordContext } from "../credit-record.loaders";
import { listSubjectRecords } from "../credit-record.service";
import { CreditRecord } from "../credit-record.type";
import { Subject } from "./subject.type";

@Resolver(() => Subject)
export class SubjectRecordsResolver {
  @FieldResolver(() => [CreditRecord], { description: "The subject's credit records the viewer may read." })
  async records(
    @Root() subject: Subject,
    @Arg("category", () => RecordCategory, { nullable: true }) category: Category | null,
    @Arg("tier", () => Tier, {
      nullable: true,
      description: "Only this tier; asking for AUTHORIZED without consent is CONSENT_REQUIRED.",
    })
    tier: TierValue | null,
    @Ctx() context: CreditRecordContext,
  ): Promise<CreditRecord[]> {
    return listSubjectRecords(context, subject.id, category ?? null, tier ?? null);
  }
}
