import { expect } from "vitest";
import type { TestFederation } from "./harness";

const QUEUE = `query { publicationReviews(first: 50) { edges { node { id } } } }`;
const DECIDE = `mutation ($input: PublicationDecisionInput!) { decidePublication(input: $input) { state } }`;

/**
 * The credit centre publishes every natural person's item awaiting its review (policies/publication.ts), through
 * the queue and the decision a reviewer uses: for suites about what happens once an item is public.
 */
export async function publishPendingItems(federation: TestFederation): Promise<number> {
  const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  let published = 0;
  for (;;) {
    const queue = await federation.query<{ publicationReviews: { edges: Array<{ node: { id: string } }> } }>(QUEUE, { token });
    expect(queue.errors).toBeUndefined();
    const ids = queue.data!.publicationReviews.edges.map((edge) => edge.node.id);
    if (ids.length === 0) return published;
    for (const id of ids) {
      const decided = await federation.query(DECIDE, { token, variables: { input: { id, decision: "PUBLISH" } } });
      expect(decided.errors).toBeUndefined();
      published += 1;
    }
  }
}
