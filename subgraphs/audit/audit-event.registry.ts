import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { Tier } from "../../domain/vocabulary";
import { listOrganisationReadsOfSubject } from "./audit-event.repository";

// The audit slice's published face: who relied on an item, read from the access rows of the chain.

/** One organisation that read or screened a subject's item in a period, with the requests that did. */
export type ItemReliance = Readonly<{
  org: string;
  role: string;
  /** When it was given the item's kind of data at the item's tier: it read the item itself. */
  reads: readonly Date[];
  /** Screening answers it was given on the subject (only when the item is one screening rests on). */
  screenings: ReadonlyArray<Readonly<{ at: Date; requestId: string; purpose: string | null }>>;
}>;

/**
 * The organisations that relied on one item between its publication and `to` (JRP art. 16: 「在原发布和提供
 * 范围内」), in one statement over the access rows. An access row names the subject and the kind of data with
 * the tiers disclosed, not each item: an organisation "read the item" when it was given that kind of the
 * subject's data at the item's tier in the period, which holds for every caller who was shown it.
 */
export async function listOrganisationsThatRelied(
  db: Kysely<Database>,
  item: Readonly<{ subjectId: string; entityType: "CreditRecord" | "ListEntry"; tier: Tier; screeningRestsOnIt: boolean; from: Date; to: Date }>,
): Promise<ItemReliance[]> {
  const rows = await listOrganisationReadsOfSubject(db, {
    subjectId: item.subjectId,
    entityTypes: item.screeningRestsOnIt ? [item.entityType, "ScreeningResult"] : [item.entityType],
    from: item.from,
    to: item.to,
  });
  const byOrg = new Map<string, { org: string; role: string; reads: Date[]; screenings: Array<{ at: Date; requestId: string; purpose: string | null }> }>();
  for (const row of rows) {
    const read = row.entity_type === item.entityType && row.tiers.includes(item.tier);
    const screened = row.entity_type === "ScreeningResult";
    if (!read && !screened) continue;
    const key = row.org!;
    const reliance = byOrg.get(key) ?? { org: key, role: row.role, reads: [], screenings: [] };
    if (read) reliance.reads.push(row.at);
    if (screened) reliance.screenings.push({ at: row.at, requestId: row.request_id, purpose: row.purpose });
    byOrg.set(key, reliance);
  }
  return [...byOrg.values()];
}
