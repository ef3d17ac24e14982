import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";

/**
 * The layout rule (docs/architecture.md): a subgraph slice imports only `subgraphs/shared/`, itself and other
 * slices' published `*.registry.ts`; the gateway loads no subgraph code, a subgraph no gateway code; the
 * audit log neither; `domain/` is pure. Every import of every source file keeps it (the 43 crossings found
 * when the rule was first enforced are gone).
 */
const SLICE = /^subgraphs\/(subjects|records|lists|measures|repair|audit)\//;

export function crossingOf(importer: string, imported: string): string | undefined {
  const importerSlice = SLICE.exec(importer)?.[1];
  const importedSlice = SLICE.exec(imported)?.[1];
  if (importerSlice && importedSlice && importerSlice !== importedSlice && !imported.endsWith(".registry.ts")) {
    return `${importer} -> ${imported} (another slice's internals: import its registry)`;
  }
  if (importerSlice && imported.startsWith("gateway/")) return `${importer} -> ${imported} (a subgraph loads gateway code)`;
  if (importer.startsWith("gateway/") && imported.startsWith("subgraphs/")) return `${importer} -> ${imported} (the gateway loads subgraph code)`;
  if (importer.startsWith("audit-log/") && (imported.startsWith("gateway/") || imported.startsWith("subgraphs/"))) {
    return `${importer} -> ${imported} (the audit log is shared by the gateway and the audit subgraph: it loads neither)`;
  }
  // The portal may use domain/'s pure, shared rules (identifiers, dates): one home for a rule in both places.
  if (importer.startsWith("portal/") && imported.startsWith("domain/")) return undefined;
  if (importer.startsWith("portal/") !== imported.startsWith("portal/")) {
    return importer.startsWith("portal/")
      ? `${importer} -> ${imported} (the portal is browser code: it reaches the service only through the API)`
      : `${importer} -> ${imported} (server code loads the portal's browser code)`;
  }
  if (importer.startsWith("domain/") && !importer.endsWith(".test.ts") && !imported.startsWith("domain/")) {
    return `${importer} -> ${imported} (domain/ is pure: it imports only domain/)`;
  }
  return undefined;
}

async function sourceFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(PACKAGE_ROOT, folder), { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(relative)));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts")) found.push(relative);
  }
  return found;
}

/** Every project file a source file imports (statically, dynamically or by re-export), relative to the root. */
async function importsOf(file: string): Promise<string[]> {
  const { importedFiles } = ts.preProcessFile(await readFile(path.join(PACKAGE_ROOT, file), "utf8"), true, true);
  return importedFiles
    .map((reference) => reference.fileName)
    .filter((name) => name.startsWith("."))
    .map((name) => {
      const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(file), name));
      if (/\.(ts|tsx|js|json|yaml|css)$/.test(resolved)) return resolved;
      return existsSync(path.join(PACKAGE_ROOT, `${resolved}.tsx`)) ? `${resolved}.tsx` : `${resolved}.ts`;
    });
}

async function crossingsIn(folders: readonly string[]): Promise<string[]> {
  const crossings: string[] = [];
  for (const folder of folders) {
    for (const file of await sourceFiles(folder)) {
      for (const imported of await importsOf(file)) {
        const crossing = crossingOf(file, imported);
        if (crossing) crossings.push(crossing);
      }
    }
  }
  return crossings.sort();
}

/** Which slice owns each table: only its repositories name it (a slice touches only its own tables). */
const TABLE_OWNERS: Readonly<Record<string, string>> = {
  subjects: "subjects", subject_relations: "subjects", consents: "subjects", units: "subjects", credit_reports: "subjects",
  credit_records: "records", record_relations: "records", record_kinds: "records",
  list_entries: "lists", notices: "lists",
  measures: "measures", measure_applications: "measures",
  repair_cases: "repair", objections: "repair", workflow_events: "repair",
  audit_events: "audit", audit_access_sets: "audit", audit_accesses: "audit", audit_completions: "audit", audit_event_log: "audit", audit_chain_head: "audit",
};

/** `selectFrom(["a as x", "b as y"])`: several tables at once. */
const TABLES_LISTED = /\.selectFrom\(\s*\[([^\]]*)\]/g;
const TABLE_USE = /\.(?:selectFrom|updateTable|insertInto|deleteFrom|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*"([a-z_]+)/g;

function tableCrossingsIn(file: string, text: string): string[] {
  const slice = SLICE.exec(file)?.[1];
  if (!slice) return [];
  const crossings: string[] = [];
  const listed = [...text.matchAll(TABLES_LISTED)].flatMap(([, list]) => [...list!.matchAll(/(?:^|,)\s*"([a-z_]+)/g)].map(([, table]) => table!));
  for (const table of [...[...text.matchAll(TABLE_USE)].map(([, named]) => named!), ...listed]) {
    const owner = TABLE_OWNERS[table];
    if (owner === undefined) crossings.push(`${file} -> ${table} (a table with no owner in TABLE_OWNERS)`);
    else if (owner !== slice) crossings.push(`${file} -> ${table} (${owner}'s table)`);
  }
  return crossings;
}

async function tableCrossings(): Promise<string[]> {
  const crossings: string[] = [];
  for (const file of await sourceFiles("subgraphs")) crossings.push(...tableCrossingsIn(file, await readFile(path.join(PACKAGE_ROOT, file), "utf8")));
  return [...new Set(crossings)].sort();
}

/** Every project source file that loading `entry` loads, following its imports. */
async function loadedBy(entry: string): Promise<string[]> {
  const seen = new Set<string>([entry]);
  for (const file of seen) {
    for (const imported of await importsOf(file)) if (/\.tsx?$/.test(imported) && existsSync(path.join(PACKAGE_ROOT, imported))) seen.add(imported);
  }
  return [...seen];
}

describe("the layout's import rule", () => {
  it("names each kind of crossing", () => {
    expect(crossingOf("subgraphs/measures/screening.service.ts", "subgraphs/lists/list-entry.repository.ts")).toMatch(/another slice's internals/);
    expect(crossingOf("subgraphs/measures/screening.service.ts", "subgraphs/lists/list-entry.registry.ts")).toBeUndefined();
    expect(crossingOf("subgraphs/measures/screening.service.ts", "subgraphs/shared/disclose.ts")).toBeUndefined();
    expect(crossingOf("subgraphs/records/subject/subject.resolver.ts", "subgraphs/records/credit-record.service.ts")).toBeUndefined();
    expect(crossingOf("subgraphs/audit/index.ts", "gateway/server.ts")).toMatch(/subgraph loads gateway code/);
    expect(crossingOf("audit-log/writer.ts", "subgraphs/audit/audit-event.repository.ts")).toMatch(/the audit log is shared/);
    expect(crossingOf("audit-log/store.ts", "gateway/server.ts")).toMatch(/the audit log is shared/);
    expect(crossingOf("gateway/plugins/audit.plugin.ts", "audit-log/writer.ts")).toBeUndefined();
    expect(crossingOf("gateway/federation.ts", "subgraphs/index.ts")).toMatch(/gateway loads subgraph code/);
    expect(crossingOf("domain/subject-ref.ts", "db/database.ts")).toMatch(/domain\/ is pure/);
    expect(crossingOf("domain/subject-ref.ts", "domain/dates.ts")).toBeUndefined();
    expect(crossingOf("portal/pages/home.tsx", "platform/viewer.ts")).toMatch(/the portal is browser code/);
    expect(crossingOf("gateway/portal.ts", "portal/i18n.ts")).toMatch(/server code loads the portal/);
    expect(crossingOf("portal/pages/home.tsx", "portal/i18n.ts")).toBeUndefined();
    expect(crossingOf("portal/pages/organisations/identifier-check.ts", "domain/identifiers.ts")).toBeUndefined();
  });

  it("the gateway process loads no subgraph code, a subgraph process no gateway code", async () => {
    const gatewayLoads = (await loadedBy("scripts/gateway.ts")).filter((file) => file.startsWith("subgraphs/"));
    const subgraphLoads = (await loadedBy("scripts/subgraph.ts")).filter((file) => file.startsWith("gateway/"));
    expect({ gatewayLoads, subgraphLoads }).toEqual({ gatewayLoads: [], subgraphLoads: [] });
    // The one-process start loads both, through app/.
    expect((await loadedBy("scripts/start.ts")).some((file) => file.startsWith("subgraphs/"))).toBe(true);
  });

  it("holds for every source file", async () => {
    expect(await crossingsIn(["subgraphs", "gateway", "audit-log", "app", "domain", "portal", "platform", "scripts", "db", "policies"])).toEqual([]);
  });

  it("every table is named only by the slice that owns it; others read it through what the owner publishes (its registry)", async () => {
    expect(await tableCrossings()).toEqual([]);
  });

  it("would find a slice naming another's table", () => {
    expect(tableCrossingsIn("subgraphs/repair/repair.repository.ts", `await db.updateTable("list_entries").set({ status: "REPAIRED" })`)).toEqual(["subgraphs/repair/repair.repository.ts -> list_entries (lists's table)"]);
    expect(tableCrossingsIn("subgraphs/measures/measure.repository.ts", `eb.selectFrom(["measures as applied_measure", "list_entries as applied_entry"])`)).toEqual(["subgraphs/measures/measure.repository.ts -> list_entries (lists's table)"]);
    expect(tableCrossingsIn("subgraphs/lists/list-entry.repository.ts", `db.selectFrom(personRelations(db).as("relation")).innerJoin("list_entries as entry", "a", "b")`)).toEqual([]);
  });
});
