import { AST_NODE_TYPES, type TSESLint, type TSESTree } from "@typescript-eslint/utils";

/** Every node under `node` (itself included), in source order. */
export function walk(
  node: TSESTree.Node,
  keys: TSESLint.SourceCode.VisitorKeys,
  visit: (node: TSESTree.Node) => void,
): void {
  visit(node);
  for (const key of keys[node.type] ?? []) {
    const child = (node as unknown as Record<string, unknown>)[key];
    for (const item of Array.isArray(child) ? child : [child]) {
      if (item && typeof item === "object" && "type" in item) walk(item as TSESTree.Node, keys, visit);
    }
  }
}

/** Whether some node under `node` passes `test`. */
export function contains(
  node: TSESTree.Node,
  keys: TSESLint.SourceCode.VisitorKeys,
  test: (node: TSESTree.Node) => boolean,
): boolean {
  let found = false;
  walk(node, keys, (inner) => (found ||= test(inner)));
  return found;
}

/** `a?.b` (a chain), `a!` and `a as T` read as `a.b` and `a`: none of them hides what is read. */
export function unwrap(node: TSESTree.Node): TSESTree.Node {
  if (node.type === AST_NODE_TYPES.ChainExpression) return unwrap(node.expression);
  if (node.type === AST_NODE_TYPES.TSNonNullExpression || node.type === AST_NODE_TYPES.TSAsExpression)
    return unwrap(node.expression);
  return node;
}

/** The name of a non-computed member access (`a.name`, `a?.name`), or undefined. */
export function propertyName(node: TSESTree.Node): string | undefined {
  const member = unwrap(node);
  if (
    member.type !== AST_NODE_TYPES.MemberExpression ||
    member.computed ||
    member.property.type !== AST_NODE_TYPES.Identifier
  )
    return undefined;
  return member.property.name;
}

/** `name` itself or `….name`: `viewer` and `context.viewer`, `ability` and `scope.ability`. */
export function isNamed(node: TSESTree.Node, name: string): boolean {
  const expression = unwrap(node);
  return (
    (expression.type === AST_NODE_TYPES.Identifier && expression.name === name) ||
    propertyName(expression) === name
  );
}

/** The object of a member access, through chains and casts. */
export function ownerOf(node: TSESTree.Node): TSESTree.Node | undefined {
  const member = unwrap(node);
  return member.type === AST_NODE_TYPES.MemberExpression ? member.object : undefined;
}

/** The text of a string literal or of a template with no substitutions. */
export function stringValue(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal && typeof node.value === "string") return node.value;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0)
    return node.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}
