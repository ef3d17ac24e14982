import { readdir } from "node:fs/promises";
import path from "node:path";
import { ESLint, RuleTester } from "eslint";
import { builtinRules } from "eslint/use-at-your-own-risk";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../platform/package-root";
import { creditPlugin } from "./index";
import { RESOLVER_IMPORTS, RESOLVER_SYNTAX } from "./resolver-restrictions";

RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const rules = creditPlugin.rules!;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser } });

describe("credit/no-viewer-decisions: every role and ownership decision lives in the role table", () => {
  const error = (line: number) => ({ messageId: "decides", line });
  tester.run("no-viewer-decisions", rules["no-viewer-decisions"]!, {
    valid: [
      `await insertWorkflowEvent(trx, { role: context.viewer.role, note });`,
      `if (!context.viewer.org) throw new ForbiddenError("sign in for a unit");`,
      `if (context.viewer.subject === null) return [];`,
      `if (row.kind === "RED") return row;`,
    ],
    // The decisions this rule replaced, and the usual disguises.
    invalid: [
      {
        code: `const showsMonitoring = context.viewer.role === "GOVERNMENT" && context.viewer.purpose === "SUPERVISION";`,
        errors: [error(1)],
      },
      { code: `if (context.viewer.role !== "SUBJECT" || !own) {}`, errors: [error(1)] },
      { code: `if (REVIEWERS.has(context.viewer.role)) {}`, errors: [error(1)] },
      {
        code: `const ownEntry = row && context.viewer.org === row.recognized_by && context.ability.can("recognize", "ListEntry");`,
        errors: [error(1)],
      },
      {
        code: `if (context.viewer.subject === subjectIdentifier || typeof value !== "object") return value;`,
        errors: [error(1)],
      },
      { code: `if (row.recognized_by !==\n  context.viewer.org) throw notFound();`, errors: [error(1)] },
      { code: `if (context.viewer?.org == row.provider) return row;`, errors: [error(1)] },
      { code: `if (units.includes(context.viewer.org)) return row;`, errors: [error(1)] },
      {
        code: `const own = context.viewer.subject;\nif (row.subject_identifier === own) return row;`,
        errors: [error(2)],
      },
      {
        code: `const { org: unit } = context.viewer;\nif (row.provider !== unit) throw notFound();`,
        errors: [error(2)],
      },
      { code: `switch (context.viewer.role) { case "PUBLIC": break; }`, errors: [error(1)] },
      { code: `if (row.reviewer === "CREDIT_CENTER") {}`, errors: [error(1)] },
      { code: `if ((context.viewer as Viewer).org === row.provider) return row;`, errors: [error(1)] },
    ],
  });
});

describe("credit/no-disclosure-log-writes: every disclosure is recorded through subgraphs/shared/disclose.ts", () => {
  tester.run("no-disclosure-log-writes", rules["no-disclosure-log-writes"]!, {
    valid: [`recordDisclosed(context, item);`, `audit.record(item);`],
    invalid: [
      {
        code: `context.disclosures.record({ subjectId, subjectIdentifier, entityType: "ListEntry", tier: "PUBLIC" });`,
        errors: [{ messageId: "writes", line: 1 }],
      },
      {
        code: `const { disclosures } = context;\ndisclosures\n  .record(item);`,
        errors: [{ messageId: "writes", line: 2 }],
      },
      { code: `context.disclosures?.record(item);`, errors: [{ messageId: "writes", line: 1 }] },
    ],
  });
});

describe("credit/no-hand-made-refusals: a refusal the role table decides is CASL's", () => {
  const error = (line: number) => ({ messageId: "handMade", line });
  tester.run("no-hand-made-refusals", rules["no-hand-made-refusals"]!, {
    valid: [
      `refuseUnlessAllowed(context.ability, "submit", "CreditRecord", refusal);\nif (!context.viewer.org) throw new ForbiddenError(refusal);`,
      `if (!row || !context.ability.can("remove", policy)) throw new NotFoundError("no list entry");\nif (row.status !== "ACTIVE") throw new ForbiddenError("only an ACTIVE entry");`,
    ],
    // The refusals it replaced, and the usual disguises.
    invalid: [
      {
        code: `if (!context.ability.can("screen", "Subject")) throw new ForbiddenError("screening is for …");`,
        errors: [error(1)],
      },
      {
        code: `if (!context.ability.can("submit", "CreditRecord") || !context.viewer.org) {\n  throw new ForbiddenError("only a PROVIDER …");\n}`,
        errors: [error(1)],
      },
      {
        code: `if (context.ability.cannot("read", "UnitReport")) throw new CreditError("FORBIDDEN", "unit reports are …");`,
        errors: [error(1)],
      },
      {
        code: `const allowed = context.ability.can("read", "UnitReport");\nif (!allowed)\n  throw new ForbiddenError("unit reports are …");`,
        errors: [error(2)],
      },
    ],
  });
});

describe("credit/loaders-apply-policy: every loader compiles the viewer's policy, or is listed with why it need not", () => {
  const filename = "subgraphs/lists/list-entry.loaders.ts";
  const unpoliced = { "list-entry.loaders.ts#unitName": "the units directory is public" };
  const loaders = (
    unitName: string,
  ) => `export function createListEntryLoaders(db: Kysely<Database>, scope: RequestScope) {
  const access = listEntryAccessFor(scope);
  return {
    entryById: new DataLoader(async (ids) => indexBy(ids, await listEntriesByIds(db, ids, access), (row) => row.id)),
    ownById: new DataLoader(async (ids) => listOwn(db, ids, scope.viewer)),
    unitName: new DataLoader(async (codes) => ${unitName}),
  };
}`;
  tester.run("loaders-apply-policy", rules["loaders-apply-policy"]!, {
    valid: [{ filename, code: loaders("listUnits(db, codes)"), options: [{ unpoliced }] }],
    invalid: [
      {
        filename,
        code: loaders("listUnits(db, codes)"),
        options: [{ unpoliced: {} }],
        errors: [{ messageId: "unpoliced", line: 6 }],
      },
      {
        filename,
        code: loaders("listUnits(db, codes, access)"),
        options: [{ unpoliced }],
        errors: [{ messageId: "listedPoliced", line: 6 }],
      },
      {
        filename,
        code: loaders("listUnits(db, codes)"),
        options: [{ unpoliced: { ...unpoliced, "list-entry.loaders.ts#gone": "a loader since removed" } }],
        errors: [{ messageId: "listedMissing" }],
      },
      {
        filename,
        code: `export const loaders = (db) => ({ entryById: new DataLoader(async (ids) => listEntriesByIds(db, ids)) });`,
        options: [{ unpoliced: {} }],
        errors: [{ messageId: "noPolicy" }, { messageId: "unpoliced" }],
      },
    ],
  });
});

describe("resolvers and reference resolvers never touch the database: resolver → service → repository", () => {
  tester.run("no-restricted-imports", builtinRules.get("no-restricted-imports")!, {
    valid: [{ code: `import { findSubject } from "./subject.service";`, options: [RESOLVER_IMPORTS] }],
    invalid: [
      { code: `import { sql } from "kysely";`, options: [RESOLVER_IMPORTS], errors: 1 },
      { code: `import type { Kysely } from "kysely";`, options: [RESOLVER_IMPORTS], errors: 1 },
      {
        code: `import { findSubjectRow } from "./subject.repository";`,
        options: [RESOLVER_IMPORTS],
        errors: 1,
      },
      {
        code: `export { listEntriesByIds } from "../lists/list-entry.repository";`,
        options: [RESOLVER_IMPORTS],
        errors: 1,
      },
      { code: `import { connect } from "../../db/connect";`, options: [RESOLVER_IMPORTS], errors: 1 },
    ],
  });
  tester.run("no-restricted-syntax", builtinRules.get("no-restricted-syntax")!, {
    valid: [{ code: `await findSubject(context, id);`, options: RESOLVER_SYNTAX }],
    invalid: [
      {
        code: `await context.db\n  .selectFrom("subjects").selectAll().execute();`,
        options: RESOLVER_SYNTAX,
        errors: 1,
      },
    ],
  });
});

/** The non-test TypeScript files under `folder`, relative to the root. */
async function sourcesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(path.join(PACKAGE_ROOT, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts"))
    .map((entry) => path.relative(PACKAGE_ROOT, path.join(entry.parentPath, entry.name)));
}

describe("eslint.config.ts turns each rule on where it holds", () => {
  it("for every subgraph and audit-log source file, each loaders file, each resolver", {
    timeout: 60_000,
  }, async () => {
    const eslint = new ESLint({ cwd: PACKAGE_ROOT });
    const on = async (file: string) => {
      const config = (await eslint.calculateConfigForFile(file)) as {
        rules: Record<string, unknown[] | undefined>;
      };
      return Object.entries(config.rules)
        .filter(([, setting]) => setting?.[0] === 2)
        .map(([rule]) => rule);
    };
    const subgraphs = await sourcesUnder("subgraphs");
    const loaders = subgraphs.filter((file) => file.endsWith(".loaders.ts"));
    const resolvers = subgraphs.filter((file) => /\.(resolver|reference)\.ts$/.test(file));
    expect(loaders).toHaveLength(7);
    expect(resolvers.length).toBeGreaterThan(10);
    const missing: string[] = [];
    const expectOn = async (files: string[], wanted: string[]) => {
      for (const file of files) {
        const rules = await on(file);
        for (const rule of wanted) if (!rules.includes(rule)) missing.push(`${file}: ${rule}`);
      }
    };
    await expectOn(
      subgraphs.filter((file) => file !== path.join("subgraphs", "shared", "disclose.ts")),
      ["credit/no-disclosure-log-writes"],
    );
    await expectOn(subgraphs, ["credit/no-viewer-decisions", "credit/no-hand-made-refusals"]);
    await expectOn(await sourcesUnder("audit-log"), ["credit/no-viewer-decisions"]);
    await expectOn(loaders, ["credit/loaders-apply-policy"]);
    await expectOn(resolvers, ["no-restricted-imports", "no-restricted-syntax"]);
    expect(missing).toEqual([]);
  });
});
