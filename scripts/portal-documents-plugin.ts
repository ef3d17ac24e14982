import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Plugin } from "esbuild";
import { Kind, parse } from "graphql";

/**
 * The portal's `graphql(`…`)` calls bundled as imports of the documents they stand for (GraphQL Code
 * Generator's client preset, `portal/gql/graphql.ts`), as the preset's Babel and SWC plugins do: without
 * it, every document's text would ride in the bundle three times (the call, the preset's lookup map, the
 * document) and the map would hold every document whichever pages are loaded. Outside the bundle (type
 * check, tests) the calls go through the map and yield the very same documents.
 */
export function portalDocuments(portalDir: string): Plugin {
  const generated = path.join(portalDir, "gql");
  return {
    name: "portal-documents",
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async (args) => {
        if (!args.path.startsWith(portalDir + path.sep) || args.path.startsWith(generated + path.sep))
          return undefined;
        const source = await readFile(args.path, "utf8");
        const contents = withDocumentImports(source, args.path, path.join(generated, "graphql.ts"));
        if (contents === undefined) return undefined;
        return { contents, loader: args.path.endsWith(".tsx") ? "tsx" : "ts" };
      });
    },
  };
}

/** The name the client preset exports a document under: `NameDocument` for an operation, `NameFragmentDoc` for a fragment. */
function exportedName(document: string, file: string): string {
  const [definition] = parse(document).definitions;
  if (definition?.kind === Kind.FRAGMENT_DEFINITION) return `${definition.name.value}FragmentDoc`;
  if (definition?.kind === Kind.OPERATION_DEFINITION && definition.name)
    return `${definition.name.value}Document`;
  throw new Error(`${file}: a graphql() document must start with a named operation or a fragment`);
}

const GRAPHQL_TAG = /^import \{ graphql \} from "[./]*\/gql";$/m;
/** A call as written and as the formatter wraps it: `graphql(`…`)`, or the document on its own line with a comma. */
const GRAPHQL_CALL = /\bgraphql\(\s*`([^`]*)`\s*,?\s*\)/g;

/**
 * A portal source with each `graphql()` call replaced by the generated document it stands for, imported from
 * `documentsFile` in place of the tag's import; undefined for a source without the tag. A call left over (one
 * this cannot read) fails the build: in the bundle it would be a call of nothing.
 */
export function withDocumentImports(source: string, file: string, documentsFile: string): string | undefined {
  if (!GRAPHQL_TAG.test(source)) return undefined;
  const names = new Set<string>();
  const contents = source.replace(GRAPHQL_CALL, (_, document: string) => {
    const name = exportedName(document, file);
    names.add(name);
    return name;
  });
  if (/\bgraphql\(/.test(contents))
    throw new Error(`${file}: a graphql() call whose document is not one template literal`);
  // The tag's import line becomes the documents' import.
  return contents.replace(
    GRAPHQL_TAG,
    `import { ${[...names].join(", ")} } from ${JSON.stringify(documentsFile)};`,
  );
}
