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
        const tag = /^import \{ graphql \} from "[./]*\/gql";$/m;
        if (!tag.test(source)) return undefined;
        const names = new Set<string>();
        const contents = source.replace(/\bgraphql\(`([^`]*)`\)/g, (_, document: string) => {
          const name = exportedName(document, args.path);
          names.add(name);
          return name;
        });
        // The tag's import line becomes the documents' import: line numbers (and so the source map) stay.
        const imports = `import { ${[...names].join(", ")} } from ${JSON.stringify(path.join(generated, "graphql.ts"))};`;
        return {
          contents: contents.replace(tag, imports),
          loader: args.path.endsWith(".tsx") ? "tsx" : "ts",
        };
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
