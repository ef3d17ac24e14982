/** The six subgraphs: each a folder under `subgraphs/`, each a routing entry of supergraph.yaml the gateway reads. */
export const SUBGRAPH_NAMES = ["subjects", "records", "lists", "measures", "repair", "audit"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
