import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { contains, isNamed, ownerOf, propertyName, stringValue, walk } from "./syntax";

/** `…ability.can(…)` or `…ability.cannot(…)`. */
function isAbilityCheck(node: TSESTree.Node): boolean {
  if (
    node.type !== AST_NODE_TYPES.CallExpression ||
    !["can", "cannot"].includes(propertyName(node.callee) ?? "")
  )
    return false;
  const owner = ownerOf(node.callee);
  return owner !== undefined && isNamed(owner, "ability");
}

/** `throw new ForbiddenError(…)` or `throw new CreditError("FORBIDDEN", …)`. */
function throwsForbidden(statement: TSESTree.Statement | undefined): boolean {
  if (
    statement?.type !== AST_NODE_TYPES.ThrowStatement ||
    statement.argument.type !== AST_NODE_TYPES.NewExpression
  )
    return false;
  const { callee, arguments: args } = statement.argument;
  if (callee.type !== AST_NODE_TYPES.Identifier) return false;
  const first = args[0];
  return (
    callee.name === "ForbiddenError" ||
    (callee.name === "CreditError" && first !== undefined && stringValue(first) === "FORBIDDEN")
  );
}

/**
 * A refusal the role table decides is CASL's (`refuseUnlessAllowed`, subgraphs/shared/authorize.ts): found,
 * an `if` that asks the ability (directly or through a name given its answer) and throws FORBIDDEN by hand.
 */
export const noHandMadeRefusals = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: "problem",
    schema: [],
    messages: {
      handMade:
        "throws its own FORBIDDEN where the ability said no: call refuseUnlessAllowed (subgraphs/shared/authorize.ts)",
    },
  },
  defaultOptions: [],
  create(context) {
    const keys = context.sourceCode.visitorKeys;
    return {
      "Program:exit"(program: TSESTree.Program) {
        const answers = new Set<string>();
        walk(program, keys, (node) => {
          if (
            node.type === AST_NODE_TYPES.VariableDeclarator &&
            node.id.type === AST_NODE_TYPES.Identifier &&
            node.init &&
            contains(node.init, keys, isAbilityCheck)
          ) {
            answers.add(node.id.name);
          }
        });
        walk(program, keys, (node) => {
          if (node.type !== AST_NODE_TYPES.IfStatement) return;
          const asks = contains(
            node.test,
            keys,
            (inner) =>
              isAbilityCheck(inner) || (inner.type === AST_NODE_TYPES.Identifier && answers.has(inner.name)),
          );
          const consequence =
            node.consequent.type === AST_NODE_TYPES.BlockStatement
              ? node.consequent.body[0]
              : node.consequent;
          if (asks && throwsForbidden(consequence)) context.report({ node, messageId: "handMade" });
        });
      },
    };
  },
});
