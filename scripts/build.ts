import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { build, type BuildOptions, type Plugin } from "esbuild";
import { PGLITE_TEMPLATE_FILE, writePgliteTemplate } from "../db/pglite";
import { PACKAGE_ROOT } from "../platform/package-root";

/**
 * Bundles the long-running commands into `dist/` (one file each, dependencies left to node_modules) and each
 * migration into `dist/migrations/`, so that `npm start` runs JavaScript: no TypeScript compiler loaded at
 * run time; and writes the migrated embedded-database template beside them (db/pglite.ts). esbuild rather than tsc because the sources import without file extensions (Node's ESM loader
 * needs them) and esbuild is what tsx and vitest already compile them with — the same output, decorators
 * included (type-graphql is given every type explicitly, as esbuild emits no decorator metadata).
 */
export async function buildDist(): Promise<void> {
  const outdir = path.join(PACKAGE_ROOT, "dist");
  const migrations = (await readdir(path.join(PACKAGE_ROOT, "db", "migrations"))).filter((file) => file.endsWith(".ts"));
  await rm(outdir, { recursive: true, force: true });
  await build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: {
      start: "scripts/start.ts",
      gateway: "scripts/gateway.ts",
      subgraph: "scripts/subgraph.ts",
      ...Object.fromEntries(migrations.map((file) => [`migrations/${path.basename(file, ".ts")}`, `db/migrations/${file}`])),
    },
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    // A module the code imports lazily (the PDF printer, loaded with the first credit report) stays a chunk of
    // its own, so its dependencies are not loaded at start.
    splitting: true,
    target: "node20",
    sourcemap: "linked",
    // Bundling renames classes that share a name across slices (each extends its own `Subject`); type-graphql
    // names GraphQL types after the classes, so they keep their names.
    keepNames: true,
    plugins: [bundleJsonData],
    logLevel: "warning",
  });
  await buildPortal(path.join(outdir, "portal"));
  await writePgliteTemplate(path.join(outdir, path.basename(PGLITE_TEMPLATE_FILE)));
}

/**
 * The people's portal (portal/, Preact): one script and one stylesheet for the browser, named by their
 * content's hash so the gateway can let browsers keep them, and index.html pointing at them. Everything it
 * needs is bundled from npm packages: the page loads nothing from another origin.
 */
export async function buildPortal(outdir: string): Promise<void> {
  await buildBrowserPage("portal", "portal/main.tsx", "portal/index.html", outdir, {
    jsx: "automatic",
    jsxImportSource: "preact",
    sourcemap: "linked",
    tsconfig: "portal/tsconfig.json",
  });
  await buildGraphiQL(path.join(outdir, "graphiql"));
}

/**
 * The developer IDE (GraphiQL, React — devDependencies, bundled here so it needs nothing at run time or from
 * the network) in its own folder, `dist/portal/graphiql`: the gateway serves it at `/graphiql` in development
 * only, so production never even loads these files.
 */
async function buildGraphiQL(outdir: string): Promise<void> {
  await buildBrowserPage("graphiql", "portal/graphiql/graphiql.ts", "portal/graphiql/index.html", outdir, {
    define: { "process.env.NODE_ENV": '"production"' },
    // GraphiQL's stylesheet embeds its fonts; any other file it names is bundled as a hashed asset.
    loader: { ".woff2": "file", ".woff": "file", ".svg": "file" },
    legalComments: "eof",
  });
}

/**
 * One page for the browser: `entry` bundled into `outdir/assets` as NAME-HASH.js and NAME-HASH.css, and the
 * template's `{{NAME.js}}` and `{{NAME.css}}` pointed at them in `outdir/index.html`.
 */
async function buildBrowserPage(name: string, entry: string, template: string, outdir: string, options: BuildOptions): Promise<void> {
  const result = await build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: { [name]: entry },
    outdir: path.join(outdir, "assets"),
    entryNames: "[name]-[hash]",
    bundle: true,
    platform: "browser",
    format: "esm",
    target: ["chrome100", "firefox100", "safari15"],
    minify: true,
    metafile: true,
    logLevel: "warning",
    ...options,
  });
  const built = Object.keys(result.metafile?.outputs ?? {}).map((file) => path.basename(file));
  const named = (extension: string) => {
    const file = built.find((output) => output.startsWith(`${name}-`) && output.endsWith(extension));
    if (!file) throw new Error(`the ${name} build wrote no ${extension} file`);
    return file;
  };
  const page = await readFile(path.join(PACKAGE_ROOT, template), "utf8");
  await writeFile(path.join(outdir, "index.html"), page.replace(`{{${name}.css}}`, named(".css")).replace(`{{${name}.js}}`, named(".js")));
}

/**
 * JSON a dependency ships as data (`unhomoglyph/data.json`) goes into the bundle: esbuild drops the import
 * attribute of an external import, and Node refuses a JSON module without `with { type: "json" }`.
 */
const bundleJsonData: Plugin = {
  name: "bundle-json-data",
  setup(builder) {
    const require = createRequire(path.join(PACKAGE_ROOT, "package.json"));
    builder.onResolve({ filter: /^[^./].*\.json$/ }, (args) => ({ path: require.resolve(args.path) }));
  },
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildDist();
