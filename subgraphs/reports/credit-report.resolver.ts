import { Arg, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { CreditReportInput } from "./credit-report.input";
import {
  findMyCreditReports,
  issueCreditReport,
  revokeCreditReport,
  verifyCreditReport,
} from "./credit-report.service";
import { CreditReport, CreditReportVerification } from "./credit-report.type";
import type { CreditReportContext } from "./credit-report.loaders";

@Resolver(() => CreditReport)
export class CreditReportResolver {
  @Mutation(() => CreditReport, {
    description:
      "SUBJECT: issues a signed credit report of your own file as a third party may see it (public tier, plus the tiers you choose), with a verification code valid for validDays.",
  })
  async myCreditReport(
    @Arg("input", () => CreditReportInput) input: CreditReportInput,
    @Ctx() context: CreditReportContext,
  ): Promise<CreditReport> {
    return issueCreditReport(context, input);
  }

  @Mutation(() => CreditReport, { description: "SUBJECT: revokes a report's verification code at once." })
  async revokeCreditReport(
    @Arg("id", () => ID) id: string,
    @Ctx() context: CreditReportContext,
  ): Promise<CreditReport> {
    return revokeCreditReport(context, id);
  }

  @Query(() => [CreditReport], { description: "SUBJECT: your credit reports, newest first." })
  async myCreditReports(@Ctx() context: CreditReportContext): Promise<CreditReport[]> {
    return findMyCreditReports(context);
  }

  @Query(() => CreditReportVerification, {
    description:
      "GOVERNMENT/ORGANIZATION + purpose: checks a report by its verification code; audited as a disclosure the subject sees in myAccessLog.",
  })
  async verifyCreditReport(
    @Arg("code", () => String) code: string,
    @Ctx() context: CreditReportContext,
  ): Promise<CreditReportVerification> {
    return verifyCreditReport(context, code);
  }
}
