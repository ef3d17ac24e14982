import { subject as policySubject } from "@casl/ability";
import type { Transaction } from "kysely";
import type { ListsDatabase } from "./lists.database";
import type { ListType } from "../../domain/vocabulary";
import type { DomainRules } from "../../platform/config";
import { checkCivilCapacity } from "../../domain/civil-capacity";
import { addMonths } from "../../domain/dates";
import { findListGround, LIST_GROUNDS } from "../../domain/list-grounds";
import { checkSubjectRef, type SubjectRef } from "../../domain/subject-ref";
import { BadUserInputError, ForbiddenError, NotFoundError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { isUuid } from "../shared/ids";
import { checkPageSize, decodeCursor, encodeCursor } from "../shared/pagination";
import { restoreHonoursSuspendedBy, suspendHonours } from "../records/credit-record.registry";
import { findDisclosureFacts, registerSubjects } from "../subjects/subject.registry";
import { recordDisclosed } from "../shared/disclose";
import { refuseUnlessAllowed } from "../shared/authorize";
import { publicationOnSubmission } from "../../policies/publication";
import type { ListEntryContext } from "./list-entry.loaders";
import { asListEntryPolicy, listEntryAccessFor, noticeAccessFor } from "./list-entry.policy";
import { entryInForce } from "./list-entry.rules";
import {
  countPublicEntries,
  findListEntryByDocument,
  findOtherBlackEntryInForce,
  insertListEntryIfNew,
  insertNotice,
  listBlackEntriesInForce,
  listNoticesByRecipient,
  listPublicEntries,
  removeActiveRedEntries,
  restoreRedEntriesRemovedBy,
  setListEntryStatus,
  type PublicListQuery,
} from "./list-entry.repository";
import { toListEntry } from "./list-entry.service";
import { ListEntry, ListEntryConnection, ListGround, Notice } from "./list-entry.type";

export type ListEntrySubmission = Readonly<{
  subject: SubjectRef;
  list: ListType;
  grounds: string;
  facts: string;
  basis: string;
  documentNumber: string;
  recognizedOn: string;
  validUntil?: string | null;
  subjectLivesOnOwnLabourIncome?: boolean | null;
}>;

const MAX_PUBLIC_PAGE = 100;

function checkText(value: unknown, field: string, maximum: number, problems: InputProblem[]): string {
  const text = typeof value === "string" ? value.trim() : "";
  if (text.length === 0 || text.length > maximum)
    problems.push({ field, reason: `1 to ${maximum} characters`, code: "BAD_USER_INPUT" });
  return text;
}

/**
 * `recognizeListEntry`: the recognising unit (the PROVIDER's organisation, JRP art. 3) enters a subject
 * on a list. In one transaction: the subject is registered, the entry stored with its JRP art. 8
 * disclosure (re-submitting the same document returns the stored entry), and a BLACK entry in force removes
 * the subject's active RED entries (JRP art. 4; each names the entry, which gives it back when removed) and
 * suspends its published honours (JRP art. 14(11), audited with this mutation as the records it changed), and
 * a blacklisted state employee's employer gets a notice (JRP art. 11). A BLACK entry already ended when entered
 * does none of these.
 */
export async function recognizeListEntry(
  context: ListEntryContext,
  input: ListEntrySubmission,
): Promise<ListEntry> {
  const unit = context.viewer.org;
  const refusal = "only a recognising unit (PROVIDER with its organisation code) enters list entries";
  refuseUnlessAllowed(context.ability, "recognize", "ListEntry", refusal);
  if (!unit) throw new ForbiddenError(refusal);
  const { today } = context;
  const problems: InputProblem[] = [];
  const subject = checkSubjectRef(input.subject, "input.subject", problems, today);
  if (!findListGround(input.list, input.grounds)) {
    problems.push({
      field: "input.grounds",
      reason: `not a ${input.list} list grounds; use one of ${LIST_GROUNDS[input.list].map((ground) => ground.code).join(", ")}`,
      code: "BAD_USER_INPUT",
    });
  }
  const facts = checkText(input.facts, "input.facts", 2_000, problems);
  const basis = checkText(input.basis, "input.basis", 500, problems);
  const documentNumber = checkText(input.documentNumber, "input.documentNumber", 100, problems);
  if (input.recognizedOn > today)
    problems.push({ field: "input.recognizedOn", reason: "lies in the future", code: "BAD_USER_INPUT" });
  else if (subject)
    problems.push(
      ...checkCivilCapacity(
        subject,
        input.recognizedOn,
        input.subjectLivesOnOwnLabourIncome,
        "input",
        "recognizedOn",
      ),
    );
  if (input.validUntil && input.validUntil <= input.recognizedOn) {
    problems.push({
      field: "input.validUntil",
      reason: "must come after recognizedOn",
      code: "BAD_USER_INPUT",
    });
  }
  const cap = defaultValidUntil(input.list, input.recognizedOn, context.rules);
  if (input.validUntil && cap && input.validUntil > cap && !CITED_LAW.test(input.basis)) {
    problems.push({
      field: "input.validUntil",
      reason: `a black-list entry may stay valid until ${cap} and no longer (PCIM art. 27) unless a law sets a longer period: cite it in basis, e.g. 《…法》第…条`,
      code: "BAD_USER_INPUT",
    });
  }
  refuseIfProblems(problems, "list entry");

  const row = await context.db.transaction().execute(async (trx: Transaction<ListsDatabase>) => {
    if (input.list === "RED") {
      // JRP art. 4: lists are cross-checked both ways; a subject on the black list is not honoured on the red one.
      const [black] = await listBlackEntriesInForce(trx, subject!.identifier, today);
      if (black) {
        // The refusal decides on the subject's black entry: audited as a disclosure of it, and naming no more than that it exists.
        recordDisclosed(context, {
          subjectId: black.subject_id,
          subjectIdentifier: subject!.identifier,
          entityType: "ListEntry",
          tier: "PUBLIC",
          itemIds: [black.id],
        });
        refuseIfProblems(
          [
            {
              field: "input.subject",
              reason:
                "the subject is on the black list: JRP art. 4 cross-check refuses a red recognition; the credit centre verifies with the recognising unit",
              code: "BAD_USER_INPUT",
            },
          ],
          "list entry",
        );
      }
    }
    const registered = (await registerSubjects(trx, [subject!])).get(subject!.identifier)!;
    const known = await findDisclosureFacts(trx, registered.id);
    const created = await insertListEntryIfNew(trx, {
      subject_id: registered.id,
      subject_identifier: registered.identifier,
      subject_name: registered.name,
      subject_kind: registered.kind,
      region: registered.region,
      list: input.list,
      status: "ACTIVE",
      grounds: input.grounds,
      facts,
      basis,
      document_number: documentNumber,
      recognized_by: unit,
      recognized_on: input.recognizedOn,
      publication: publicationOnSubmission(registered.kind, "PUBLIC"),
      valid_until: input.validUntil ?? defaultValidUntil(input.list, input.recognizedOn, context.rules),
      pushed_on: today,
      created_at: context.now,
      pushed_late: today > context.calendar.addWorkingDays(input.recognizedOn, PUSH_WORKING_DAYS).dueOn,
      disclosure: JSON.stringify({
        // JRP art. 8 publishes a person's sex, age and employer with a black entry; an honour needs none of them.
        ...(input.list === "BLACK"
          ? { sex: known.sex, birthDate: known.birth_date, employer: known.employer_name }
          : {}),
        registeredAddress: known.registered_address,
        nature: known.nature,
        legalRepresentative: known.legal_representative_name,
      }),
    });
    const entry = await findListEntryByDocument(trx, unit, documentNumber);
    if (!created && (entry.subject_identifier !== registered.identifier || entry.list !== input.list)) {
      // A resubmission returns its own entry; a number already used for another entry says nothing of it.
      refuseIfProblems(
        [
          {
            field: "input.documentNumber",
            reason: "your unit already used this document number for another entry",
            code: "BAD_USER_INPUT",
          },
        ],
        "list entry",
      );
    }
    // Only an entry in force has effects: one whose validity ended before it was entered is stored and read as
    // history, but is no basis for anything (PCIM art. 27, JRP art. 12), so it takes no red entry or honour.
    if (created && input.list === "BLACK" && entryInForce.test(entry, today)) {
      const removed = await removeActiveRedEntries(
        trx,
        registered.id,
        `JRP art. 4: entered the black list by ${unit}, document ${documentNumber}`,
        today,
        entry.id,
      );
      for (const red of removed)
        recordDisclosed(context, {
          subjectId: red.subject_id,
          subjectIdentifier: red.subject_identifier,
          entityType: "ListEntry",
          tier: "PUBLIC",
          itemIds: [red.id],
        });
      const suspended = await suspendHonours(
        trx,
        registered.id,
        entry.id,
        `JRP art. 14(11) 「及时撤销严重失信主体已取得的荣誉称号」: entered the black list by ${unit}, document ${documentNumber}, on ${today}; no longer published`,
        today,
      );
      for (const record of suspended)
        recordDisclosed(context, {
          subjectId: record.subjectId,
          subjectIdentifier: record.subjectIdentifier,
          entityType: "CreditRecord",
          tier: record.tier,
          itemIds: [record.id],
        });
      if (known.state_employee && known.employer_identifier) {
        await insertNotice(trx, {
          recipient_org: known.employer_identifier,
          kind: "STATE_EMPLOYEE_BLACKLISTED",
          subject_id: registered.id,
          subject_identifier: registered.identifier,
          list_entry_id: entry.id,
          message: `${registered.name}, a state employee of yours, was entered on the black list by ${unit} (document ${documentNumber}); JRP art. 11`,
          created_at: context.now,
        });
      }
      if (known.superior_unit) {
        await insertNotice(trx, {
          recipient_org: known.superior_unit,
          kind: "SUBORDINATE_UNIT_BLACKLISTED",
          subject_id: registered.id,
          subject_identifier: registered.identifier,
          list_entry_id: entry.id,
          message: `${registered.name}, a unit under you, was entered on the black list by ${unit} (document ${documentNumber}); JRP art. 11`,
          created_at: context.now,
        });
      }
    }
    return entry;
  });
  recordDisclosed(context, {
    subjectId: row.subject_id,
    subjectIdentifier: row.subject_identifier,
    entityType: "ListEntry",
    tier: "PUBLIC",
    itemIds: [row.id],
  });
  return toListEntry(row, today, context.ability);
}

/** A law or regulation cited by name and article (「法律、法规和规章另有规定的除外」, PCIM art. 27). */
const CITED_LAW = /《[^》]*(法|条例|规定|办法)》\s*第[一二三四五六七八九十百零\d]+条/;

/** JRP art. 9: a recognition reaches the city platform within 7 working days; later is accepted but flagged. */
const PUSH_WORKING_DAYS = 7;

/**
 * A black-list entry is never in force forever (PCIM art. 27, JRP arts. 8 and 12): without the unit's own
 * date it ends when severe dishonesty stops being a basis, 36 months after recognition by default.
 */
function defaultValidUntil(list: ListType, recognizedOn: string, rules: DomainRules): string | null {
  return list === "BLACK" ? addMonths(recognizedOn, rules.expiryMonths.SEVERE) : null;
}

/**
 * `removeListEntry`: only the unit that recognised the entry takes it off the list ("谁认定、谁负责"). What a
 * black entry took is given back in the same transaction: the honours it suspended and the red entries it took
 * off — both wait on the subject's other black entry in force, if there is one (JRP arts. 4, 14(11)).
 */
export async function removeListEntry(
  context: ListEntryContext,
  id: string,
  reason: string,
): Promise<ListEntry> {
  const { today } = context;
  const row = isUuid(id) ? await context.loaders.entryById.load(id) : undefined;
  if (!row || !context.ability.can("remove", asListEntryPolicy(row, today)))
    throw new NotFoundError("no list entry with that id was recognised by your unit");
  if (row.status !== "ACTIVE")
    throw new ForbiddenError(`the entry is ${row.status}; only an ACTIVE entry can be removed`);
  const text = reason.trim();
  if (text.length === 0)
    refuseIfProblems(
      [{ field: "reason", reason: "say why the entry is removed", code: "BAD_USER_INPUT" }],
      "removal",
    );
  const { updated, restored, reinstated } = await context.db
    .transaction()
    .execute(async (trx: Transaction<ListsDatabase>) => {
      const stillListedBy =
        (await findOtherBlackEntryInForce(trx, row.subject_id, row.id, today))?.id ?? null;
      return {
        updated: await setListEntryStatus(trx, row.id, "REMOVED", text, today),
        restored: await restoreHonoursSuspendedBy(trx, row.id, stillListedBy),
        reinstated: await restoreRedEntriesRemovedBy(trx, row.id, today),
      };
    });
  recordDisclosed(context, {
    subjectId: updated.subject_id,
    subjectIdentifier: updated.subject_identifier,
    entityType: "ListEntry",
    tier: "PUBLIC",
    itemIds: [updated.id],
  });
  for (const record of restored)
    recordDisclosed(context, {
      subjectId: record.subjectId,
      subjectIdentifier: record.subjectIdentifier,
      entityType: "CreditRecord",
      tier: record.tier,
      itemIds: [record.id],
    });
  for (const red of reinstated)
    recordDisclosed(context, {
      subjectId: red.subject_id,
      subjectIdentifier: red.subject_identifier,
      entityType: "ListEntry",
      tier: "PUBLIC",
      itemIds: [red.id],
    });
  return toListEntry(updated, today, context.ability);
}

/** `publicBlacklist` / `publicRedlist`: entries in force, with the JRP art. 8 disclosure, for anyone. */
export async function findPublicList(
  context: ListEntryContext,
  list: ListType,
  filter: Omit<PublicListQuery, "list" | "today">,
  first: number,
  after: string | null,
): Promise<ListEntryConnection> {
  checkPageSize(first, MAX_PUBLIC_PAGE);
  if (filter.id !== undefined && filter.id !== null && !isUuid(filter.id)) {
    throw new BadUserInputError("filter.id is not the id of a list entry; take it from an entry's `id`", {
      argument: "filter.id",
    });
  }
  const connection = `public${list}`;
  const { today } = context;
  const cursor = after ? (decodeCursor(connection, after, ["date", "uuid"]) as [string, string]) : null;
  const query = { ...filter, list, today };
  const rows = await listPublicEntries(context.db, query, listEntryAccessFor(context), cursor, first + 1);
  const page = rows
    .slice(0, first)
    .filter((row) => context.ability.can("read", asListEntryPolicy(row, today)));
  const edges = page.map((row) => {
    recordDisclosed(context, {
      subjectId: row.subject_id,
      subjectIdentifier: row.subject_identifier,
      entityType: "ListEntry",
      tier: "PUBLIC",
      itemIds: [row.id],
    });
    return {
      cursor: encodeCursor(connection, [row.recognized_on, row.id]),
      node: toListEntry(row, today, context.ability),
    };
  });
  return Object.assign(new ListEntryConnection(), {
    edges,
    pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: await countPublicEntries(context.db, query),
  });
}

/**
 * `myNotices`: notices addressed to the viewer's organisation: JRP art. 11 notices with their entry (dropped
 * when the viewer may no longer read it), and JRP art. 16 correction notices, whose message was written for
 * this organisation when it was sent (the wrong item itself is no longer published).
 */
export async function findMyNotices(context: ListEntryContext): Promise<Notice[]> {
  const org = context.viewer.org;
  if (!org) return [];
  const rows = (await listNoticesByRecipient(context.db, org, noticeAccessFor(context))).filter((row) =>
    context.ability.can("read", policySubject("Notice", { recipientOrg: row.recipient_org })),
  );
  const entryIds = rows.flatMap((row) =>
    row.objection_id === null && row.list_entry_id !== null ? [row.list_entry_id] : [],
  );
  const entries = new Map(entryIds.map((id, index) => [id, index]));
  const loaded = await context.loaders.entryById.loadMany(entryIds);
  const { today } = context;
  return rows.flatMap((row) => {
    const correction = row.objection_id !== null;
    const entry = correction ? null : loaded[entries.get(row.list_entry_id ?? "") ?? -1];
    if (!correction && (!entry || entry instanceof Error)) return [];
    recordDisclosed(context, {
      subjectId: row.subject_id,
      subjectIdentifier: row.subject_identifier,
      entityType: "Notice",
      tier: "GOVERNMENT",
    });
    return [
      Object.assign(new Notice(), {
        id: row.id,
        kind: row.kind,
        message: row.message,
        subject: { id: row.subject_id },
        listEntry: entry && !(entry instanceof Error) ? toListEntry(entry, today, context.ability) : null,
        correctedItemId: correction ? (row.credit_record_id ?? row.list_entry_id) : null,
        correctedOn: row.corrected_on,
        createdAt: row.created_at,
      }),
    ];
  });
}

export function findListGrounds(list: ListType | null): ListGround[] {
  return (list ? [list] : (["RED", "BLACK"] as const)).flatMap((type) =>
    LIST_GROUNDS[type].map((ground) => Object.assign(new ListGround(), { list: type, ...ground })),
  );
}
