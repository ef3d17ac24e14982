import { AST_NODE_TYPES, ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { ROLES } from "../platform/viewer";
import { isNamed, ownerOf, propertyName, stringValue, unwrap, walk } from "./syntax";

const FACTS = new Set(["role", "org", "subject"]);
const COMPARISONS = new Set(["===", "!==", "==", "!="]);
const ROLE_NAMES = new Set<string>(ROLES);

/** `…viewer.role`, `…viewer?.org`, `…viewer.subject`. */
function isViewerFact(node: TSESTree.Node): boolean {
  const name = propertyName(node);
  const owner = ownerOf(node);
  return name !== undefined && FACTS.has(name) && owner !== undefined && isNamed(owner, "viewer");
}

/**
 * Every role and ownership decision lives in the role table (policies/roles.ts): a subgraph or the audit log
 * asks its ability, it does not decide by the viewer's role, unit or own identifier (whose item this is), or
 * by a role's name. Found: a comparison with one (null checks aside), `.has(…)`/`.includes(…)` of one, a
 * `switch` on one, also through a local name given one (`const own = context.viewer.subject`,
 * `const { org } = context.viewer`).
 */
export const noViewerDecisions = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: "problem",
    schema: [],
    messages: {
      decides:
        "decides by the viewer's role, unit or identifier: ask the ability (the decision belongs in policies/roles.ts)",
    },
  },
  defaultOptions: [],
  create(context) {
    const keys = context.sourceCode.visitorKeys;
    return {
      "Program:exit"(program: TSESTree.Program) {
        const aliases = new Set<string>();
        walk(program, keys, (node) => {
          if (node.type !== AST_NODE_TYPES.VariableDeclarator || !node.init) return;
          if (node.id.type === AST_NODE_TYPES.Identifier && isViewerFact(node.init))
            aliases.add(node.id.name);
          if (node.id.type === AST_NODE_TYPES.ObjectPattern && isNamed(node.init, "viewer")) {
            for (const property of node.id.properties) {
              if (
                property.type !== AST_NODE_TYPES.Property ||
                property.computed ||
                property.key.type !== AST_NODE_TYPES.Identifier
              )
                continue;
              if (FACTS.has(property.key.name) && property.value.type === AST_NODE_TYPES.Identifier)
                aliases.add(property.value.name);
            }
          }
        });
        const fact = (node: TSESTree.Node) => {
          const expression = unwrap(node);
          return (
            isViewerFact(expression) ||
            (expression.type === AST_NODE_TYPES.Identifier && aliases.has(expression.name))
          );
        };
        const roleName = (node: TSESTree.Node) => ROLE_NAMES.has(stringValue(node) ?? "");
        const nothing = (node: TSESTree.Node) =>
          (node.type === AST_NODE_TYPES.Literal && node.value === null) ||
          (node.type === AST_NODE_TYPES.Identifier && node.name === "undefined");
        walk(program, keys, (node) => {
          if (node.type === AST_NODE_TYPES.BinaryExpression && COMPARISONS.has(node.operator)) {
            const sides = [node.left, node.right];
            if (!sides.some(nothing) && sides.some((side) => fact(side) || roleName(side)))
              context.report({ node, messageId: "decides" });
          }
          if (
            node.type === AST_NODE_TYPES.CallExpression &&
            ["has", "includes"].includes(propertyName(node.callee) ?? "") &&
            node.arguments.some(fact)
          ) {
            context.report({ node, messageId: "decides" });
          }
          if (node.type === AST_NODE_TYPES.SwitchStatement && fact(node.discriminant))
            context.report({ node, messageId: "decides" });
        });
      },
    };
  },
});
