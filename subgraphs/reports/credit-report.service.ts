import { createPublicKey, randomUUID, type KeyObject } from "node:crypto";
import { subject as policySubject } from "@casl/ability";
import type { CreditReportRow } from "./credit-report.table";
import type { Tier } from "../../domain/vocabulary";
import { maskCitizenId } from "../../domain/identifiers";
import { withholdProhibitedData } from "../../domain/prohibited-data";
import {
  CreditError,
  NotFoundError,
  PurposeRequiredError,
  ServiceUnavailableError,
} from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { reportKeyId, verifyReportContent } from "../../platform/report-signature";
import { isPurpose, type Purpose, type Viewer } from "../../platform/viewer";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { mustDeclarePurpose } from "../../policies/purpose";
import { listEntriesReadableIn, type ReadableListEntry } from "../lists/list-entry.registry";
import { listRecordsReadableIn, type ReadableRecord } from "../records/credit-record.registry";
import { listItemWorkflowsReadableIn, type ReadableItemWorkflow } from "../repair/objection.registry";
import type { RequestScope } from "../shared/context";
import { discloseReadable, recordDisclosed, type DisclosedEntity } from "../shared/disclose";
import { isUuid } from "../shared/ids";
import { refuseUnlessAllowed, requireOwnSubject } from "../shared/authorize";
import {
  findCreditReportByCodeHash,
  findCreditReportById,
  insertCreditReport,
  listCreditReportsBySubjectIdentifier,
  revokeCreditReportById,
} from "./credit-report.repository";
import {
  compareReportItems,
  generateVerificationCode,
  hashVerificationCode,
  normalizeVerificationCode,
  REPORT_BASE_WEIGHT,
  REPORT_FORMAT,
  REPORT_VALIDITY_DAYS,
  reportWeightOf,
  reportTiers,
  type ReportContent,
  type ReportListEntry,
  type ReportRecord,
  type ReportWorkflow,
} from "./credit-report.rules";
import { ReportTimeoutError, type ReportPrinter } from "./credit-report.printer";
import { CreditReport, CreditReportVerification, type CreditReportStatusValue } from "./credit-report.type";
import type { CreditReportContext } from "./credit-report.loaders";

const DAY_MS = 86_400_000;
const TIERS: readonly Tier[] = ["PUBLIC", "GOVERNMENT", "AUTHORIZED"];

export type CreditReportRequest = Readonly<{
  purpose: Purpose;
  tiers?: readonly Tier[] | null;
  validDays?: number | null;
}>;

/**
 * `myCreditReport`: the subject's own file as the chosen tiers let a third party see it today — items in force
 * only, prohibited data withheld — signed (content and PDF), with a new verification code valid for the days the
 * subject chose. Every item is read through its slice's policy and `discloseReadable`, as the subject.
 */
export async function issueCreditReport(
  context: CreditReportContext,
  input: CreditReportRequest,
): Promise<CreditReport> {
  const identifier = ownSubject(context, "issue");
  const problems: InputProblem[] = [];
  if (!isPurpose(input.purpose))
    problems.push({ field: "input.purpose", reason: "one of the purposes", code: "BAD_USER_INPUT" });
  if ((input.tiers ?? []).some((tier) => !TIERS.includes(tier)))
    problems.push({
      field: "input.tiers",
      reason: "PUBLIC, GOVERNMENT or AUTHORIZED",
      code: "BAD_USER_INPUT",
    });
  const validDays = input.validDays ?? REPORT_VALIDITY_DAYS.default;
  if (
    !Number.isInteger(validDays) ||
    validDays < REPORT_VALIDITY_DAYS.min ||
    validDays > REPORT_VALIDITY_DAYS.max
  ) {
    problems.push({
      field: "input.validDays",
      reason: `a whole number of days from ${REPORT_VALIDITY_DAYS.min} to ${REPORT_VALIDITY_DAYS.max}`,
      code: "BAD_USER_INPUT",
    });
  }
  refuseIfProblems(problems, "credit report");
  const key = signingKeyOf(context);
  const subject = await context.loaders.subjectByIdentifier.load(identifier);
  if (!subject)
    throw new NotFoundError("no credit file exists for your identifier yet, so there is nothing to report");

  const tiers = reportTiers(input.tiers);
  // The audit names whose report was asked for whatever the outcome: issued, refused as too heavy, or cut off.
  recordReportDisclosure(context, { subject_id: subject.id, subject_identifier: identifier, tiers });
  const printer = printerOf(context);
  const deadline = performance.now() + printer.settings.timeoutMs;
  // Refused before anything is read when the caller's budget cannot pay for a report as heavy as its last one,
  // and a place in the printer is held before the items are read: a flood is refused before it costs anything.
  const expected = context.reportWeights.secondsUntilLast(context.caller, context.now.getTime());
  if (expected.seconds > 0) throw reportTooHeavy(context, expected.seconds, expected.weight);
  const slot = printer.reserve();
  try {
    const reportId = randomUUID();
    const issuedAt = context.now;
    const validUntil = new Date(issuedAt.getTime() + validDays * DAY_MS);
    const items = await readReportItems(context, subject.id, tiers, (rows, entity) =>
      discloseReadable(context, rows, entity),
    );
    const weight = reportWeightOf(items);
    const retryAfter = context.reportWeights.take(context.caller, weight, context.now.getTime());
    if (retryAfter > 0) throw reportTooHeavy(context, retryAfter, weight);
    const content: ReportContent = {
      format: REPORT_FORMAT,
      reportId,
      issuedAt: issuedAt.toISOString(),
      validUntil: validUntil.toISOString(),
      purpose: input.purpose,
      tiers,
      keyId: reportKeyId(key),
      subject: {
        kind: subject.kind,
        name: subject.name,
        // A report travels to third parties: a person's number is masked as everywhere outside their own view.
        identifier:
          subject.kind === "NATURAL_PERSON" ? maskCitizenId(subject.identifier) : subject.identifier,
      },
      ...items,
    };
    const verificationCode = generateVerificationCode();
    const printed = await slot.print({ content, verificationCode, key }, deadline);
    // Stored only within the report's own deadline, which falls before the gateway's: a report the caller was
    // told failed is never left VALID behind it.
    if (performance.now() > deadline) throw new ReportTimeoutError(printer.settings.timeoutMs);
    const row = await insertCreditReport(context.db, {
      id: reportId,
      subject_id: subject.id,
      subject_identifier: identifier,
      code_hash: hashVerificationCode(verificationCode),
      purpose: input.purpose,
      tiers,
      content: printed.contentJson,
      content_signature: printed.contentSignature,
      file_sha256: printed.fileSha256,
      key_id: content.keyId,
      issued_at: issuedAt,
      valid_until: validUntil,
    });
    return Object.assign(toCreditReport(row, context.now), {
      verificationCode,
      pdfBase64: printed.pdfBase64,
    });
  } finally {
    slot.release();
  }
}

/** `myCreditReports`: the subject's reports, newest first (without codes or files: those are given once). */
export async function findMyCreditReports(context: CreditReportContext): Promise<CreditReport[]> {
  const identifier = ownSubject(context, "read");
  const rows = await listCreditReportsBySubjectIdentifier(context.db, identifier);
  const readable = rows.filter((row) =>
    context.ability.can("read", policySubject("CreditReport", { subjectIdentifier: row.subject_identifier })),
  );
  for (const row of readable) recordReportDisclosure(context, row);
  return readable.map((row) => toCreditReport(row, context.now));
}

/** `revokeCreditReport`: the code opens nothing from now on. */
export async function revokeCreditReport(context: CreditReportContext, id: string): Promise<CreditReport> {
  ownSubject(context, "revoke");
  const row = isUuid(id) ? await findCreditReportById(context.db, id) : undefined;
  if (
    !row ||
    !context.ability.can(
      "revoke",
      policySubject("CreditReport", { subjectIdentifier: row.subject_identifier }),
    )
  ) {
    throw new NotFoundError("you have no credit report with that id");
  }
  const revoked = await revokeCreditReportById(context.db, row.id, context.now);
  recordReportDisclosure(context, revoked);
  return toCreditReport(revoked, context.now);
}

/**
 * `verifyCreditReport(code)`: for an accountable caller with a declared purpose. Every distinct code tried counts
 * against the caller's hourly budget, hit or miss (a budget charged for misses only would itself be an oracle).
 * A code that matches a report is a disclosure of its subject (audited, in the subject's `myAccessLog`); the
 * content is shown only while the code is valid, with whether the file changed since — as a flag and the ids of
 * the report's own items that changed, nothing more.
 */
export async function verifyCreditReport(
  context: CreditReportContext,
  typedCode: string,
): Promise<CreditReportVerification> {
  if (!context.ability.can("verify", "CreditReport") && mustDeclarePurpose(context.viewer))
    throw new PurposeRequiredError();
  refuseUnlessAllowed(
    context.ability,
    "verify",
    "CreditReport",
    `role ${context.viewer.role} may not verify credit reports; an organisation signed in with a declared purpose may`,
  );
  const code = normalizeVerificationCode(typedCode);
  if (!code)
    refuseIfProblems(
      [
        {
          field: "code",
          reason:
            "a verification code is 12 letters and digits as printed on the report, e.g. 7K3M-Q9TX-2HRB",
          code: "BAD_USER_INPUT",
        },
      ],
      "verification",
    );
  const retryAfter = context.reportCodes.take(context.caller, code!, context.now.getTime());
  if (retryAfter > 0) {
    throw new CreditError(
      "RATE_LIMITED",
      `one caller may try ${context.rules.reportCodesPerHour} different report codes an hour; retry in ${retryAfter} s`,
      { retryAfterSeconds: retryAfter },
    );
  }
  const key = signingKeyOf(context);
  const row = await findCreditReportByCodeHash(context.db, hashVerificationCode(code!));
  if (!row) return unknownReport();
  recordReportDisclosure(context, row);
  const status = statusOf(row, context.now);
  const verification = Object.assign(new CreditReportVerification(), {
    genuine:
      row.key_id === reportKeyId(key) &&
      verifyReportContent(createPublicKey(key), row.content, row.content_signature),
    status,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    keyId: row.key_id,
    content: null,
    contentSignature: null,
    changedSinceIssue: null,
    changedItemIds: [] as string[],
  });
  if (status !== "VALID") return verification;
  const issued = row.content as unknown as ReportContent;
  const current = await readReportItems(
    asSubject(context, row.subject_identifier),
    row.subject_id,
    row.tiers,
    (rows, entity, scope) =>
      rows
        .filter((each) => scope.ability.can("read", entity.policyOf(each)))
        .map((each) => entity.toType(each)),
  );
  return Object.assign(verification, {
    content: row.content,
    contentSignature: row.content_signature,
    ...compareReportItems(issued, current),
  });
}

type Reader = <Row, Type>(
  rows: readonly Row[],
  entity: DisclosedEntity<Row, Type>,
  scope: RequestScope,
) => Type[];

/**
 * The report's items as `scope` may read them, through each slice's registry (its policy in SQL) and `read`
 * (its policy again, in memory, and the disclosure): records of the chosen tiers and list entries, in force
 * today; objections and repairs of those items. Prohibited data is withheld from every item, the subject's own
 * view included: a report is for third parties.
 */
async function readReportItems(
  context: Pick<CreditReportContext, "db" | "logger"> & RequestScope,
  subjectId: string,
  tiers: readonly Tier[],
  readAll: Reader,
): Promise<Pick<ReportContent, "records" | "listEntries" | "workflows">> {
  const read = inSlices(readAll);
  const [records, entries, workflows] = await Promise.all([
    listRecordsReadableIn(context.db, context, subjectId),
    listEntriesReadableIn(context.db, context, subjectId),
    listItemWorkflowsReadableIn(context.db, context, subjectId),
  ]);
  const shownRecords = await read(
    records.filter((record) => record.current && tiers.includes(record.tier)),
    entityOf("CreditRecord", (record: ReadableRecord) => record.tier, toReportRecord),
    context,
  );
  const shownEntries = await read(
    entries.filter((entry) => entry.current),
    entityOf("ListEntry", () => "PUBLIC", toReportListEntry),
    context,
  );
  const shownTiers = new Map<string, Tier>([
    ...shownRecords.map((record) => [record.id, record.tier] as const),
    ...shownEntries.map((entry) => [entry.id, "PUBLIC" as Tier] as const),
  ]);
  const shownWorkflows = await read(
    workflows.filter((workflow) => shownTiers.has(workflow.targetId)),
    entityOf(
      "ItemWorkflow",
      (workflow: ReadableItemWorkflow) => shownTiers.get(workflow.targetId)!,
      toReportWorkflow,
    ),
    context,
  );
  const withhold = <Item extends object>(items: readonly Item[]): Item[] =>
    items.map((item) =>
      withholdProhibitedData(item, (finding) =>
        context.logger.warn(
          { entityType: "CreditReport", field: finding.path, category: finding.category.name },
          "prohibited data withheld from a credit report",
        ),
      ),
    );
  return {
    records: await inTurns(shownRecords, withhold),
    listEntries: await inTurns(shownEntries, withhold),
    workflows: await inTurns(shownWorkflows, withhold),
  };
}

/** Rows read per turn of the event loop: a subject of thousands of items does not hold it for the whole file. */
const READ_SLICE = 250;

/** `work` over `rows` a slice at a time, letting other requests run between slices. */
async function inTurns<Row, Result>(
  rows: readonly Row[],
  work: (slice: readonly Row[]) => Result[],
): Promise<Result[]> {
  const done: Result[] = [];
  for (let from = 0; from < rows.length; from += READ_SLICE) {
    if (from > 0) await new Promise((resolve) => setImmediate(resolve));
    done.push(...work(rows.slice(from, from + READ_SLICE)));
  }
  return done;
}

function inSlices(
  read: Reader,
): <Row, Type>(
  rows: readonly Row[],
  entity: DisclosedEntity<Row, Type>,
  scope: RequestScope,
) => Promise<Type[]> {
  return (rows, entity, scope) => inTurns(rows, (slice) => read(slice, entity, scope));
}

function entityOf<
  Row extends { subjectId: string; subjectIdentifier: string; policy: ReadableRecord["policy"] } & Partial<
    Pick<ReadableItemWorkflow, "entityType">
  >,
  Type,
>(entityType: string, tierOf: (row: Row) => Tier, toType: (row: Row) => Type): DisclosedEntity<Row, Type> {
  return {
    entityType,
    policyOf: (row) => row.policy,
    subjectIdOf: (row) => row.subjectId,
    subjectIdentifierOf: (row) => row.subjectIdentifier,
    tierOf,
    toType,
  };
}

const toReportRecord = (record: ReadableRecord): ReportRecord => ({
  id: record.id,
  category: record.category,
  kind: record.kind,
  severity: record.severity,
  tier: record.tier,
  title: record.title,
  provider: record.provider,
  decidedOn: record.decidedOn,
  expiresOn: record.expiresOn,
});

const toReportListEntry = (entry: ReadableListEntry): ReportListEntry => ({
  id: entry.id,
  list: entry.list,
  grounds: entry.grounds,
  facts: entry.facts,
  basis: entry.basis,
  documentNumber: entry.documentNumber,
  recognizedBy: entry.recognizedByName,
  recognizedOn: entry.recognizedOn,
  validUntil: entry.validUntil,
});

const toReportWorkflow = (workflow: ReadableItemWorkflow): ReportWorkflow => ({
  id: workflow.id,
  kind: workflow.kind,
  targetId: workflow.targetId,
  state: workflow.state,
  stateChangedOn: workflow.stateChangedOn,
});

/**
 * The subject's own view, to recompute what its report would show today for the comparison: nothing read this
 * way leaves the service except whether it differs from what the report already showed.
 */
function asSubject(
  context: CreditReportContext,
  subjectIdentifier: string,
): Pick<CreditReportContext, "db" | "logger"> & RequestScope {
  const viewer: Viewer = {
    role: "SUBJECT",
    actor: null,
    org: null,
    subject: subjectIdentifier,
    purpose: null,
  };
  return {
    db: context.db,
    logger: context.logger,
    viewer,
    ability: defineAbilityFor(viewer),
    now: context.now,
    today: context.today,
  };
}

/** The viewer's own identifier, when the role table lets it `action` its own credit reports (the subject itself). */
function ownSubject(context: CreditReportContext, action: "issue" | "read" | "revoke"): string {
  return requireOwnSubject(
    context,
    action,
    "CreditReport",
    "only the subject itself issues and manages its credit reports",
  );
}

function reportTooHeavy(context: CreditReportContext, retryAfter: number, weight: number): CreditError {
  return new CreditError(
    "RATE_LIMITED",
    `one caller may issue credit reports of ${context.rules.reportWeightPerHour} units an hour and this one weighs ${weight} (one unit an item, ${REPORT_BASE_WEIGHT} for the file); retry in ${retryAfter} s`,
    { retryAfterSeconds: retryAfter },
  );
}

function printerOf(context: CreditReportContext): ReportPrinter {
  if (!context.reportPrinter) throw new ServiceUnavailableError("credit report printing");
  return context.reportPrinter;
}

function signingKeyOf(context: CreditReportContext): KeyObject {
  if (!context.reportSigningKey) throw new ServiceUnavailableError("credit report signing");
  return context.reportSigningKey;
}

function statusOf(row: CreditReportRow, now: Date): CreditReportStatusValue {
  if (row.revoked_at !== null) return "REVOKED";
  return row.valid_until <= now ? "EXPIRED" : "VALID";
}

function unknownReport(): CreditReportVerification {
  return Object.assign(new CreditReportVerification(), {
    genuine: false,
    status: "UNKNOWN" as const,
    issuedAt: null,
    validUntil: null,
    revokedAt: null,
    keyId: null,
    content: null,
    contentSignature: null,
    changedSinceIssue: null,
    changedItemIds: [],
  });
}

function toCreditReport(row: CreditReportRow, now: Date): CreditReport {
  return Object.assign(new CreditReport(), {
    id: row.id,
    verificationCode: null,
    issuedAt: row.issued_at,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    status: statusOf(row, now),
    purpose: row.purpose as Purpose,
    tiers: row.tiers,
    content: row.content,
    contentSignature: row.content_signature,
    keyId: row.key_id,
    fileSha256: row.file_sha256,
    pdfBase64: null,
  });
}

/** A report is the subject's data at the widest tier it shows: issuing, listing, revoking and verifying it name the subject in the audit. */
function recordReportDisclosure(
  context: CreditReportContext,
  row: Pick<CreditReportRow, "subject_id" | "subject_identifier" | "tiers">,
): void {
  const tier = TIERS.filter((each) => row.tiers.includes(each)).at(-1) ?? "PUBLIC";
  recordDisclosed(context, {
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    entityType: "CreditReport",
    tier,
  });
}
