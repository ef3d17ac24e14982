import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";
import { build, type Plugin } from "esbuild";
import { PACKAGE_ROOT } from "../platform/package-root";

/**
 * Bundles the long-running commands into `dist/` (one file each, dependencies left to node_modules) and each
 * migration into `dist/migrations/`, so that `npm start` runs JavaScript: no TypeScript compiler loaded at
 * run time. esbuild rather than tsc because the sources import without file extensions (Node's ESM loader
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
    target: "node20",
    sourcemap: "linked",
    // Bundling renames classes that share a name across slices (each extends its own `Subject`); type-graphql
    // names GraphQL types after the classes, so they keep their names.
    keepNames: true,
    plugins: [bundleJsonData],
    logLevel: "warning",
  });
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
