import { readFile } from "node:fs/promises";
import path from "node:path";
import { composeServices } from "@apollo/composition";
import { parse } from "graphql";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { SUBGRAPHS } from "../subgraphs/index";
import { SUBGRAPH_NAMES, type SubgraphName } from "../subgraphs/shared/definition";
import { PACKAGE_ROOT } from "../platform/package-root";

export const SUPERGRAPH_CONFIG_FILE = path.join(PACKAGE_ROOT, "supergraph.yaml");
export const SUPERGRAPH_FILE = path.join(PACKAGE_ROOT, "supergraph.graphql");

const supergraphConfigSchema = z.object({
  federation_version: z.string().regex(/^=2\.\d+\.\d+$/, "federation_version is pinned, e.g. =2.7.0"),
  subgraphs: z.record(
    z.enum(SUBGRAPH_NAMES),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string().min(1) }) }),
  ),
});

export type SupergraphConfig = Readonly<{
  subgraphs: ReadonlyArray<Readonly<{ name: SubgraphName; routingUrl: string; schemaFile: string }>>;
}>;

/** Reads supergraph.yaml: each subgraph's routing URL (whose port `npm run subgraph` uses) and SDL file. */
export async function readSupergraphConfig(file = SUPERGRAPH_CONFIG_FILE): Promise<SupergraphConfig> {
  const parsed = supergraphConfigSchema.parse(parseYaml(await readFile(file, "utf8")));
  const subgraphs = Object.entries(parsed.subgraphs).map(([name, entry]) => ({
    name: name as SubgraphName,
    routingUrl: entry.routing_url,
    schemaFile: path.resolve(path.dirname(file), entry.schema.file),
  }));
  const missing = SUBGRAPH_NAMES.filter((name) => !subgraphs.some((subgraph) => subgraph.name === name));
  if (missing.length > 0) throw new Error(`supergraph.yaml lacks the subgraphs ${missing.join(", ")}`);
  return { subgraphs };
}

export type Composition = Readonly<{ subgraphSdl: ReadonlyMap<SubgraphName, string>; supergraphSdl: string }>;

/** Builds every subgraph's SDL from code and composes them with @apollo/composition. */
export async function composeSupergraph(config: SupergraphConfig): Promise<Composition> {
  const subgraphSdl = new Map<SubgraphName, string>();
  for (const { name } of config.subgraphs) subgraphSdl.set(name, (await SUBGRAPHS[name].build()).sdl);
  const result = composeServices(
    config.subgraphs.map(({ name, routingUrl }) => ({ name, url: routingUrl, typeDefs: parse(subgraphSdl.get(name)!) })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((error) => `  ${error.message}`).join("\n")}`);
  }
  return { subgraphSdl, supergraphSdl: result.supergraphSdl };
}
