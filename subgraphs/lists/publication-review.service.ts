import type { ListEntryRow } from "./list-entry.table";
import type { InputProblem } from "../../domain/input-problem";
import { findProhibitedData, locateProhibitedDataIn, toInputProblem } from "../../domain/prohibited-data";
import type { PublicationDecision, PublicationState } from "../../domain/vocabulary";
import { BadUserInputError, NotFoundError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import {
  countRecordsAwaitingReview,
  findRecordUnderReview,
  listRecordsAwaitingReview,
  settleRecordPublication,
  type PublicationSettlement,
  type RecordUnderReview,
} from "../records/credit-record.registry";
import { refuseUnlessAllowed } from "../shared/authorize";
import { recordDisclosed } from "../shared/disclose";
import { isUuid } from "../shared/ids";
import { checkPageSize, decodeCursor, encodeCursor } from "../shared/pagination";
import type { ListEntryContext } from "./list-entry.loaders";
import {
  countEntriesPendingReview,
  findListEntryById,
  listEntriesPendingReview,
  settleEntryReview,
} from "./list-entry.repository";
import {
  ProhibitedDataHit,
  PublicationReview,
  PublicationReviewConnection,
  ReviewedText,
  type PublicationItem,
} from "./publication-review.type";

const MAX_PAGE = 50;
const CONNECTION = "publicationReviews";
const REFUSAL = "only the credit centre reviews what is published about natural persons";
const MAX_REDACTED = 2_000;
const MAX_REASON = 500;

/** One item of the queue, whichever slice stores it. */
type ItemUnderReview = Readonly<{
  item: PublicationItem;
  id: string;
  subjectId: string;
  subjectIdentifier: string;
  provider: string;
  kind: string;
  tier: RecordUnderReview["tier"];
  texts: ReadonlyArray<Readonly<{ field: string; value: unknown }>>;
  state: PublicationState | null;
  redactedText: string | null;
  note: string | null;
  createdAt: Date;
  queuedAt: string;
}>;

const fromRecord = (record: RecordUnderReview): ItemUnderReview => ({
  item: "CREDIT_RECORD",
  ...record,
  texts: [
    { field: "title", value: record.title },
    ...(Object.keys(record.attributes).length > 0 ? [{ field: "attributes", value: record.attributes }] : []),
  ],
});

const fromEntry = (row: ListEntryRow & { queued_at?: string }): ItemUnderReview => ({
  item: "LIST_ENTRY",
  id: row.id,
  subjectId: row.subject_id,
  subjectIdentifier: row.subject_identifier,
  provider: row.recognized_by,
  kind: `${row.list} ${row.grounds}`,
  tier: "PUBLIC",
  texts: [
    { field: "facts", value: row.facts },
    { field: "basis", value: row.basis },
  ],
  state: row.publication,
  redactedText: row.publication_text,
  note: row.publication_note,
  createdAt: row.created_at,
  queuedAt: String(row.queued_at ?? ""),
});

/**
 * What the prohibited-data detector finds in one reviewed text, as the reviewer's highlights. A plain text's hits
 * carry character offsets into that text (`start`, `end`), so the portal marks the very words; a structured value
 * (a record's attributes, shown as JSON) names the path of each hit and no offsets, which would not match the
 * JSON the reviewer reads.
 */
function hitsIn(value: unknown, field: string): ProhibitedDataHit[] {
  const plain = typeof value === "string";
  return locateProhibitedDataIn(value, field).map((hit) =>
    Object.assign(new ProhibitedDataHit(), {
      path: hit.path,
      category: hit.category.name,
      label: hit.category.label,
      law: hit.category.law,
      start: plain ? hit.start : null,
      end: plain ? hit.end : null,
    }),
  );
}

function toPublicationReview(item: ItemUnderReview): PublicationReview {
  return Object.assign(new PublicationReview(), {
    id: item.id,
    item: item.item,
    subject: { id: item.subjectId },
    provider: item.provider,
    kind: item.kind,
    tier: item.tier,
    submittedAt: item.createdAt,
    state: item.state ?? "PUBLISHED",
    texts: item.texts.map(({ field, value }) =>
      Object.assign(new ReviewedText(), {
        field,
        text: typeof value === "string" ? value : JSON.stringify(value, null, 1),
        hits: hitsIn(value, field),
      }),
    ),
    redactedText: item.redactedText,
    reason: item.note,
  });
}

const byQueue = (a: ItemUnderReview, b: ItemUnderReview) => {
  const [left, right] = [BigInt(a.queuedAt), BigInt(b.queuedAt)];
  return left !== right ? (left < right ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
};

/**
 * `publicationReviews`: the credit centre's queue of natural persons' items awaiting review before publication,
 * records and list entries together, oldest first, with what the prohibited-data detector finds in each free
 * text. The centre reads the text as submitted — it is the one to redact it — and each item shown is audited.
 */
export async function findPublicationReviews(
  context: ListEntryContext,
  first: number,
  after: string | null,
): Promise<PublicationReviewConnection> {
  refuseUnlessAllowed(context.ability, "decide", "PublicationReview", REFUSAL);
  checkPageSize(first, MAX_PAGE);
  const cursor = after ? (decodeCursor(CONNECTION, after, ["bigint", "uuid"]) as [string, string]) : null;
  const [records, entries, recordCount, entryCount] = await Promise.all([
    listRecordsAwaitingReview(context.db, cursor, first + 1),
    listEntriesPendingReview(context.db, cursor, first + 1),
    countRecordsAwaitingReview(context.db),
    countEntriesPendingReview(context.db),
  ]);
  const items = [...records.map(fromRecord), ...entries.map(fromEntry)].sort(byQueue);
  const edges = items.slice(0, first).map((item) => {
    recordDisclosed(context, {
      subjectId: item.subjectId,
      subjectIdentifier: item.subjectIdentifier,
      entityType: "PublicationReview",
      tier: item.tier,
    });
    return { cursor: encodeCursor(CONNECTION, [item.queuedAt, item.id]), node: toPublicationReview(item) };
  });
  return Object.assign(new PublicationReviewConnection(), {
    edges,
    pageInfo: { hasNextPage: items.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: recordCount + entryCount,
  });
}

export type PublicationDecisionRequest = Readonly<{
  id: string;
  decision: PublicationDecision;
  redactedText?: string | null;
  reason?: string | null;
}>;

/**
 * The decision's settlement, or the problems that refuse it: REDACT needs the text to publish, RETURN_TO_PROVIDER a
 * reason, and each is checked for prohibited data here too — the redacted text is exactly what the public will read.
 */
export function checkPublicationDecision(
  request: PublicationDecisionRequest,
  at: Date,
): PublicationSettlement {
  const problems: InputProblem[] = [];
  const text = (value: string | null | undefined, field: string, maximum: number, wanted: boolean) => {
    const trimmed = value?.trim() ?? "";
    if (!wanted) {
      if (trimmed.length > 0)
        problems.push({
          field,
          reason: `only with ${field === "input.redactedText" ? "REDACT" : "RETURN_TO_PROVIDER"}`,
          code: "BAD_USER_INPUT",
        });
      return null;
    }
    if (trimmed.length === 0 || trimmed.length > maximum)
      problems.push({ field, reason: `1 to ${maximum} characters`, code: "BAD_USER_INPUT" });
    problems.push(...findProhibitedData(trimmed, field).map(toInputProblem));
    return trimmed;
  };
  const redactedText = text(
    request.redactedText,
    "input.redactedText",
    MAX_REDACTED,
    request.decision === "REDACT",
  );
  const note = text(request.reason, "input.reason", MAX_REASON, request.decision === "RETURN_TO_PROVIDER");
  refuseIfProblems(problems, "publication decision");
  const state = ({ PUBLISH: "PUBLISHED", REDACT: "REDACTED", RETURN_TO_PROVIDER: "RETURNED" } as const)[
    request.decision
  ];
  return { state, redactedText, note, at };
}

/**
 * `decidePublication`: the credit centre publishes a PENDING item as submitted, publishes it with a redacted
 * text in place of its free text (the original kept for its subject, its provider and the centre), or returns
 * it to its provider with a reason (it stays unpublished; the provider reads the reason on its item). Audited
 * as a decision on the item's subject; an item decided meanwhile is not decided twice.
 */
export async function decidePublication(
  context: ListEntryContext,
  request: PublicationDecisionRequest,
): Promise<PublicationReview> {
  refuseUnlessAllowed(context.ability, "decide", "PublicationReview", REFUSAL);
  const notFound = () => new NotFoundError("no item with that id is in the publication review");
  if (!isUuid(request.id)) throw notFound();
  const settlement = checkPublicationDecision(request, context.now);
  const [record, entry] = await Promise.all([
    findRecordUnderReview(context.db, request.id),
    findListEntryById(context.db, request.id),
  ]);
  const found = record ? fromRecord(record) : entry ? fromEntry(entry) : undefined;
  if (!found || found.state === null) throw notFound();
  if (found.state !== "PENDING")
    throw new BadUserInputError(
      `the item was already decided (${found.state}); only a PENDING item is decided`,
      { argument: "input.id" },
    );
  const settled = record
    ? await settleRecordPublication(context.db, record.id, settlement).then((row) => row && fromRecord(row))
    : await settleEntryReview(context.db, found.id, {
        publication: settlement.state,
        publication_text: settlement.redactedText,
        publication_note: settlement.note,
        publication_decided_at: settlement.at,
      }).then((row) => row && fromEntry(row));
  if (!settled)
    throw new BadUserInputError("the item was decided meanwhile; only a PENDING item is decided", {
      argument: "input.id",
    });
  recordDisclosed(context, {
    subjectId: settled.subjectId,
    subjectIdentifier: settled.subjectIdentifier,
    entityType: "PublicationDecision",
    tier: settled.tier,
  });
  return toPublicationReview(settled);
}
