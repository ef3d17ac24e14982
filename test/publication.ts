import { randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { TestFederation } from "./harness";
import type { SliceTest } from "./slice";

const QUEUE = `query { publicationReviews(first: 50) { edges { node { id } } } }`;
const DECIDE = `mutation ($input: PublicationDecisionInput!) { decidePublication(input: $input) { state } }`;

/**
 * The credit centre publishes every natural person's item awaiting its review (policies/publication.ts), through
 * the queue and the decision a reviewer uses: for suites about what happens once an item is public.
 */
export async function publishPendingItems(target: TestFederation | SliceTest): Promise<number> {
  const centre = {
    role: "CREDIT_CENTER",
    org: "HA-CREDIT",
    sub: `credit_center-${randomUUID().slice(0, 8)}`,
  } as const;
  let token: Promise<string> | undefined;
  // Through the gateway for a federation, through the lists slice's own schema for a slice test.
  const ask: <T>(
    document: string,
    variables?: Record<string, unknown>,
  ) => Promise<{ data?: T | null; errors?: unknown }> =
    "execute" in target
      ? (document, variables) => target.execute("lists", document, { viewer: centre, variables })
      : async (document, variables) =>
          target.query(document, { token: await (token ??= target.token(centre)), variables });
  let published = 0;
  for (;;) {
    const queue = await ask<{ publicationReviews: { edges: Array<{ node: { id: string } }> } }>(QUEUE);
    expect(queue.errors).toBeUndefined();
    const ids = queue.data!.publicationReviews.edges.map((edge) => edge.node.id);
    if (ids.length === 0) return published;
    for (const id of ids) {
      const decided = await ask(DECIDE, { input: { id, decision: "PUBLISH" } });
      expect(decided.errors).toBeUndefined();
      published += 1;
    }
  }
}
