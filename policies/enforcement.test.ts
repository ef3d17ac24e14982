import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { Kind, parse } from "graphql";
import ts from "typescript";
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
    expect(files.length).toBe(7);
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

/** Each file is read by the three checks below: parsed once. */
const parsed = new Map<string, ts.SourceFile>();

/** What the three checks below read: the syntax of each subgraph file, not its lines (a split line or an alias does not hide). */
function parseSource(source: string): ts.SourceFile {
  let file = parsed.get(source);
  if (!file) {
    file = ts.createSourceFile("checked.ts", source, ts.ScriptTarget.Latest, true);
    parsed.set(source, file);
  }
  return file;
}

function everyNode(node: ts.Node, visit: (node: ts.Node) => void): void {
  visit(node);
  node.forEachChild((child) => everyNode(child, visit));
}

function lineOf(file: ts.SourceFile, node: ts.Node): number {
  return file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1;
}

function withoutParentheses(node: ts.Expression): ts.Expression {
  return ts.isParenthesizedExpression(node) ? withoutParentheses(node.expression) : node;
}

/** `…viewer.role`, `…viewer?.org`, `…viewer.subject`. */
function isViewerFact(node: ts.Expression): boolean {
  const expression = withoutParentheses(node);
  if (!ts.isPropertyAccessExpression(expression) || !["role", "org", "subject"].includes(expression.name.text)) return false;
  const owner = expression.expression;
  return (ts.isIdentifier(owner) && owner.text === "viewer") || (ts.isPropertyAccessExpression(owner) && owner.name.text === "viewer");
}

/** Local names given a viewer fact: `const own = context.viewer.subject`, `const { org } = context.viewer`. */
function viewerFactNames(file: ts.SourceFile): Set<string> {
  const names = new Set<string>();
  everyNode(file, (node) => {
    if (!ts.isVariableDeclaration(node) || !node.initializer) return;
    if (ts.isIdentifier(node.name) && isViewerFact(node.initializer)) names.add(node.name.text);
    const source = withoutParentheses(node.initializer);
    const fromViewer = (ts.isIdentifier(source) && source.text === "viewer") || (ts.isPropertyAccessExpression(source) && source.name.text === "viewer");
    if (ts.isObjectBindingPattern(node.name) && fromViewer) {
      for (const element of node.name.elements) {
        const property = element.propertyName && ts.isIdentifier(element.propertyName) ? element.propertyName.text : ts.isIdentifier(element.name) ? element.name.text : "";
        if (["role", "org", "subject"].includes(property) && ts.isIdentifier(element.name)) names.add(element.name.text);
      }
    }
  });
  return names;
}

const COMPARISONS = new Set([ts.SyntaxKind.EqualsEqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsEqualsToken, ts.SyntaxKind.EqualsEqualsToken, ts.SyntaxKind.ExclamationEqualsToken]);

/**
 * Lines that decide by the viewer's role, unit or own identifier (whose item this is), or by a role's name:
 * a comparison (null checks aside), `.has(…)`/`.includes(…)` of one, a `switch` on one.
 */
function roleDecisions(source: string): number[] {
  const file = parseSource(source);
  const aliases = viewerFactNames(file);
  const fact = (node: ts.Expression) => isViewerFact(node) || (ts.isIdentifier(withoutParentheses(node)) && aliases.has((withoutParentheses(node) as ts.Identifier).text));
  const roleName = (node: ts.Expression) => ts.isStringLiteralLike(node) && (ROLES as readonly string[]).includes(node.text);
  const nothing = (node: ts.Expression) => node.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(node) && node.text === "undefined");
  const lines = new Set<number>();
  everyNode(file, (node) => {
    if (ts.isBinaryExpression(node) && COMPARISONS.has(node.operatorToken.kind)) {
      const sides = [node.left, node.right];
      if (!sides.some(nothing) && sides.some((side) => fact(side) || roleName(side))) lines.add(lineOf(file, node));
    }
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && ["has", "includes"].includes(node.expression.name.text) && node.arguments.some(fact)) lines.add(lineOf(file, node));
    if (ts.isSwitchStatement(node) && fact(node.expression)) lines.add(lineOf(file, node));
  });
  return [...lines].sort((a, b) => a - b);
}

/** `…ability.can(…)` or `…ability.cannot(…)`. */
function isAbilityCheck(node: ts.Node): boolean {
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || !["can", "cannot"].includes(node.expression.name.text)) return false;
  const owner = node.expression.expression;
  return (ts.isIdentifier(owner) && owner.text === "ability") || (ts.isPropertyAccessExpression(owner) && owner.name.text === "ability");
}

/** `throw new ForbiddenError(…)` or `throw new CreditError("FORBIDDEN", …)`. */
function throwsForbidden(statement: ts.Statement | undefined): boolean {
  if (!statement || !ts.isThrowStatement(statement) || !statement.expression || !ts.isNewExpression(statement.expression)) return false;
  const { expression: constructor, arguments: args } = statement.expression;
  if (!ts.isIdentifier(constructor)) return false;
  const first = args?.[0];
  return constructor.text === "ForbiddenError" || (constructor.text === "CreditError" && first !== undefined && ts.isStringLiteralLike(first) && first.text === "FORBIDDEN");
}

/** Lines where an `if` that asks the ability (directly or through a name given its answer) throws FORBIDDEN by hand. */
function handMadeRefusals(source: string): number[] {
  const file = parseSource(source);
  const answers = new Set<string>();
  everyNode(file, (node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      let asks = false;
      everyNode(node.initializer, (inner) => (asks ||= isAbilityCheck(inner)));
      if (asks) answers.add(node.name.text);
    }
  });
  const lines: number[] = [];
  everyNode(file, (node) => {
    if (!ts.isIfStatement(node)) return;
    let asks = false;
    everyNode(node.expression, (inner) => (asks ||= isAbilityCheck(inner) || (ts.isIdentifier(inner) && answers.has(inner.text))));
    const consequence = ts.isBlock(node.thenStatement) ? node.thenStatement.statements[0] : node.thenStatement;
    if (asks && throwsForbidden(consequence)) lines.push(lineOf(file, node));
  });
  return lines;
}

/** Lines that write to the request's disclosure log themselves: `….disclosures.record(…)`. */
function disclosureLogWrites(source: string): number[] {
  const file = parseSource(source);
  const lines: number[] = [];
  everyNode(file, (node) => {
    if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression) || node.expression.name.text !== "record") return;
    const log = node.expression.expression;
    if ((ts.isIdentifier(log) && log.text === "disclosures") || (ts.isPropertyAccessExpression(log) && log.name.text === "disclosures")) lines.push(lineOf(file, node));
  });
  return lines;
}

/** `file:line` for each finding of `check` in the non-test TypeScript files under `folders`, leaving out `except`. */
async function findingsIn(folders: readonly string[], check: (source: string) => number[], except: readonly string[] = []): Promise<string[]> {
  const files = (await Promise.all(folders.map((folder) => filesUnder(path.join(PACKAGE_ROOT, folder))))).flat().filter((file) => !file.endsWith(".test.ts"));
  expect(files.length).toBeGreaterThan(100);
  const found: string[] = [];
  for (const file of files) {
    const relative = path.relative(PACKAGE_ROOT, file);
    if (except.includes(relative)) continue;
    for (const line of check(await readFile(file, "utf8"))) found.push(`${relative}:${line}`);
  }
  return found;
}

describe("every role and ownership decision lives in the role table (policies/roles.ts)", () => {
  it("no subgraph or audit-log file compares the viewer's role, unit or identifier: it asks its ability", async () => {
    expect(await findingsIn(["subgraphs", "audit-log"], roleDecisions)).toEqual([]);
  });

  it("would find the decisions this rule replaced, and the usual disguises", () => {
    expect(roleDecisions(`const showsMonitoring = context.viewer.role === "GOVERNMENT" && context.viewer.purpose === "SUPERVISION";`)).toEqual([1]);
    expect(roleDecisions(`if (context.viewer.role !== "SUBJECT" || !own) {}`)).toEqual([1]);
    expect(roleDecisions(`if (REVIEWERS.has(context.viewer.role)) {}`)).toEqual([1]);
    expect(roleDecisions(`const ownEntry = row && context.viewer.org === row.recognized_by && context.ability.can("recognize", "ListEntry");`)).toEqual([1]);
    expect(roleDecisions(`if (context.viewer.subject === subjectIdentifier || typeof value !== "object") return value;`)).toEqual([1]);
    expect(roleDecisions(`if (row.recognized_by !==\n  context.viewer.org) throw notFound();`)).toEqual([1]);
    expect(roleDecisions(`if (context.viewer?.org == row.provider) return row;`)).toEqual([1]);
    expect(roleDecisions(`if (units.includes(context.viewer.org)) return row;`)).toEqual([1]);
    expect(roleDecisions(`const own = context.viewer.subject;\nif (row.subject_identifier === own) return row;`)).toEqual([2]);
    expect(roleDecisions(`const { org: unit } = context.viewer;\nif (row.provider !== unit) throw notFound();`)).toEqual([2]);
    expect(roleDecisions(`switch (context.viewer.role) { case "PUBLIC": break; }`)).toEqual([1]);
    expect(roleDecisions(`if (row.reviewer === "CREDIT_CENTER") {}`)).toEqual([1]);
    expect(roleDecisions(`await insertWorkflowEvent(trx, { role: context.viewer.role, note });`)).toEqual([]);
    expect(roleDecisions(`if (!context.viewer.org) throw new ForbiddenError("sign in for a unit");`)).toEqual([]);
    expect(roleDecisions(`if (context.viewer.subject === null) return [];`)).toEqual([]);
  });
});

describe("every disclosure is recorded through subgraphs/shared/disclose.ts", () => {
  it("no other subgraph file writes to the request's disclosure log: it discloses rows readably or records what it answered", async () => {
    expect(await findingsIn(["subgraphs"], disclosureLogWrites, [path.join("subgraphs", "shared", "disclose.ts")])).toEqual([]);
  });

  it("would find a direct write", () => {
    expect(disclosureLogWrites(`context.disclosures.record({ subjectId, subjectIdentifier, entityType: "ListEntry", tier: "PUBLIC" });`)).toEqual([1]);
    expect(disclosureLogWrites(`const { disclosures } = context;\ndisclosures\n  .record(item);`)).toEqual([2]);
    expect(disclosureLogWrites(`recordDisclosed(context, item);`)).toEqual([]);
  });
});

describe("a refusal the role table decides is CASL's (subgraphs/shared/authorize.ts)", () => {
  it("no subgraph file throws its own FORBIDDEN where the ability said no: it calls refuseUnlessAllowed", async () => {
    expect(await findingsIn(["subgraphs"], handMadeRefusals)).toEqual([]);
  });

  it("would find the refusals it replaced, and the usual disguises", () => {
    expect(handMadeRefusals(`if (!context.ability.can("screen", "Subject")) throw new ForbiddenError("screening is for …");`)).toEqual([1]);
    expect(handMadeRefusals(`if (!context.ability.can("submit", "CreditRecord") || !context.viewer.org) {\n  throw new ForbiddenError("only a PROVIDER …");\n}`)).toEqual([1]);
    expect(handMadeRefusals(`if (context.ability.cannot("read", "UnitReport")) throw new CreditError("FORBIDDEN", "unit reports are …");`)).toEqual([1]);
    expect(handMadeRefusals(`const allowed = context.ability.can("read", "UnitReport");\nif (!allowed)\n  throw new ForbiddenError("unit reports are …");`)).toEqual([2]);
    expect(handMadeRefusals(`refuseUnlessAllowed(context.ability, "submit", "CreditRecord", refusal);\nif (!context.viewer.org) throw new ForbiddenError(refusal);`)).toEqual([]);
    expect(handMadeRefusals(`if (!row || !context.ability.can("remove", policy)) throw new NotFoundError("no list entry");\nif (row.status !== "ACTIVE") throw new ForbiddenError("only an ACTIVE entry");`)).toEqual([]);
  });
});
