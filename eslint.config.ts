import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";
import { creditPlugin } from "./eslint-rules/index";
import { RESOLVER_IMPORTS, RESOLVER_SYNTAX } from "./eslint-rules/resolver-restrictions";

/** Loaders that read without the viewer's policy, each with why that is safe (credit/loaders-apply-policy). */
const UNPOLICED = {
  "list-entry.loaders.ts#unitName":
    "the units directory (data/units.yaml) is public: codes and names of government units",
  "measure.loaders.ts#measureByCode": "the measure catalogue is public (docs/api.md)",
  "objection.loaders.ts#stepsByCaseId":
    "a case's steps, loaded only for a case already read under the objection or repair policy",
  "objection.loaders.ts#underObjection":
    "a flag on an item its own slice already filtered; never the objection itself",
  "objection.loaders.ts#publicityUntil":
    "the end of a repair's publicity (公示, PCIM art. 32) on an item its own slice already filtered",
  "subject.loaders.ts#relationsByOrganisationId":
    "an organisation already read under the policy; each person is then read through subjectById (the policy) and the field itself through revealSubjectField",
};

const SOURCES = ["**/*.ts", "**/*.tsx"];
const TESTS = ["**/*.test.ts", "**/*.test.tsx"];

export default defineConfig(
  // bench/ is its own package (own dependencies and tsconfig, installed only to run it); portal/gql is generated.
  {
    ignores: [
      "dist/**",
      "portal/gql/**",
      "bench/**",
      ".data/**",
      "scratch/**",
      "coverage/**",
      "test-output/**",
    ],
  },
  {
    files: SOURCES,
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "@typescript-eslint": tseslint.plugin, credit: creditPlugin },
    // Typed rules that find bugs the type check does not, and nothing here yet: a promise nobody awaits or
    // handles (its rejection is lost), a promise where a boolean or a void callback is wanted, an `await` of
    // something that is no promise, a `switch` over a union that misses a member, a `throw` of a non-Error,
    // a `return promise` inside `try` (its rejection skips the `catch`). Left out: rules about style, and
    // those whose findings here were defensive code at trust boundaries (no-unnecessary-condition: 93).
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // A JSX handler may be async: Preact ignores what it returns, and each such handler reports its own errors.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // `Promise.all` over releases some of which are synchronous is how a budget's release is awaited.
      "@typescript-eslint/await-thenable": ["error", { allowMixedPromiseArrays: true }],
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/only-throw-error": "error",
      "@typescript-eslint/prefer-promise-reject-errors": "error",
      "@typescript-eslint/return-await": ["error", "in-try-catch"],
      "@typescript-eslint/no-for-in-array": "error",
      "@typescript-eslint/no-implied-eval": "error",
      "@typescript-eslint/no-array-delete": "error",
    },
  },
  {
    // Config is one frozen, validated object (platform/config.ts): the environment is read nowhere else.
    files: [
      "app/**",
      "audit-log/**",
      "db/**",
      "domain/**",
      "gateway/**",
      "platform/**",
      "policies/**",
      "portal/**",
      "subgraphs/**",
    ],
    ignores: [...TESTS, "platform/config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "read configuration from platform/config.ts (one validated object)",
        },
      ],
    },
  },
  {
    files: ["subgraphs/**/*.resolver.ts", "subgraphs/**/*.reference.ts"],
    rules: {
      "no-restricted-imports": ["error", RESOLVER_IMPORTS],
      "no-restricted-syntax": ["error", ...RESOLVER_SYNTAX],
    },
  },
  {
    files: ["subgraphs/**/*.loaders.ts"],
    rules: { "credit/loaders-apply-policy": ["error", { unpoliced: UNPOLICED }] },
  },
  {
    files: ["subgraphs/**", "audit-log/**"],
    ignores: TESTS,
    rules: { "credit/no-viewer-decisions": "error" },
  },
  {
    files: ["subgraphs/**"],
    ignores: TESTS,
    rules: { "credit/no-hand-made-refusals": "error" },
  },
  {
    files: ["subgraphs/**"],
    ignores: [...TESTS, "subgraphs/shared/disclose.ts"],
    rules: { "credit/no-disclosure-log-writes": "error" },
  },
);
