import { writeFile } from "node:fs/promises";
import { composeSupergraph } from "../app/composition";
import { readSupergraphConfig, SUPERGRAPH_FILE } from "../platform/supergraph-config";

const config = await readSupergraphConfig();
const { subgraphSdl, supergraphSdl } = await composeSupergraph(config);
for (const { name, schemaFile } of config.subgraphs) {
  await writeFile(schemaFile, subgraphSdl.get(name)!);
  console.log(`wrote ${schemaFile}`);
}
await writeFile(SUPERGRAPH_FILE, supergraphSdl);
console.log(`wrote ${SUPERGRAPH_FILE}`);
