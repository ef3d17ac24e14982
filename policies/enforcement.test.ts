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

  /** Loaders that read without the viewer's policy, each with why that is safe; every other loader passes it. */
  const UNPOLICED: Readonly<Record<string, string>> = {
    "list-entry.loaders.ts#unitName": "the units directory (data/units.yaml) is public: codes and names of government units",
    "measure.loaders.ts#measureByCode": "the measure catalogue is public (CONTRACT.md)",
    "objection.loaders.ts#stepsByCaseId": "a case's steps, loaded only for a case already read under the objection or repair policy",
    "objection.loaders.ts#underObjection": "a flag on an item its own slice already filtered; never the objection itself",
    "objection.loaders.ts#publicityUntil": "the end of a repair's publicity (公示, PCIM art. 32) on an item its own slice already filtered",
    "subject.loaders.ts#relationsByOrganisationId": "an organisation already read under the policy; each person is then read through subjectById (the policy) and the field itself through revealSubjectField",
  };

  it("every loader compiles the viewer's policy into its query, or is listed with why it need not", async () => {
    const files = (await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))).filter((file) => file.endsWith(".loaders.ts"));
    expect(files.length).toBe(6);
    const unpoliced: string[] = [];
    for (const file of files) {
      const text = await readFile(file, "utf8");
      // The request's policy as each file names it: `const access = listEntryAccessFor(scope)`, `accessibleBy(scope.ability, …)`.
      const policies = [...text.matchAll(/const (\w+) = (?:\w+AccessFor|accessibleBy)\(/g)].map((match) => match[1]!);
      expect(policies.length, `${file} derives no policy from the request`).toBeGreaterThan(0);
      const loaders = [...text.matchAll(/^ {4}(\w+): new DataLoader\(/gm)];
      expect(loaders.length, file).toBeGreaterThan(0);
      loaders.forEach((match, index) => {
        const body = text.slice(match.index, loaders[index + 1]?.index ?? text.length);
        const policed = policies.some((name) => new RegExp(`\\b${name}\\b`).test(body)) || /\bscope\.viewer\b/.test(body);
        if (!policed) unpoliced.push(`${path.basename(file)}#${match[1]}`);
      });
    }
    expect(unpoliced.sort()).toEqual(Object.keys(UNPOLICED).sort());
  });
});

describe("every role and ownership decision lives in the role table (policies/roles.ts)", () => {
  const ROLE_NAME = ROLES.join("|");
  /**
   * A comparison with the viewer's role, with a role's name, or with the viewer's unit or own identifier (whose
   * item this is): a decision made outside the table.
   */
  const ROLE_DECISION = new RegExp(
    `\\brole\\s*[!=]==?|[!=]==?\\s*"(${ROLE_NAME})"|"(${ROLE_NAME})"\\s*[!=]==?|\\.(has|includes)\\([\\w.?]*\\b(role|viewer\\??\\.(org|subject))\\)|viewer\\??\\.(org|subject)\\s*[!=]==?(?!=?\\s*(null|undefined)\\b)|[!=]==?\\s*[\\w.?]*viewer\\??\\.(org|subject)\\b`,
  );

  it("no subgraph or audit-log file compares the viewer's role, unit or identifier: it asks its ability", async () => {
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
    expect(ROLE_DECISION.test(`const ownEntry = row && context.viewer.org === row.recognized_by && context.ability.can("recognize", "ListEntry");`)).toBe(true);
    expect(ROLE_DECISION.test(`if (context.viewer.subject === subjectIdentifier || typeof value !== "object") return value;`)).toBe(true);
    expect(ROLE_DECISION.test(`if (row.recognized_by !== context.viewer.org) throw notFound();`)).toBe(true);
    expect(ROLE_DECISION.test(`await insertWorkflowEvent(trx, { role: context.viewer.role, note });`)).toBe(false);
    expect(ROLE_DECISION.test(`if (!context.viewer.org) throw new ForbiddenError("sign in for a unit");`)).toBe(false);
    expect(ROLE_DECISION.test(`if (context.viewer?.org == row.provider) return row;`)).toBe(true);
    expect(ROLE_DECISION.test(`if (units.includes(context.viewer.org)) return row;`)).toBe(true);
    expect(ROLE_DECISION.test(`if (context.viewer.subject === null) return [];`)).toBe(false);
  });
});

describe("every disclosure is recorded through subgraphs/shared/disclose.ts", () => {
  it("no other subgraph file writes to the request's disclosure log: it discloses rows readably or records what it answered", async () => {
    const files = (await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))).filter((file) => !file.endsWith(".test.ts") && !file.endsWith(path.join("shared", "disclose.ts")));
    expect(files.length).toBeGreaterThan(100);
    const sideDoors: string[] = [];
    for (const file of files) {
      for (const [index, line] of (await readFile(file, "utf8")).split("\n").entries()) {
        if (/\bdisclosures\s*\.\s*record\s*\(/.test(line)) sideDoors.push(`${path.relative(PACKAGE_ROOT, file)}:${index + 1}: ${line.trim()}`);
      }
    }
    expect(sideDoors).toEqual([]);
  });
});

describe("a refusal the role table decides is CASL's (subgraphs/shared/authorize.ts)", () => {
  /** A FORBIDDEN thrown by hand as the consequence of asking the ability: on its line, or first in the block it opens. */
  function handMadeRefusals(source: string): number[] {
    const lines = source.split("\n");
    const throwsForbidden = (line: string | undefined) => /throw new (ForbiddenError\(|CreditError\("FORBIDDEN")/.test(line ?? "");
    return lines.flatMap((line, index) => (/ability\??\.(can|cannot)\(/.test(line) && (throwsForbidden(line) || (line.trimEnd().endsWith("{") && throwsForbidden(lines[index + 1]))) ? [index + 1] : []));
  }

  it("no subgraph file throws its own ForbiddenError where the ability said no: it calls refuseUnlessAllowed", async () => {
    const files = (await filesUnder(path.join(PACKAGE_ROOT, "subgraphs"))).filter((file) => !file.endsWith(".test.ts"));
    const found: string[] = [];
    for (const file of files) for (const line of handMadeRefusals(await readFile(file, "utf8"))) found.push(`${path.relative(PACKAGE_ROOT, file)}:${line}`);
    expect(found).toEqual([]);
  });

  it("would find the refusals it replaced", () => {
    expect(handMadeRefusals(`  if (!context.ability.can("screen", "Subject")) throw new ForbiddenError("screening is for …");`)).toEqual([1]);
    expect(handMadeRefusals(`  if (!context.ability.can("submit", "CreditRecord") || !context.viewer.org) {\n    throw new ForbiddenError("only a PROVIDER …");\n  }`)).toEqual([1]);
    expect(handMadeRefusals(`  refuseUnlessAllowed(context.ability, "submit", "CreditRecord", refusal);\n  if (!context.viewer.org) throw new ForbiddenError(refusal);`)).toEqual([]);
    expect(handMadeRefusals(`  if (context.ability.cannot("read", "UnitReport")) throw new CreditError("FORBIDDEN", "unit reports are …");`)).toEqual([1]);
    expect(handMadeRefusals(`  if (!row || !context.ability.can("remove", policy)) throw new NotFoundError("no list entry");\n  if (row.status !== "ACTIVE") throw new ForbiddenError("only an ACTIVE entry");`)).toEqual([]);
  });
});
