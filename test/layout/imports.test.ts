import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";

/**
 * The import rules (the ladder of slices, no cycle, the gateway and subgraph processes apart, the audit log,
 * the portal, a pure domain/) are dependency-cruiser's, in .dependency-cruiser.cjs (`npm run lint:deps`). What
 * it cannot see is which table a query names: that is checked here.
 */
const SLICE = /^subgraphs\/(subjects|records|lists|measures|repair|audit|reports)\//;

async function sourceFiles(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(PACKAGE_ROOT, folder), { withFileTypes: true })) {
    const relative = path.posix.join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await sourceFiles(relative)));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts")) found.push(relative);
  }
  return found;
}

/** Which slice owns each table: only its repositories name it (STYLE.md: "touch only its own tables"). */
const TABLE_OWNERS: Readonly<Record<string, string>> = {
  subjects: "subjects", subject_relations: "subjects", consents: "subjects", units: "subjects",
  credit_records: "records", record_relations: "records", record_kinds: "records",
  list_entries: "lists", notices: "lists",
  measures: "measures", measure_applications: "measures",
  repair_cases: "repair", objections: "repair", workflow_events: "repair",
  credit_reports: "reports",
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

describe("the layout's table rule", () => {
  it("every table is named only by the slice that owns it; others read it through what the owner publishes (its registry)", async () => {
    expect(await tableCrossings()).toEqual([]);
  });

  it("would find a slice naming another's table", () => {
    expect(tableCrossingsIn("subgraphs/repair/repair.repository.ts", `await db.updateTable("list_entries").set({ status: "REPAIRED" })`)).toEqual(["subgraphs/repair/repair.repository.ts -> list_entries (lists's table)"]);
    expect(tableCrossingsIn("subgraphs/measures/measure.repository.ts", `eb.selectFrom(["measures as applied_measure", "list_entries as applied_entry"])`)).toEqual(["subgraphs/measures/measure.repository.ts -> list_entries (lists's table)"]);
    expect(tableCrossingsIn("subgraphs/lists/list-entry.repository.ts", `db.selectFrom(personRelations(db).as("relation")).innerJoin("list_entries as entry", "a", "b")`)).toEqual([]);
  });
});
