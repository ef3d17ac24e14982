import type { AccessFilter } from "../../policies/accessible-by";
import type { Kysely } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { ObjectionRow } from "./objection.table";

export type ObjectionAccess = AccessFilter;

export async function listObjectionsBySubjectIds(
  db: Kysely<RepairDatabase>,
  subjectIds: readonly string[],
  access: ObjectionAccess,
): Promise<ObjectionRow[]> {
  if (subjectIds.length === 0) return [];
  return db
    .selectFrom("objections")
    .selectAll()
    .where("subject_id", "in", subjectIds)
    .where(access)
    .orderBy("filed_at", "desc")
    .execute();
}

export async function listObjectionsByIds(
  db: Kysely<RepairDatabase>,
  ids: readonly string[],
  access: ObjectionAccess,
): Promise<ObjectionRow[]> {
  if (ids.length === 0) return [];
  return db.selectFrom("objections").selectAll().where("id", "in", ids).where(access).execute();
}

/** A worklist: objections in a state (or all), oldest first, only those `access` lets the viewer read. */
export async function listObjections(
  db: Kysely<RepairDatabase>,
  filter: { state: string | null; access: ObjectionAccess },
): Promise<ObjectionRow[]> {
  return db
    .selectFrom("objections")
    .selectAll()
    .$if(filter.state !== null, (qb) => qb.where("state", "=", filter.state!))
    .where(filter.access)
    .orderBy("filed_at")
    .limit(500)
    .execute();
}
