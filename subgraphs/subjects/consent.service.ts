import { createHash } from "node:crypto";
import { subject as policySubject } from "@casl/ability";
import type { ConsentRow } from "./consent.table";
import { NotFoundError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { isPurpose, type Purpose } from "../../platform/viewer";
import { isUuid } from "../shared/ids";
import { recordDisclosed } from "../shared/disclose";
import { requireOwnSubject } from "../shared/authorize";
import { consentValid } from "./consent.rules";
import {
  findConsentById,
  insertConsent,
  listConsentsBySubjectIdentifier,
  revokeConsentById,
} from "./consent.repository";
import { Consent } from "./consent.type";
import type { SubjectContext } from "./subject.loaders";

const MAX_CONSENT_YEARS = 5;

function toConsent(row: ConsentRow, now: Date): Consent {
  return Object.assign(new Consent(), {
    id: row.id,
    grantee: row.grantee,
    purpose: row.purpose as Purpose,
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    evidenceHash: row.evidence_hash,
    revokedAt: row.revoked_at,
    valid: consentValid.test(row, now),
  });
}

/** The viewer's own identifier, when the role table lets it `action` its own consents (the subject itself). */
function ownSubject(context: SubjectContext, action: "grant" | "revoke" | "read"): string {
  return requireOwnSubject(context, action, "Consent", "only the subject itself manages its consents");
}

export type ConsentGrant = Readonly<{
  grantee: string;
  purpose: Purpose;
  validFrom?: Date | null;
  validUntil: Date;
  evidence?: string | null;
}>;

/** `grantConsent`: the subject lets one organisation read its authorized tier for one purpose, for a while. */
export async function grantConsent(context: SubjectContext, input: ConsentGrant): Promise<Consent> {
  const identifier = ownSubject(context, "grant");
  const subject = await context.loaders.subjectByIdentifier.load(identifier);
  if (!subject)
    throw new NotFoundError(
      "no credit file exists for your identifier yet, so there is nothing to consent to",
    );
  const problems: InputProblem[] = [];
  const grantee = input.grantee.trim().toUpperCase();
  if (!/^[0-9A-Z-]{2,64}$/.test(grantee))
    problems.push({
      field: "input.grantee",
      reason: "an organisation code: 2 to 64 letters, digits or '-'",
      code: "BAD_USER_INPUT",
    });
  if (!isPurpose(input.purpose))
    problems.push({ field: "input.purpose", reason: "one of the purposes", code: "BAD_USER_INPUT" });
  const validFrom = input.validFrom ?? context.now;
  if (input.validUntil <= validFrom)
    problems.push({ field: "input.validUntil", reason: "must come after validFrom", code: "BAD_USER_INPUT" });
  if (input.validUntil <= context.now)
    problems.push({ field: "input.validUntil", reason: "lies in the past", code: "BAD_USER_INPUT" });
  const limit = new Date(validFrom.getTime() + MAX_CONSENT_YEARS * 365.25 * 86_400_000);
  if (input.validUntil > limit)
    problems.push({
      field: "input.validUntil",
      reason: `a consent lasts at most ${MAX_CONSENT_YEARS} years`,
      code: "BAD_USER_INPUT",
    });
  refuseIfProblems(problems, "consent");
  const evidence = input.evidence?.trim();
  const row = await insertConsent(context.db, {
    subject_id: subject.id,
    subject_identifier: identifier,
    grantee,
    purpose: input.purpose,
    valid_from: validFrom,
    valid_until: input.validUntil,
    evidence_hash: evidence
      ? /^[0-9a-f]{64}$/i.test(evidence)
        ? evidence.toLowerCase()
        : createHash("sha256").update(evidence).digest("hex")
      : null,
  });
  recordConsentDisclosure(context, row);
  return toConsent(row, context.now);
}

/** `revokeConsent`: effective at once for every later query. */
export async function revokeConsent(context: SubjectContext, id: string): Promise<Consent> {
  ownSubject(context, "revoke");
  const row = isUuid(id) ? await findConsentById(context.db, id) : undefined;
  if (
    !row ||
    !context.ability.can("revoke", policySubject("Consent", { subjectIdentifier: row.subject_identifier }))
  ) {
    throw new NotFoundError("you have no consent with that id");
  }
  const revoked = await revokeConsentById(context.db, row.id, context.now);
  recordConsentDisclosure(context, revoked);
  return toConsent(revoked, context.now);
}

export async function findMyConsents(context: SubjectContext): Promise<Consent[]> {
  const identifier = ownSubject(context, "read");
  const rows = await listConsentsBySubjectIdentifier(context.db, identifier);
  const readable = rows.filter((row) =>
    context.ability.can("read", policySubject("Consent", { subjectIdentifier: row.subject_identifier })),
  );
  for (const row of readable) recordConsentDisclosure(context, row);
  return readable.map((row) => toConsent(row, context.now));
}

/** A consent is the subject's own AUTHORIZED-tier data: granting, revoking and reading it name the subject in the audit. */
function recordConsentDisclosure(
  context: SubjectContext,
  row: Pick<ConsentRow, "subject_id" | "subject_identifier">,
): void {
  recordDisclosed(context, {
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    entityType: "Consent",
    tier: "AUTHORIZED",
  });
}
