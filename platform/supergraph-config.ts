import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { PACKAGE_ROOT } from "./package-root";
import { SUBGRAPH_NAMES, type SubgraphName } from "./subgraph-names";

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
