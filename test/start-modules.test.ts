import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../platform/package-root";

/**
 * What `npm start` loads before it is ready (docs/decisions/0008-start-from-a-built-bundle.md): the packages the bundles
 * import statically, following the shared chunks. The global setup built `dist/` from these sources.
 */
function packagesLoadedAtStart(
  entry: string,
  seen = new Set<string>(),
  packages = new Set<string>(),
): Set<string> {
  if (seen.has(entry)) return packages;
  seen.add(entry);
  const code = readFileSync(path.join(PACKAGE_ROOT, "dist", entry), "utf8");
  for (const [, specifier] of code.matchAll(/^import\s*(?:[^"';]*?\sfrom\s*)?["']([^"']+)["'];?$/gm)) {
    if (specifier!.startsWith("./")) packagesLoadedAtStart(specifier!.slice(2), seen, packages);
    else packages.add(specifier!);
  }
  return packages;
}

describe("npm start loads only what it needs to be ready", () => {
  const loaded = packagesLoadedAtStart("start.js");

  it("follows the bundles' static imports (the check sees the real packages)", () => {
    expect(loaded).toContain("@apollo/gateway");
    expect(loaded).toContain("@electric-sql/pglite");
  });

  it.each([
    ["pdf-lib", "the PDF printer loads with the first credit report"],
    ["@pdf-lib/fontkit", "the PDF printer loads with the first credit report"],
    ["qrcode", "the PDF printer loads with the first credit report"],
    ["@opentelemetry/sdk-trace-node", "the tracing SDK loads only when tracing is on"],
    ["@opentelemetry/exporter-trace-otlp-http", "the OTLP exporter loads only when tracing is on"],
    ["kysely-pglite", "its package entry loads a code generator and jiti"],
    ["@apollo/composition", "the supergraph is composed by npm run compose, not at start"],
  ])("not %s: %s", (name) => {
    expect(loaded).not.toContain(name);
  });
});

/** Every package a bundle may ever load in its own thread: its static imports and its `import(…)`s, following chunks. */
function packagesEverLoaded(
  entry: string,
  seen = new Set<string>(),
  packages = new Set<string>(),
): Set<string> {
  if (seen.has(entry)) return packages;
  seen.add(entry);
  const code = readFileSync(path.join(PACKAGE_ROOT, "dist", entry), "utf8");
  const specifiers = [
    ...code.matchAll(/^import\s*(?:[^"';]*?\sfrom\s*)?["']([^"']+)["'];?$/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
  ].map(([, specifier]) => specifier!);
  for (const specifier of specifiers) {
    if (specifier.startsWith("./")) packagesEverLoaded(specifier.slice(2), seen, packages);
    else packages.add(specifier);
  }
  return packages;
}

describe("credit reports are laid out in a worker thread only", () => {
  it.each(["start.js", "subgraph.js"])(
    "%s never loads the PDF libraries on its own thread, not even lazily",
    (entry) => {
      const loaded = packagesEverLoaded(entry);
      expect(loaded).toContain("piscina");
      for (const name of ["pdf-lib", "@pdf-lib/fontkit", "qrcode"]) expect(loaded).not.toContain(name);
    },
  );

  it("the worker's own bundle, beside them, loads them", () => {
    const loaded = packagesEverLoaded("credit-report-worker.js");
    for (const name of ["pdf-lib", "@pdf-lib/fontkit", "qrcode"]) expect(loaded).toContain(name);
  });
});
