import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { PACKAGE_ROOT } from "../platform/package-root";
import { detectProhibitedData } from "../domain/prohibited-data";
import { ROLES } from "../platform/viewer";

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile() && entry.name.endsWith(".ts")).map((entry) => path.join(entry.parentPath, entry.name));
}

describe("prohibited data has no place in the schema (PCIM art. 14)", () => {
  it("no field or argument of any type in the composed supergraph is named for prohibited data", async () => {
    const document = parse(await readFile(SUPERGRAPH_FILE, "utf8"));
    const names: string[] = [];
    for (const definition of document.definitions) {
      if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION || definition.kind === Kind.INTERFACE_TYPE_DEFINITION) && definition.fields) {
        for (const field of definition.fields) {
          names.push(`${definition.name.value}.${field.name.value}`);
          if ("arguments" in field) for (const argument of field.arguments ?? []) names.push(`${definition.name.value}.${field.name.value}(${argument.name.value})`);
        }
      }
    }
    expect(names.length).toBeGreaterThan(100);
    const offending = names.filter((name) => detectProhibitedData(name.split(".")[1]!.replace(/[()]/g, " ")) !== null);
    expect(offending).toEqual([]);
  });
});

describe("every read goes through the policy", () => {
  it("resolvers and reference resolvers never touch the database: resolver → service → repository", async () => {
    const files = (await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))).filter((file) => /\.(resolver|reference)\.ts$/.test(file));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      expect(text, file).not.toMatch(/from "kysely"|\.repository"|selectFrom\(|db\/connect"/);
    }
  });

  it("every loader over an entity table compiles the viewer's policy into its query (accessibleBy)", async () => {
    const publicCatalogs = new Map([["measure.loaders.ts", "measureByCode: the measure catalog is public (CONTRACT.md)"]]);
    const files = (await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))).filter((file) => file.endsWith(".loaders.ts"));
    expect(files.length).toBe(6);
    for (const file of files) {
      const text = await readFile(file, "utf8");
      const loaders = [...text.matchAll(/^\s{4}(\w+): new DataLoader/gm)].map((match) => match[1]);
      const policed = /accessibleBy|AccessFor\(|findValidConsents/.test(text);
      expect(policed || publicCatalogs.has(path.basename(file)), `${file} builds loaders without the policy`).toBe(true);
      expect(loaders.length, file).toBeGreaterThan(0);
    }
  });
});

describe("every role decision lives in the role table (policies/roles.ts)", () => {
  const ROLE_NAME = ROLES.join("|");
  /** A comparison with the viewer's role, or with a role's name: a decision made outside the table. */
  const ROLE_DECISION = new RegExp(`\\brole\\s*[!=]==|[!=]==\\s*"(${ROLE_NAME})"|"(${ROLE_NAME})"\\s*[!=]==|\\.(has|includes)\\([\\w.]*\\brole\\)`);

  it("no subgraph or audit-log file compares the viewer's role: it asks its ability", async () => {
    const files = [...(await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))), ...(await filesUnder(path.join(PACKAGE_ROOT, "audit-log")))].filter((file) => !file.endsWith(".test.ts"));
    expect(files.length).toBeGreaterThan(100);
    const decisions: string[] = [];
    for (const file of files) {
      for (const [index, line] of (await readFile(file, "utf8")).split("\n").entries()) {
        if (ROLE_DECISION.test(line)) decisions.push(`${path.relative(PACKAGE_ROOT, file)}:${index + 1}: ${line.trim()}`);
      }
    }
    expect(decisions).toEqual([]);
  });

  it("would find the decisions this rule replaced", () => {
    expect(ROLE_DECISION.test(`const showsMonitoring = context.viewer.role === "GOVERNMENT" && context.viewer.purpose === "SUPERVISION";`)).toBe(true);
    expect(ROLE_DECISION.test(`if (context.viewer.role !== "SUBJECT" || !own) {`)).toBe(true);
    expect(ROLE_DECISION.test(`if (REVIEWERS.has(context.viewer.role)) {`)).toBe(true);
    expect(ROLE_DECISION.test(`await insertWorkflowEvent(trx, { role: context.viewer.role, note });`)).toBe(false);
  });
});
