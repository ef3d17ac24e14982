import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PACKAGE_ROOT } from "./package-root";

export const SUPERGRAPH_CONFIG_FILE = path.join(PACKAGE_ROOT, "supergraph.yaml");
export const SUPERGRAPH_FILE = path.join(PACKAGE_ROOT, "supergraph.graphql");

const supergraphConfigSchema = z.object({
  federation_version: z.string().regex(/^=2\.\d+\.\d+$/, "federation_version is pinned, e.g. =2.7.0"),
  subgraphs: z.record(
    z.string().regex(/^[a-z][a-z0-9-]*$/, "a subgraph's name is its folder under subgraphs/"),
    z.object({ routing_url: z.url(), schema: z.object({ file: z.string().min(1) }) }),
  ),
});

/** A subgraph's name: a routing entry of supergraph.yaml and a folder under `subgraphs/`. */
export type SubgraphName = string;

export type SupergraphConfig = Readonly<{
  subgraphs: ReadonlyArray<Readonly<{ name: SubgraphName; routingUrl: string; schemaFile: string }>>;
}>;

function parseSupergraphConfig(text: string, file: string): SupergraphConfig {
  const parsed = supergraphConfigSchema.parse(parseYaml(text));
  const subgraphs = Object.entries(parsed.subgraphs).map(([name, entry]) => ({
    name,
    routingUrl: entry.routing_url,
    schemaFile: path.resolve(path.dirname(file), entry.schema.file),
  }));
  if (subgraphs.length === 0) throw new Error(`${file} routes to no subgraph`);
  return { subgraphs };
}

/** Reads supergraph.yaml: each subgraph's routing URL (whose port `npm run subgraph` uses) and SDL file. */
export async function readSupergraphConfig(file = SUPERGRAPH_CONFIG_FILE): Promise<SupergraphConfig> {
  return parseSupergraphConfig(await readFile(file, "utf8"), file);
}

/**
 * The subgraphs, in the order of supergraph.yaml: the one list of them (a new subgraph is a folder under
 * `subgraphs/`, a routing entry there, and its definition in app/subgraphs.ts).
 */
export const SUBGRAPH_NAMES: readonly SubgraphName[] = Object.freeze(
  parseSupergraphConfig(readFileSync(SUPERGRAPH_CONFIG_FILE, "utf8"), SUPERGRAPH_CONFIG_FILE).subgraphs.map(
    (subgraph) => subgraph.name,
  ),
);
