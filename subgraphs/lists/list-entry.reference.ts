import type { ListEntryContext } from "./list-entry.loaders";
import { resolveListEntryById } from "./list-entry.service";
import type { ListEntry } from "./list-entry.type";

export async function resolveListEntryReference(
  reference: Pick<ListEntry, "id">,
  context: ListEntryContext,
): Promise<ListEntry | null> {
  return resolveListEntryById(context, reference.id);
}
