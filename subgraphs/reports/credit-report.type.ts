import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { Tier } from "../../domain/vocabulary";
import type { Purpose as PurposeValue } from "../../platform/viewer";
import { JSONScalar } from "../shared/scalars";
import { Purpose } from "../subjects/subject-types.registry";

/** The `Tier` enum the records subgraph registers too (composition merges them). */
registerEnumType(Tier, { name: "Tier", description: "Use scope (PCIM arts. 18-24)" });

export const CreditReportStatus = {
  VALID: "VALID",
  EXPIRED: "EXPIRED",
  REVOKED: "REVOKED",
  UNKNOWN: "UNKNOWN",
} as const;
export type CreditReportStatusValue = keyof typeof CreditReportStatus;
registerEnumType(CreditReportStatus, {
  name: "CreditReportStatus",
  description: "Where a report's verification code stands.",
  valuesConfig: {
    VALID: { description: "Issued, not revoked, within its validity: the content is shown." },
    EXPIRED: { description: "Past the validity the subject chose: the content is no longer shown." },
    REVOKED: { description: "Revoked by the subject: the content is no longer shown." },
    UNKNOWN: { description: "No report was issued with this code." },
  },
});

@ObjectType({
  description:
    "A signed credit report (信用报告) of the subject's own file, as the rules let a third party see it.",
})
export class CreditReport {
  @Field(() => ID)
  id!: string;

  @Field(() => String, {
    nullable: true,
    description:
      "The short verification code printed on every page; returned once, when the report is issued (only its hash is kept).",
  })
  verificationCode!: string | null;

  @Field(() => Date)
  issuedAt!: Date;

  @Field(() => Date, { description: "Until when the code opens the report to a verifier." })
  validUntil!: Date;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => CreditReportStatus)
  status!: CreditReportStatusValue;

  @Field(() => Purpose, { description: "The purpose the subject issued the report for." })
  purpose!: PurposeValue;

  @Field(() => [Tier], {
    description: "The tiers shown: PUBLIC always, and those the subject chose to share.",
  })
  tiers!: Tier[];

  @Field(() => JSONScalar, {
    description: "The machine-readable content as signed (format credit-report/1; docs/report.md).",
  })
  content!: Record<string, unknown>;

  @Field(() => String, { description: "Ed25519 signature (base64url) over the content's canonical JSON." })
  contentSignature!: string;

  @Field(() => String, {
    description:
      "Id of the report key (first 16 hex digits of SHA-256 over its SPKI DER), as published at /.well-known/credit-report-key.",
  })
  keyId!: string;

  @Field(() => String, { description: "SHA-256 (hex) of the signed PDF file." })
  fileSha256!: string;

  @Field(() => String, {
    nullable: true,
    description: "The signed PDF, base64; returned once, when the report is issued.",
  })
  pdfBase64!: string | null;
}

@ObjectType({ description: "What a verifier learns from a report's code." })
export class CreditReportVerification {
  @Field(() => Boolean, {
    description: "A report was issued with this code and its content still bears the service's signature.",
  })
  genuine!: boolean;

  @Field(() => CreditReportStatus)
  status!: CreditReportStatusValue;

  @Field(() => Date, { nullable: true })
  issuedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  validUntil!: Date | null;

  @Field(() => Date, { nullable: true })
  revokedAt!: Date | null;

  @Field(() => String, { nullable: true })
  keyId!: string | null;

  @Field(() => JSONScalar, { nullable: true, description: "The content as issued; only while VALID." })
  content!: Record<string, unknown> | null;

  @Field(() => String, { nullable: true, description: "The content's signature; only while VALID." })
  contentSignature!: string | null;

  @Field(() => Boolean, {
    nullable: true,
    description:
      "Only while VALID: whether the file changed since issue (an item corrected, expired, repaired, or a new one).",
  })
  changedSinceIssue!: boolean | null;

  @Field(() => [ID], {
    description:
      "Only while VALID: the ids of the report's own items that are no longer as shown; new items are not named.",
  })
  changedItemIds!: string[];
}
