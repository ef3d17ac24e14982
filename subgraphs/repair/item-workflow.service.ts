import type { ObjectionContext } from "./objection.loaders";

/**
 * Workflow state shown on an item. The gateway asks only about items the viewer was already allowed to
 * see (their own subgraph filtered them); the answer is a flag or a date, never the objection itself.
 */
export async function isUnderObjection(context: ObjectionContext, itemId: string): Promise<boolean> {
  return context.loaders.underObjection.load(itemId);
}

export async function findPublicityUntil(context: ObjectionContext, itemId: string): Promise<string | null> {
  return context.loaders.publicityUntil.load(itemId);
}
