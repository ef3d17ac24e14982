import { readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Supergraph } from "@apollo/federation-internals";
import { generate, type CodegenConfig } from "@graphql-codegen/cli";
import { printSchema, stripIgnoredCharacters, type GraphQLSchema } from "graphql";
import { PACKAGE_ROOT } from "../platform/package-root";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";

/** Where the portal's typed documents are generated (committed, so a clone builds without running codegen). */
export const PORTAL_GENERATED_DIR = "portal/gql/";

/**
 * The schema the portal is written against: the gateway's API schema, as it serves it — the supergraph without
 * the join/link machinery and without what the subgraphs mark inaccessible (the same `Supergraph.apiSchema()`
 * the gateway builds its schema with).
 */
export function portalApiSchema(supergraphSdl = readFileSync(SUPERGRAPH_FILE, "utf8")): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * GraphQL Code Generator's client preset over the portal's `graphql()` documents. Documents are plain strings
 * (`documentMode: "string"`): the portal sends the text it holds and bundles no GraphQL parser or printer.
 * Enums are string-literal types and only the operations' types are emitted, so nothing generated but the
 * documents reaches the bundle.
 */
export function portalCodegenConfig(schema: GraphQLSchema = portalApiSchema()): CodegenConfig {
  return {
    cwd: PACKAGE_ROOT,
    schema: printSchema(schema),
    documents: ["portal/**/*.{ts,tsx}", `!${PORTAL_GENERATED_DIR}**`, "!portal/**/*.test.ts"],
    silent: true,
    errorsOnly: true,
    generates: {
      [PORTAL_GENERATED_DIR]: {
        preset: "client",
        presetConfig: { fragmentMasking: false },
        config: {
          documentMode: "string",
          enumsAsTypes: true,
          onlyOperationTypes: true,
          skipTypename: true,
          useTypeImports: true,
          strictScalars: true,
          scalars: { Date: "string", DateTime: "string", JSON: "unknown" },
        },
      },
    },
  };
}

/**
 * What codegen writes, file by file (path relative to the package root), without writing it. The documents'
 * text is kept without ignored characters (indentation, line breaks): it is what the browser downloads and
 * sends, and the gateway reads it the same.
 */
export async function generatePortalDocuments(
  config: CodegenConfig = portalCodegenConfig(),
): Promise<Map<string, string>> {
  const files: ReadonlyArray<Readonly<{ filename: string; content: string }>> = await generate(config, false);
  return new Map(
    files.map((file) => [
      path.relative(PACKAGE_ROOT, path.resolve(PACKAGE_ROOT, file.filename)),
      compactDocuments(file.content),
    ]),
  );
}

function compactDocuments(code: string): string {
  return code.replace(
    /new TypedDocumentString\(`([^`]*)`/g,
    (_, document: string) => `new TypedDocumentString(${JSON.stringify(stripIgnoredCharacters(document))}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const [file, content] of await generatePortalDocuments()) {
    await mkdir(path.dirname(path.join(PACKAGE_ROOT, file)), { recursive: true });
    await writeFile(path.join(PACKAGE_ROOT, file), content);
    console.log(`wrote ${file}`);
  }
}
