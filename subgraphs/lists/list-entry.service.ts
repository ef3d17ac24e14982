import type { ListEntryRow } from "./list-entry.table";
import { ageBandOn } from "../../domain/dates";
import { maskCitizenId } from "../../domain/identifiers";
import { findListGround } from "../../domain/list-grounds";
import { discloseReadable } from "../shared/disclose";
import type { ListEntryContext } from "./list-entry.loaders";
import { asEntryReviewPolicy, asListEntryPolicy } from "./list-entry.policy";
import { entryInForce } from "./list-entry.rules";
import type { AppAbility } from "../../policies/ability";
import { ListDisclosure, ListEntry } from "./list-entry.type";

/**
 * What a list entry publishes of its subject (JRP art. 8): for a black entry of a person also sex, age
 * (as a decade) and employer; a red entry publishes what an honour needs — name, honour, unit, date — and
 * none of those (JRP art. 7: privacy is never disclosed), whatever an older snapshot holds.
 */
function toListDisclosure(row: ListEntryRow, today: string): ListDisclosure {
  const facts =
    row.list === "BLACK" ? row.disclosure : { ...row.disclosure, sex: null, birthDate: null, employer: null };
  const person = row.subject_kind === "NATURAL_PERSON";
  return Object.assign(new ListDisclosure(), {
    name: row.subject_name,
    kind: row.subject_kind,
    identifier: person ? maskCitizenId(row.subject_identifier) : row.subject_identifier,
    sex: facts.sex ?? null,
    ageBand: facts.birthDate ? ageBandOn(facts.birthDate, today) : null,
    employer: facts.employer ?? null,
    registeredAddress: facts.registeredAddress ?? null,
    nature: facts.nature ?? null,
    legalRepresentative: facts.legalRepresentative ?? null,
    region: row.region,
  });
}

/**
 * An entry as `reader` may read it. Its subject, its recognising unit and the credit centre read the publication
 * review and the facts as recognised; everyone else reads what was published: a REDACTED entry's facts are the
 * reviewer's text (policies/publication.ts).
 */
export function toListEntry(row: ListEntryRow, today: string, reader: AppAbility): ListEntry {
  const ground = findListGround(row.list, row.grounds);
  const reviewer = row.publication !== null && reader.can("read", asEntryReviewPolicy(row));
  const redacted = !reviewer && row.publication === "REDACTED";
  return Object.assign(new ListEntry(), {
    id: row.id,
    subject: { id: row.subject_id },
    list: row.list,
    status: row.status === "ACTIVE" && !entryInForce.test(row, today) ? "EXPIRED" : row.status,
    recognizedBy: row.recognized_by,
    recognizedOn: row.recognized_on,
    validUntil: row.valid_until,
    facts: redacted ? (row.publication_text ?? "") : row.facts,
    basis: row.basis,
    grounds: row.grounds,
    groundsDescription: ground ? `${ground.name} (${ground.article})` : row.grounds,
    documentNumber: row.document_number,
    statusReason: row.status_reason,
    correctedOn: row.corrected_on,
    pushedOn: row.pushed_on,
    pushedLate: row.pushed_late,
    disclosure: toListDisclosure(row, today),
    publicationState: reviewer ? row.publication : null,
    publicationNote: reviewer ? row.publication_note : null,
  });
}

/** List entries are public-tier disclosures (JRP art. 8); the policy still decides who reads which. */
function discloseEntries(context: ListEntryContext, rows: readonly ListEntryRow[]): ListEntry[] {
  const { today } = context;
  return discloseReadable(context, rows, {
    entityType: "ListEntry",
    policyOf: (row) => asListEntryPolicy(row, today),
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: () => "PUBLIC",
    itemIdOf: (row) => row.id,
    toType: (row) => toListEntry(row, today, context.ability),
  });
}

/** `Subject.listEntries`: entries in force, or every readable one with `includeInactive`. */
export async function listSubjectEntries(
  context: ListEntryContext,
  subjectId: string,
  includeInactive: boolean,
): Promise<ListEntry[]> {
  const { today } = context;
  const rows = await context.loaders.entriesBySubjectId.load(subjectId);
  return discloseEntries(
    context,
    includeInactive ? rows : rows.filter((row) => entryInForce.test(row, today)),
  );
}

export async function resolveListEntryById(context: ListEntryContext, id: string): Promise<ListEntry | null> {
  const row = await context.loaders.entryById.load(id);
  return row ? (discloseEntries(context, [row])[0] ?? null) : null;
}
