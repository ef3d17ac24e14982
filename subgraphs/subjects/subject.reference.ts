import type { SubjectContext } from "./subject.loaders";
import { resolveSubjectById } from "./subject.service";
import type { Subject } from "./subject.type";

export async function resolveSubjectReference(
  reference: Pick<Subject, "id">,
  context: SubjectContext,
): Promise<Subject | null> {
  return resolveSubjectById(context, reference.id);
}
