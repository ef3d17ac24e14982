import type { Connection } from "../../db/connection";
import type { Tier } from "../../domain/vocabulary";
import { listOrganisationDisclosuresOfItem, listOrganisationReadsOfSubject } from "./audit-event.repository";

// The audit slice's published face: who relied on an item, read from the access rows of the chain.

/** One organisation that read or screened a subject's item in a period, with the requests that did. */
export type ItemReliance = Readonly<{
  org: string;
  role: string;
  /** When it was shown the item itself. */
  reads: readonly Date[];
  /** Screening answers it was given on the subject (only when the item is one screening rests on). */
  screenings: ReadonlyArray<Readonly<{ at: Date; requestId: string; purpose: string | null }>>;
}>;

/**
 * The organisations that relied on one item between its publication and `to` (JRP art. 16: 「在原发布和提供
 * 范围内」): those that were shown the item itself, or given a screening answer that rested on it, as the access
 * sets record by the item's id. A disclosure passed the reader's policy when it was made (an AUTHORIZED item
 * only under a consent valid then, a government item only on a declared duty), so an item uploaded after a
 * consent ended, or one never on a page the reader was shown, reaches no one through another item's reading.
 *
 * Events hashed before item ids were recorded (canonical form < 3) name only the subject and the kind of data:
 * for them an organisation "read the item" when it was given that kind of the subject's data at the item's
 * tier in the period, and screened on it when it screened the subject — the most that those events can tell.
 */
export async function listOrganisationsThatRelied(
  db: Connection,
  item: Readonly<{
    id: string;
    subjectId: string;
    entityType: "CreditRecord" | "ListEntry";
    tier: Tier;
    screeningRestsOnIt: boolean;
    from: Date;
    to: Date;
  }>,
): Promise<ItemReliance[]> {
  const [disclosed, earlier] = await Promise.all([
    listOrganisationDisclosuresOfItem(db, { itemId: item.id, from: item.from, to: item.to }),
    listOrganisationReadsOfSubject(db, {
      subjectId: item.subjectId,
      entityTypes: item.screeningRestsOnIt ? [item.entityType, "ScreeningResult"] : [item.entityType],
      from: item.from,
      to: item.to,
    }),
  ]);
  const rows = [
    ...disclosed.map((row) => ({
      ...row,
      read: row.entity_type !== "ScreeningResult",
      screened: row.entity_type === "ScreeningResult" && item.screeningRestsOnIt,
    })),
    ...earlier.map((row) => ({
      ...row,
      read: row.entity_type === item.entityType && row.tiers.includes(item.tier),
      screened: row.entity_type === "ScreeningResult",
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime());
  const byOrg = new Map<
    string,
    {
      org: string;
      role: string;
      reads: Date[];
      screenings: Array<{ at: Date; requestId: string; purpose: string | null }>;
    }
  >();
  for (const row of rows) {
    if (!row.read && !row.screened) continue;
    const key = row.org!;
    const reliance = byOrg.get(key) ?? { org: key, role: row.role, reads: [], screenings: [] };
    if (row.read) reliance.reads.push(row.at);
    if (row.screened)
      reliance.screenings.push({ at: row.at, requestId: row.request_id, purpose: row.purpose });
    byOrg.set(key, reliance);
  }
  return [...byOrg.values()];
}
