import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import type { SupergraphConfig, SubgraphName } from "../platform/supergraph-config";
import { builtSubgraph } from "./subgraph";

export type Composition = Readonly<{ subgraphSdl: ReadonlyMap<SubgraphName, string>; supergraphSdl: string }>;

/** Builds every subgraph's SDL from code and composes them with @apollo/composition. */
export async function composeSupergraph(config: SupergraphConfig): Promise<Composition> {
  const subgraphSdl = new Map<SubgraphName, string>();
  for (const { name } of config.subgraphs) subgraphSdl.set(name, (await builtSubgraph(name)).sdl);
  const result = composeServices(
    config.subgraphs.map(({ name, routingUrl }) => ({
      name,
      url: routingUrl,
      typeDefs: parse(subgraphSdl.get(name)!),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  ${error.message}`).join("\n")}`);
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl };
}
