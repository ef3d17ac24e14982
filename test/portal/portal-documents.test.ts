import { readFile } from "node:fs/promises";
import path from "node:path";
import { NoUnusedFragmentsRule, parse, specifiedRules, validate } from "graphql";
import { describe, expect, it } from "vitest";
import * as generated from "../../portal/gql/graphql";
import { PACKAGE_ROOT } from "../../platform/package-root";
import { generatePortalDocuments, portalApiSchema } from "../../scripts/codegen";

/** Every document the portal can send (operations, with the fragments they spread) and each shared fragment. */
const documents = Object.entries(generated).flatMap(([name, value]) =>
  value instanceof generated.TypedDocumentString ? [[name, value.toString()] as const] : [],
);

/** A fragment stands alone in its own document: that it is spread somewhere is the operations' check. */
const FRAGMENT_RULES = specifiedRules.filter((rule) => rule !== NoUnusedFragmentsRule);

function problemsOf(schema: ReturnType<typeof portalApiSchema>, name: string, text: string): string[] {
  const rules = name.endsWith("FragmentDoc") ? FRAGMENT_RULES : specifiedRules;
  return validate(schema, parse(text), rules).map((error) => `${name}: ${error.message}`);
}

describe("the portal's GraphQL documents, against the gateway's API schema", () => {
  const schema = portalApiSchema();

  it("every document the portal sends is valid against the schema the gateway serves", () => {
    expect(documents.filter(([name]) => name.endsWith("Document")).length).toBeGreaterThanOrEqual(30);
    expect(documents.flatMap(([name, text]) => problemsOf(schema, name, text))).toEqual([]);
  });

  it("a document asking for a field the API has not is refused", () => {
    const chain = generated.AuditChainDocument.toString();
    expect(chain).toContain("verified");
    expect(problemsOf(schema, "AuditChainDocument", chain.replace("verified", "verifiedSince"))).toEqual([
      expect.stringContaining(
        'AuditChainDocument: Cannot query field "verifiedSince" on type "AuditChainStatus".',
      ),
    ]);
  });

  it("the API schema is the gateway's: no federation machinery in it", () => {
    expect(schema.getType("join__Graph")).toBeUndefined();
    expect(schema.getDirective("join__field")).toBeUndefined();
    expect(schema.getQueryType()?.getFields().subject).toBeDefined();
  });

  it("portal/gql is what `npm run codegen` writes from the portal's documents and supergraph.graphql now", async () => {
    const files = await generatePortalDocuments();
    expect([...files.keys()].sort()).toEqual([
      "portal/gql/gql.ts",
      "portal/gql/graphql.ts",
      "portal/gql/index.ts",
    ]);
    for (const [file, content] of files) {
      expect(
        await readFile(path.join(PACKAGE_ROOT, file), "utf8"),
        `${file} is stale: run \`npm run codegen\``,
      ).toBe(content);
    }
  }, 120_000);
});
