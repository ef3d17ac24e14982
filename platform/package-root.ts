import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder holding package.json: where `data/`, `supergraph.graphql` and the migrations are found, whether
 * this code runs from its TypeScript source or bundled into `dist/` (where a module's own location says
 * nothing about the source folder it came from).
 */
export const PACKAGE_ROOT = findPackageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** True when running the bundles `npm run build` wrote, false when running the TypeScript sources. */
export const RUNNING_COMPILED = fileURLToPath(import.meta.url).endsWith(".js");

function findPackageRoot(from: string): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    if (existsSync(path.join(folder, "package.json"))) return folder;
    if (path.dirname(folder) === folder) throw new Error(`no package.json above ${from}`);
  }
}
