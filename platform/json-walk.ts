/**
 * How deep a client's JSON (GraphQL variables) may nest: far more than any input type of the schema
 * needs, far less than what would exhaust the stack of any recursive code it may later reach
 * (graphql-js coercion, JSON.stringify in signatures and the audit, PostgreSQL's jsonb).
 */
export const MAX_JSON_DEPTH = 64;

/** One value inside a JSON tree: its key in its parent (null for array items and the root) and its depth (root = 0). */
export type JsonNode = Readonly<{ key: string | null; value: unknown; depth: number }>;

/**
 * Every value of a parsed JSON tree, each parent before its children, with an explicit stack instead of
 * recursion: client JSON may nest as deep as the body limit allows (a 1 MB body is 500,000 levels),
 * which no recursive walk survives. The caller stops early by leaving the loop.
 */
export function* walkJson(root: unknown): Generator<JsonNode> {
  const pending: JsonNode[] = [{ key: null, value: root, depth: 0 }];
  for (let node = pending.pop(); node; node = pending.pop()) {
    yield node;
    const { value, depth } = node;
    if (Array.isArray(value)) {
      for (const item of value) pending.push({ key: null, value: item, depth: depth + 1 });
    } else if (value !== null && typeof value === "object") {
      for (const [key, child] of Object.entries(value)) pending.push({ key, value: child, depth: depth + 1 });
    }
  }
}

/** Whether `value` nests deeper than `maxDepth` levels (a scalar is level 0); stops at the first node too deep. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  for (const node of walkJson(value)) if (node.depth > maxDepth) return true;
  return false;
}
