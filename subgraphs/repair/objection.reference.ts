import type { ObjectionContext } from "./objection.loaders";
import { resolveObjectionById } from "./objection.service";
import type { Objection } from "./objection.type";

export async function resolveObjectionReference(
  reference: Pick<Objection, "id">,
  context: ObjectionContext,
): Promise<Objection | null> {
  return resolveObjectionById(context, reference.id);
}
