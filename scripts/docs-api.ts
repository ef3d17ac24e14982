import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { PACKAGE_ROOT } from "../platform/package-root";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { withApiReference } from "./api-reference";

/** Rewrites the generated part of docs/api.md from supergraph.graphql (run `npm run compose` first). */
const file = path.join(PACKAGE_ROOT, "docs/api.md");
const [document, supergraphSdl] = await Promise.all([
  readFile(file, "utf8"),
  readFile(SUPERGRAPH_FILE, "utf8"),
]);
await writeFile(file, withApiReference(document, supergraphSdl));
console.log(`wrote ${path.relative(PACKAGE_ROOT, file)}`);
