import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readSupergraphConfig, SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { PACKAGE_ROOT } from "../platform/package-root";
import { composeSupergraph } from "./composition";
import { subgraphDefinition, unmatchedSubgraphs } from "./subgraphs";

describe("static composition", () => {
  it("the checked-in subgraph schemas and supergraph.graphql match the code (run `npm run compose`)", async () => {
    const config = await readSupergraphConfig();
    const { subgraphSdl, supergraphSdl } = await composeSupergraph(config);
    for (const { name, schemaFile } of config.subgraphs) {
      expect(await readFile(schemaFile, "utf8"), `${name}/schema.graphql is stale: run npm run compose`).toBe(
        subgraphSdl.get(name),
      );
    }
    expect(await readFile(SUPERGRAPH_FILE, "utf8"), "supergraph.graphql is stale: run npm run compose").toBe(
      supergraphSdl,
    );
  });

  it("pins the federation version and routes each subgraph to its own port", async () => {
    const text = await readFile(new URL("../supergraph.yaml", import.meta.url), "utf8");
    expect(text).toMatch(/^federation_version: =2\.\d+\.\d+$/m);
    const ports = (await readSupergraphConfig()).subgraphs.map(({ routingUrl }) => new URL(routingUrl).port);
    expect(new Set(ports).size).toBe(ports.length);
  });

  it("defines exactly the subgraphs supergraph.yaml routes to (app/subgraphs.ts), each in its own folder", async () => {
    expect(unmatchedSubgraphs()).toEqual({ unrouted: [], undefined: [] });
    for (const { name, schemaFile } of (await readSupergraphConfig()).subgraphs) {
      expect(subgraphDefinition(name).name).toBe(name);
      expect(path.relative(PACKAGE_ROOT, schemaFile)).toBe(path.join("subgraphs", name, "schema.graphql"));
    }
  });
});
