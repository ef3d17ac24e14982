import path from "node:path";
import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { contains, walk } from "./syntax";

/** Loaders that read without the viewer's policy, `<file>#<loader>` -> why that is safe. */
export type Unpoliced = Readonly<Record<string, string>>;

/** `const access = listEntryAccessFor(scope)`, `const own = accessibleBy(scope.ability, …)`: the request's policy as a file names it. */
function policyName(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.VariableDeclarator || node.id.type !== AST_NODE_TYPES.Identifier)
    return undefined;
  const init = node.init;
  if (init?.type !== AST_NODE_TYPES.CallExpression || init.callee.type !== AST_NODE_TYPES.Identifier)
    return undefined;
  return /^\w+AccessFor$|^accessibleBy$/.test(init.callee.name) ? node.id.name : undefined;
}

/** `name: new DataLoader(…)`. */
function loaderName(node: TSESTree.Node): string | undefined {
  if (node.type !== AST_NODE_TYPES.Property || node.key.type !== AST_NODE_TYPES.Identifier) return undefined;
  const value = node.value;
  return value.type === AST_NODE_TYPES.NewExpression &&
    value.callee.type === AST_NODE_TYPES.Identifier &&
    value.callee.name === "DataLoader"
    ? node.key.name
    : undefined;
}

/**
 * Every read goes through the policy: each DataLoader of a `*.loaders.ts` compiles the viewer's policy into its
 * query (names the policy the file derives from the request, or `scope.viewer`), or is listed in the rule's
 * `unpoliced` option with why it need not. A listed loader that is gone or now reads under the policy is
 * reported too, so the list stays exact.
 */
export const loadersApplyPolicy = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: "problem",
    schema: [
      {
        type: "object",
        properties: { unpoliced: { type: "object", additionalProperties: { type: "string" } } },
        additionalProperties: false,
      },
    ],
    messages: {
      noPolicy:
        "this file derives no policy from the request (`const access = …AccessFor(scope)` or `accessibleBy(…)`)",
      unpoliced:
        "loader {{name}} reads without the viewer's policy: compile the policy into its query, or list it as unpoliced with why",
      listedPoliced: "{{key}} is listed as unpoliced but reads under the policy: remove it from the list",
      listedMissing:
        "{{key}} is listed as unpoliced but this file has no such loader: remove it from the list",
    },
  },
  defaultOptions: [{ unpoliced: {} as Unpoliced }],
  create(context, [{ unpoliced }]) {
    const keys = context.sourceCode.visitorKeys;
    const file = path.basename(context.filename);
    return {
      "Program:exit"(program: TSESTree.Program) {
        const policies = new Set<string>();
        const loaders: Array<{ name: string; node: TSESTree.Property }> = [];
        walk(program, keys, (node) => {
          const policy = policyName(node);
          if (policy) policies.add(policy);
          const loader = loaderName(node);
          if (loader) loaders.push({ name: loader, node: node as TSESTree.Property });
        });
        if (policies.size === 0) context.report({ node: program, messageId: "noPolicy" });
        const listed = new Set(Object.keys(unpoliced).filter((key) => key.startsWith(`${file}#`)));
        for (const { name, node } of loaders) {
          const key = `${file}#${name}`;
          const policed = contains(
            node.value,
            keys,
            (inner) =>
              (inner.type === AST_NODE_TYPES.Identifier && policies.has(inner.name)) ||
              (inner.type === AST_NODE_TYPES.MemberExpression &&
                !inner.computed &&
                inner.object.type === AST_NODE_TYPES.Identifier &&
                inner.object.name === "scope" &&
                inner.property.type === AST_NODE_TYPES.Identifier &&
                inner.property.name === "viewer"),
          );
          if (listed.delete(key)) {
            if (policed) context.report({ node, messageId: "listedPoliced", data: { key } });
          } else if (!policed) {
            context.report({ node, messageId: "unpoliced", data: { name } });
          }
        }
        for (const key of listed)
          context.report({ node: program, messageId: "listedMissing", data: { key } });
      },
    };
  },
});
