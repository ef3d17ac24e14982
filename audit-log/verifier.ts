import type { Kysely } from "kysely";
import type { Selectable } from "kysely";
import type { AuditAccessSetRow, AuditCompletionTable, AuditEventRow } from "./audit-event.table";
import type { Database } from "../db/database";
import {
  canonicalCompletion,
  canonicalEntry,
  chainHash,
  GENESIS_HASH,
  type AuditAccessSet,
  type AuditCompletion,
  type AuditEntry,
  type CanonicalForm,
} from "./chain";
import { findAccessRowWithoutEvent, findChainHead, listChainPage } from "./store";

export type ChainVerification = Readonly<{
  verified: boolean;
  length: number;
  brokenAt: string | null;
  reason: string | null;
}>;

const PAGE = 5_000;

/** Rebuilds the entry a stored event was hashed from. */
export function entryOfRow(event: AuditEventRow, accesses: readonly AuditAccessSetRow[]): AuditEntry {
  return {
    id: event.id,
    requestId: event.request_id,
    at: event.at,
    actor: event.actor,
    role: event.role,
    org: event.org,
    purpose: event.purpose,
    operationName: event.operation_name,
    operationType: event.operation_type,
    documentHash: event.document_hash,
    variables: event.variables,
    clientAddress: event.client_address,
    outcome: event.outcome,
    errorCodes: event.error_codes,
    consentIds: event.consent_ids,
    durationMs: event.duration_ms,
    accesses: accesses.filter((access) => !access.in_completion).map(accessOfRow),
  };
}

/** Rebuilds the completion a stored completion row was hashed from. */
export function completionOfRow(
  completion: Selectable<AuditCompletionTable>,
  accesses: readonly AuditAccessSetRow[],
): AuditCompletion {
  return {
    eventId: completion.event_id,
    outcome: completion.outcome,
    errorCodes: completion.error_codes,
    consentIds: completion.consent_ids,
    durationMs: completion.duration_ms,
    accesses: accesses.filter((access) => access.in_completion).map(accessOfRow),
  };
}

function accessOfRow(access: AuditAccessSetRow): AuditAccessSet {
  return {
    subgraph: access.subgraph,
    entityType: access.entity_type,
    tiers: access.tiers,
    subjectIds: access.subject_ids,
    subjectIdentifiers: access.subject_identifiers,
    counts: access.counts,
    itemIds: access.item_ids,
  };
}

/** The form an event was hashed in; a value no form has is refused rather than guessed. */
function formOf(event: AuditEventRow): CanonicalForm | null {
  return event.canonical_form === 1 || event.canonical_form === 2 || event.canonical_form === 3
    ? event.canonical_form
    : null;
}

/**
 * Walks the chain in order and recomputes every hash. Names the first event that does not hold: edited
 * (its hash no longer matches its content), deleted or inserted or reordered (its position or its link to
 * the previous hash is wrong), or a chain cut short at the end (the head records more than is there).
 */
export async function verifyAuditChain(db: Kysely<Database>): Promise<ChainVerification> {
  // One snapshot for every page, the head and the orphan check: an event appended meanwhile (every request is
  // audited as it runs) was otherwise missed by the pages but counted by the head, and reported as a chain
  // cut short.
  return db
    .transaction()
    .setIsolationLevel("repeatable read")
    .execute((snapshot) => verifyInSnapshot(snapshot));
}

async function verifyInSnapshot(db: Kysely<Database>): Promise<ChainVerification> {
  let previousHash = GENESIS_HASH;
  let expectedIndex = 0n;
  let afterIndex: string | null = null;
  let lastId: string | null = null;
  for (;;) {
    const { events, accesses, completions } = await listChainPage(db, afterIndex, PAGE);
    const completionByEvent = new Map(completions.map((completion) => [completion.event_id, completion]));
    if (events.length === 0) break;
    const accessesByEvent = new Map<string, AuditAccessSetRow[]>();
    for (const access of accesses) {
      const rows = accessesByEvent.get(access.event_id);
      if (rows) rows.push(access);
      else accessesByEvent.set(access.event_id, [access]);
    }
    for (const event of events) {
      const broken = (reason: string): ChainVerification => ({
        verified: false,
        length: Number(expectedIndex),
        brokenAt: event.id,
        reason,
      });
      if (BigInt(event.chain_index) !== expectedIndex)
        return broken(
          `expected position ${expectedIndex}, found ${event.chain_index}: an event was deleted, inserted or moved before this one`,
        );
      if (event.prev_hash !== previousHash)
        return broken(
          "its link to the previous event is broken: an event before it was deleted, inserted or reordered",
        );
      const form = formOf(event);
      if (form === null)
        return broken(
          `its canonical form (${event.canonical_form}) is not one this verifier knows: the event was edited`,
        );
      if (
        chainHash(
          event.prev_hash,
          canonicalEntry(entryOfRow(event, accessesByEvent.get(event.id) ?? []), expectedIndex, form),
        ) !== event.hash
      ) {
        return broken("its content no longer matches its hash: the event or its access rows were edited");
      }
      const eventAccesses = accessesByEvent.get(event.id) ?? [];
      // Forms before 3 do not hash item ids: an event of theirs that names items had them added afterwards.
      if (form < 3 && eventAccesses.some((access) => access.item_ids.length > 0))
        return broken("its access rows name items its form never recorded: they were edited");
      const completion = completionByEvent.get(event.id);
      if (completion) {
        if (event.outcome !== "PENDING")
          return broken("a completion was added to an event that was complete when written");
        if (
          chainHash(event.hash, canonicalCompletion(completionOfRow(completion, eventAccesses), form)) !==
          completion.hash
        ) {
          return broken(
            "its completion no longer matches its hash: the mutation's outcome or its access rows were edited",
          );
        }
      } else if (eventAccesses.some((access) => access.in_completion)) {
        return broken("access rows of its completion remain but the completion was removed");
      }
      previousHash = event.hash;
      expectedIndex += 1n;
      lastId = event.id;
    }
    afterIndex = events.at(-1)!.chain_index;
  }
  const head = await findChainHead(db);
  if (BigInt(head.length) !== expectedIndex || head.hash !== previousHash) {
    return {
      verified: false,
      length: Number(expectedIndex),
      brokenAt: lastId,
      reason: `the chain head records ${head.length} events, ${expectedIndex} are intact: events after this one were removed`,
    };
  }
  const orphan = await findAccessRowWithoutEvent(db);
  if (orphan) {
    return {
      verified: false,
      length: Number(expectedIndex),
      brokenAt: orphan,
      reason: `access rows name an event (${orphan}) that is not in the chain: they were inserted`,
    };
  }
  return { verified: true, length: Number(expectedIndex), brokenAt: null, reason: null };
}
