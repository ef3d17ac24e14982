import type { CreditRecordRow, RecordKindRow } from "./credit-record.table";
import type { RecordCategory, Tier } from "../../domain/vocabulary";
import { readsAuthorizedTierByConsent, requirePurposeForNonPublicData } from "../../policies/purpose";
import { catalogueTierOf, type RecordKind as CatalogueKind } from "../../domain/record-kinds";
import { checkRecordSubmissions, type RecordSubmission } from "./record-submission.rules";
import { ConsentRequiredError, ForbiddenError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import { discloseReadable, recordDisclosed, withholdFromOthers } from "../shared/disclose";
import { refuseUnlessAllowed } from "../shared/authorize";
import { asCreditRecordPolicy, asRecordReviewPolicy, asRelatedEntryPolicy } from "./credit-record.policy";
import { recordCurrent } from "./credit-record.rules";
import type { AppAbility } from "../../policies/ability";
import { listRecordKinds, type RelatedRecordRow, type VisibleRecordRow } from "./credit-record.repository";
import type { SubmitResult } from "./credit-record.input";
import { storeRecords } from "./record-submission.service";
import type { CreditRecordContext } from "./credit-record.loaders";
import { CreditRecord, RecordKind } from "./credit-record.type";
import { RelatedEntry } from "./related-entry.type";

/**
 * A record as `reader` may read it. Its subject, its provider and the credit centre read the publication review
 * and the item as submitted; everyone else reads what was published: a REDACTED item's title is the reviewer's
 * text and its attributes are not published (policies/publication.ts).
 */
export function toCreditRecord(
  row: CreditRecordRow,
  today: string,
  reader: AppAbility,
  relation: string | null = null,
): CreditRecord {
  const reviewer = row.publication !== null && reader.can("read", asRecordReviewPolicy(row));
  const redacted = !reviewer && row.publication === "REDACTED";
  return Object.assign(new CreditRecord(), {
    id: row.id,
    subject: { id: row.subject_id },
    category: row.category,
    severity: row.severity,
    tier: row.tier,
    title: redacted ? (row.publication_text ?? "") : row.title,
    provider: row.provider,
    decidedOn: row.decided_on,
    expiresOn: row.expires_on,
    status: recordCurrent.test(row, today) || row.status !== "ACTIVE" ? row.status : "EXPIRED",
    statusReason: row.status_reason,
    correctedOn: row.corrected_on,
    attributes: redacted ? {} : row.attributes,
    relation,
    publicationState: reviewer ? row.publication : null,
    publicationNote: reviewer ? row.publication_note : null,
  });
}

function discloseRecords<R extends VisibleRecordRow>(
  context: CreditRecordContext,
  rows: readonly R[],
  relationOf: (row: R) => string | null = () => null,
): CreditRecord[] {
  const { today } = context;
  return discloseReadable(context, rows, {
    entityType: "CreditRecord",
    policyOf: (row) => asCreditRecordPolicy(row, today),
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: (row) => row.tier,
    consentIdOf: (row) => row.consent_id,
    itemIdOf: (row) => row.id,
    toType: (row) => toCreditRecord(row, today, context.ability, relationOf(row)),
  });
}

/**
 * An entry as the viewer may read it: the entry itself, and the organisation's item (`record`) only where
 * the role table grants the whole entry (related-entry-fields.ts), that is, where the item is readable as
 * the organisation's.
 */
function toRelatedEntry(context: CreditRecordContext, row: RelatedRecordRow, today: string): RelatedEntry {
  const item = toCreditRecord(row, today, context.ability, row.relation);
  return Object.assign(new RelatedEntry(), {
    id: row.id,
    relation: row.relation,
    relationFrom: row.relation_from,
    relationTo: row.relation_to,
    organisation: { id: row.subject_id },
    kind: row.kind,
    category: row.category,
    severity: row.severity,
    tier: row.tier,
    provider: row.provider,
    decidedOn: row.decided_on,
    expiresOn: row.expires_on,
    status: item.status,
    record: context.ability.can("read", asRelatedEntryPolicy(row, today), "record")
      ? withholdFromOthers(context, "CreditRecord", row.subject_identifier, item)
      : null,
  });
}

/**
 * `Subject.records`: only what the viewer may read; what it may not is absent, not counted. On a person's
 * file that includes the organisations' items entered there (PCIM art. 26), each read, audited and withheld
 * from as the organisation's item.
 */
export async function listSubjectRecords(
  context: CreditRecordContext,
  subjectId: string,
  category: RecordCategory | null,
  tier: Tier | null = null,
): Promise<CreditRecord[]> {
  requirePurposeForNonPublicData(context.viewer);
  if (
    tier === "AUTHORIZED" &&
    readsAuthorizedTierByConsent(context.viewer) &&
    !(await context.loaders.consentBySubjectId.load(subjectId))
  ) {
    throw new ConsentRequiredError();
  }
  const [own, related] = await Promise.all([
    context.loaders.recordsBySubjectId.load(subjectId),
    context.loaders.relatedRecordsBySubjectId.load(subjectId),
  ]);
  const inCategory = <R extends CreditRecordRow>(rows: readonly R[]) =>
    rows.filter((row) => (!category || row.category === category) && (!tier || row.tier === tier));
  return [
    ...discloseRecords(context, inCategory(own)),
    ...discloseRecords(context, inCategory(related), (row) => row.relation),
  ];
}

/** `Subject.relatedEntries`: the organisations' items entered on a person's file that the viewer may read, as entries. */
export async function listRelatedEntries(
  context: CreditRecordContext,
  subjectId: string,
): Promise<RelatedEntry[]> {
  requirePurposeForNonPublicData(context.viewer);
  const { today } = context;
  return discloseReadable(context, await context.loaders.relatedRecordsBySubjectId.load(subjectId), {
    entityType: "RelatedEntry",
    policyOf: (row) => asRelatedEntryPolicy(row, today),
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: (row) => row.tier,
    consentIdOf: (row) => row.consent_id,
    itemIdOf: (row) => row.id,
    toType: (row) => toRelatedEntry(context, row, today),
  });
}

/** `_entities` for CreditRecord: a record the viewer may not read resolves to nothing. */
export async function resolveCreditRecordById(
  context: CreditRecordContext,
  id: string,
): Promise<CreditRecord | null> {
  const row = await context.loaders.recordById.load(id);
  return row ? (discloseRecords(context, [row])[0] ?? null) : null;
}

function toCatalogueKind(row: RecordKindRow): CatalogueKind {
  return {
    code: row.code,
    name: row.name,
    category: row.category,
    defaultTier: row.default_tier,
    article: row.article,
  };
}

export async function findRecordKinds(context: CreditRecordContext): Promise<RecordKind[]> {
  return (await listRecordKinds(context.db)).map((row) => {
    const kind = toCatalogueKind(row);
    return Object.assign(new RecordKind(), {
      ...kind,
      naturalPersonTier: catalogueTierOf(kind, "NATURAL_PERSON"),
    });
  });
}

/** `submitRecords`: a PROVIDER's batch, checked whole, stored whole or not at all. */
export async function submitRecords(
  context: CreditRecordContext,
  records: readonly RecordSubmission[],
): Promise<SubmitResult> {
  const refusal = "only a PROVIDER (with its organisation code) submits records";
  refuseUnlessAllowed(context.ability, "submit", "CreditRecord", refusal);
  if (!context.viewer.org) throw new ForbiddenError(refusal);
  const catalog = new Map((await listRecordKinds(context.db)).map((row) => [row.code, toCatalogueKind(row)]));
  const { problems, checked } = checkRecordSubmissions(
    records,
    catalog,
    context.today,
    (index) => `records[${index}]`,
  );
  refuseIfProblems(problems, "submission");
  const stored = await storeRecords(context.db, context.viewer.org, checked, context.rules);
  for (const item of stored.written)
    recordDisclosed(context, { ...item, entityType: "CreditRecordSubmitted" });
  return stored;
}
