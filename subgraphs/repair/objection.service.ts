import { subject as policySubject } from "@casl/ability";
import type { ObjectionRow } from "../../db/database";
import type { ObjectionContext } from "./objection.loaders";
import { Objection } from "./objection.type";

export function toObjection(row: ObjectionRow): Objection {
  return Object.assign(new Objection(), {
    id: row.id,
    subject: { id: row.subject_id },
    targetId: row.target_id,
    ground: row.ground,
    statement: row.statement,
    state: row.state,
    filedAt: row.filed_at,
  });
}

/** Objections are between the subject and the credit centre: AUTHORIZED-tier information. */
function discloseReadable(context: ObjectionContext, rows: readonly ObjectionRow[]): Objection[] {
  return rows
    .filter((row) => context.ability.can("read", policySubject("Objection", { subjectIdentifier: row.subject_identifier })))
    .map((row) => {
      context.disclosures.record(row.subject_id, "Objection", "AUTHORIZED");
      return toObjection(row);
    });
}

export async function listSubjectObjections(context: ObjectionContext, subjectId: string): Promise<Objection[]> {
  return discloseReadable(context, await context.loaders.objectionsBySubjectId.load(subjectId));
}

export async function resolveObjectionById(context: ObjectionContext, id: string): Promise<Objection | null> {
  const row = await context.loaders.objectionById.load(id);
  return row ? (discloseReadable(context, [row])[0] ?? null) : null;
}
