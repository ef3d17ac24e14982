import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { BuiltSubgraph } from "./build-subgraph-schema";
import type { RequestScope } from "./context";

export const SUBGRAPH_NAMES = ["subjects", "records", "lists", "measures", "repair", "audit"] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];

/** What a subgraph folder's `index.ts` exports: its name, how to build its schema, its loaders. */
export type SubgraphDefinition<TLoaders = unknown> = Readonly<{
  name: SubgraphName;
  build(): Promise<BuiltSubgraph>;
  createLoaders(db: Kysely<Database>, scope: RequestScope): TLoaders;
}>;
