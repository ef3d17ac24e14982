import { subject as policySubject } from "@casl/ability";
import type { ObjectionRow } from "../../db/database";
import { discloseReadable } from "../shared/disclose";
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
function discloseObjections(context: ObjectionContext, rows: readonly ObjectionRow[]): Objection[] {
  return discloseReadable(context, rows, {
    entityType: "Objection",
    policyOf: (row) => policySubject("Objection", { subjectIdentifier: row.subject_identifier }),
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: () => "AUTHORIZED",
    toType: toObjection,
  });
}

export async function listSubjectObjections(context: ObjectionContext, subjectId: string): Promise<Objection[]> {
  return discloseObjections(context, await context.loaders.objectionsBySubjectId.load(subjectId));
}

export async function resolveObjectionById(context: ObjectionContext, id: string): Promise<Objection | null> {
  const row = await context.loaders.objectionById.load(id);
  return row ? (discloseObjections(context, [row])[0] ?? null) : null;
}
