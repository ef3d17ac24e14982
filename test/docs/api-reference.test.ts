import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";
import { SUPERGRAPH_FILE } from "../../platform/supergraph-config";
import { apiSchemaOf, renderApiReference, withApiReference } from "../../scripts/api-reference";

const API_DOC = path.join(PACKAGE_ROOT, "docs/api.md");

describe("docs/api.md", () => {
  it("holds the reference generated from supergraph.graphql's descriptions (run `npm run docs:api` when it is stale)", () => {
    const document = readFileSync(API_DOC, "utf8");
    expect(document).toBe(withApiReference(document, readFileSync(SUPERGRAPH_FILE, "utf8")));
  });

  it("lists every operation and every type callers can name", () => {
    const sdl = readFileSync(SUPERGRAPH_FILE, "utf8");
    const reference = renderApiReference(sdl);
    const schema = apiSchemaOf(sdl);
    for (const root of [schema.getQueryType()!, schema.getMutationType()!]) {
      for (const name of Object.keys(root.getFields())) expect(reference).toContain(`| \`${name}`);
    }
    for (const name of Object.keys(schema.getTypeMap()).filter(
      (type) => !type.startsWith("__") && /^[A-Z]/.test(type),
    )) {
      if (["Query", "Mutation", "String", "Int", "Float", "Boolean", "ID"].includes(name)) continue;
      expect(reference).toContain(`\n### ${name}\n`);
    }
  });
});
