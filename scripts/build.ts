import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { build, type BuildOptions, type Metafile, type Plugin } from "esbuild";
import { PGLITE_INITDB_FILE, PGLITE_TEMPLATE_FILE, writePgliteTemplates } from "../db/pglite";
import { PACKAGE_ROOT } from "../platform/package-root";
import { portalDocuments } from "./portal-documents-plugin";

/**
 * Bundles the long-running commands into `dist/` (one file each, dependencies left to node_modules) and each
 * migration into `dist/migrations/`, so that `npm start` runs JavaScript: no TypeScript compiler loaded at
 * run time; and writes the migrated embedded-database template beside them (db/pglite.ts). esbuild rather than tsc because the sources import without file extensions (Node's ESM loader
 * needs them) and esbuild is what tsx and vitest already compile them with — the same output, decorators
 * included (type-graphql is given every type explicitly, as esbuild emits no decorator metadata).
 */
export async function buildDist(): Promise<void> {
  const outdir = path.join(PACKAGE_ROOT, "dist");
  const migrations = await migrationFiles();
  const startedAt = Date.now();
  await rm(outdir, { recursive: true, force: true });
  const server = await build({
    absWorkingDir: PACKAGE_ROOT,
    entryPoints: {
      start: "scripts/start.ts",
      gateway: "scripts/gateway.ts",
      subgraph: "scripts/subgraph.ts",
      // The credit-report printer's worker thread (subgraphs/reports/credit-report.printer.ts#reportWorkerFile).
      "credit-report-worker": "subgraphs/reports/credit-report.worker.ts",
      ...Object.fromEntries(
        migrations.map((file) => [`migrations/${path.basename(file, ".ts")}`, `db/migrations/${file}`]),
      ),
    },
    outdir,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    // A module the code imports lazily stays a chunk of its own, so its dependencies are not loaded at start.
    splitting: true,
    target: "node20",
    sourcemap: "linked",
    // Bundling renames classes that share a name across slices (each extends its own `Subject`); type-graphql
    // names GraphQL types after the classes, so they keep their names.
    keepNames: true,
    plugins: [bundleJsonData],
    metafile: true,
    logLevel: "warning",
  });
  const portal = await buildPortal(path.join(outdir, "portal"));
  await writePgliteTemplates(outdir);
  await writeBuildRecord(outdir, [server.metafile, ...portal], migrations, startedAt);
}

/**
 * `buildDist` unless `dist/` was built from exactly the files there are now (the tests' global setup: a build
 * is ~5 s of every run, mostly the database template). What a build read is what esbuild's metafiles list,
 * every source file by its content; the npm packages by package-lock.json, the pages' HTML templates and this
 * script beside them; a migration added or removed is a new list of entry points.
 */
export async function buildDistUnlessCurrent(): Promise<"built" | "current"> {
  const recorded = await readBuildRecord();
  if (recorded && (await isCurrent(recorded))) return "current";
  await buildDist();
  return "built";
}

/** What the last build of dist/ read and wrote, if there was one. */
export function readBuildRecord(): Promise<BuildRecord | undefined> {
  return readFile(path.join(PACKAGE_ROOT, "dist", BUILD_RECORD), "utf8").then(
    (text) => JSON.parse(text) as BuildRecord,
    () => undefined,
  );
}

const BUILD_RECORD = "build-inputs.json";

/** What a build of dist/ read, each file with the SHA-256 of its content, and what it wrote. */
export type BuildRecord = Readonly<{
  migrations: readonly string[];
  inputs: Readonly<Record<string, string>>;
  outputs: readonly string[];
}>;

/** Files a build reads besides the sources esbuild reports. */
const OTHER_BUILD_INPUTS = [
  "package.json",
  "package-lock.json",
  "tsconfig.json",
  "portal/tsconfig.json",
  "scripts/build.ts",
  "scripts/portal-documents-plugin.ts",
  "portal/index.html",
  "portal/graphiql/index.html",
];

async function migrationFiles(): Promise<string[]> {
  return (await readdir(path.join(PACKAGE_ROOT, "db", "migrations")))
    .filter((file) => file.endsWith(".ts"))
    .sort();
}

async function contentHash(file: string): Promise<string | undefined> {
  return readFile(path.join(PACKAGE_ROOT, file)).then(
    (bytes) => createHash("sha256").update(bytes).digest("hex"),
    () => undefined,
  );
}

/**
 * Writes what the build read — unless a file changed while it ran: then the record could name content the
 * bundles do not hold, and no record makes the next run build again.
 */
export async function writeBuildRecord(
  outdir: string,
  metafiles: ReadonlyArray<Metafile | undefined>,
  migrations: readonly string[],
  startedAt: number,
): Promise<void> {
  const sources = metafiles
    .flatMap((metafile) => Object.keys(metafile?.inputs ?? {}))
    .filter((file) => !file.split("/").includes("node_modules"));
  const inputs: Record<string, string> = {};
  for (const file of new Set([...sources, ...OTHER_BUILD_INPUTS])) {
    const changed = await stat(path.join(PACKAGE_ROOT, file)).then(
      (stats) => stats.mtimeMs >= startedAt,
      () => false,
    );
    if (changed) return;
    const hash = await contentHash(file);
    if (hash) inputs[file] = hash;
  }
  const outputs = metafiles
    .flatMap((metafile) => Object.keys(metafile?.outputs ?? {}))
    .map((file) => path.relative(outdir, path.join(PACKAGE_ROOT, file)));
  const record: BuildRecord = {
    migrations,
    inputs,
    outputs: [...outputs, path.basename(PGLITE_TEMPLATE_FILE), path.basename(PGLITE_INITDB_FILE)],
  };
  await writeFile(path.join(outdir, BUILD_RECORD), JSON.stringify(record, null, 1));
}

/** Whether dist/ is what a build would write now: the same migrations, every output there, every input unchanged. */
export async function isCurrent(record: BuildRecord): Promise<boolean> {
  if (JSON.stringify(record.migrations) !== JSON.stringify(await migrationFiles())) return false;
  if (!record.outputs.every((file) => existsSync(path.join(PACKAGE_ROOT, "dist", file)))) return false;
  for (const [file, hash] of Object.entries(record.inputs))
    if ((await contentHash(file)) !== hash) return false;
  return true;
}

/**
 * The people's portal (portal/, Preact): one script and one stylesheet for the browser, named by their
 * content's hash so the gateway can let browsers keep them, and index.html pointing at them. Everything it
 * needs is bundled from npm packages: the page loads nothing from another origin.
 */
export async function buildPortal(outdir: string): Promise<Array<Metafile | undefined>> {
  const portal = await buildBrowserPage("portal", "portal/main.tsx", "portal/index.html", outdir, {
    jsx: "automatic",
    jsxImportSource: "preact",
    sourcemap: "linked",
    tsconfig: "portal/tsconfig.json",
    plugins: [portalDocuments(path.join(PACKAGE_ROOT, "portal"))],
  });
  return [portal, await buildGraphiQL(path.join(outdir, "graphiql"))];
}

/**
 * The developer IDE (GraphiQL, React — devDependencies, bundled here so it needs nothing at run time or from
 * the network) in its own folder, `dist/portal/graphiql`: the gateway serves it at `/graphiql` in development
 * only, so production never even loads these files.
 */
async function buildGraphiQL(outdir: string): Promise<Metafile | undefined> {
  return buildBrowserPage("graphiql", "portal/graphiql/graphiql.ts", "portal/graphiql/index.html", outdir, {
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
async function buildBrowserPage(
  name: string,
  entry: string,
  template: string,
  outdir: string,
  options: BuildOptions,
): Promise<Metafile | undefined> {
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
  await writeFile(
    path.join(outdir, "index.html"),
    page.replace(`{{${name}.css}}`, named(".css")).replace(`{{${name}.js}}`, named(".js")),
  );
  return result.metafile;
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
