import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readSupergraphConfig, SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { composeSupergraph } from "./composition";

describe("static composition", () => {
  it("the checked-in subgraph schemas and supergraph.graphql match the code (run `npm run compose`)", async () => {
    const config = await readSupergraphConfig();
    const { subgraphSdl, supergraphSdl } = await composeSupergraph(config);
    for (const { name, schemaFile } of config.subgraphs) {
      expect(await readFile(schemaFile, "utf8"), `${name}/schema.graphql is stale: run npm run compose`).toBe(subgraphSdl.get(name));
    }
    expect(await readFile(SUPERGRAPH_FILE, "utf8"), "supergraph.graphql is stale: run npm run compose").toBe(supergraphSdl);
  });

  it("pins the federation version and routes each subgraph to its own port", async () => {
    const text = await readFile(new URL("../supergraph.yaml", import.meta.url), "utf8");
    expect(text).toMatch(/^federation_version: =2\.\d+\.\d+$/m);
    const ports = (await readSupergraphConfig()).subgraphs.map(({ routingUrl }) => new URL(routingUrl).port);
    expect(new Set(ports).size).toBe(6);
  });
});
