import { subject as policySubject } from "@casl/ability";
import type { SubjectRow } from "../../db/database";
import { checkIdentifier, maskCitizenId } from "../../domain/identifiers";
import { ForbiddenError, InvalidIdentifierError } from "../../platform/errors";
import type { AppAbility } from "../../policies/ability";
import type { SubjectContext } from "./subject.loaders";
import { Subject } from "./subject.type";
import { findSubjectByIdentifier } from "./subject.repository";

export function toSubject(row: SubjectRow, ability: AppAbility): Subject {
  const policy = policySubject("Subject", { subjectIdentifier: row.identifier, kind: row.kind });
  const wholeIdentifier = ability.can("read", policy, "identifier");
  return Object.assign(new Subject(), {
    id: row.id,
    kind: row.kind,
    name: row.name,
    identifier: wholeIdentifier ? row.identifier : maskCitizenId(row.identifier),
  });
}

/** `subject(identifier)`: a bad checksum is `INVALID_IDENTIFIER` naming the rule; unknown is null. */
export async function findSubject(context: SubjectContext, rawIdentifier: string): Promise<Subject | null> {
  if (!context.ability.can("read", "Subject")) throw new ForbiddenError(`role ${context.viewer.role} reads no subject data`);
  const check = checkIdentifier(rawIdentifier);
  if (!check.valid) {
    throw new InvalidIdentifierError(`identifier rejected: ${check.rule}; check the number and try again`, {
      argument: "identifier",
    });
  }
  const row = await findSubjectByIdentifier(context.db, check.identifier);
  if (!row) return null;
  context.loaders.subjectById.prime(row.id, row);
  return discloseSubject(context, row);
}

/** Entity resolution from other subgraphs: batched through the request's loader. */
export async function resolveSubjectById(context: SubjectContext, id: string): Promise<Subject | null> {
  if (!context.ability.can("read", "Subject")) return null;
  const row = await context.loaders.subjectById.load(id);
  return row ? discloseSubject(context, row) : null;
}

function discloseSubject(context: SubjectContext, row: SubjectRow): Subject {
  context.disclosures.record(row.id, "Subject", "PUBLIC");
  return toSubject(row, context.ability);
}
