import { describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, nestsDeeperThan, walkJson } from "./json-walk";

/** Built in a loop, as JSON.parse builds them: a recursive builder would overflow first. */
function nested(depth: number, wrap: (inner: unknown) => unknown, leaf: unknown = "leaf"): unknown {
  let value = leaf;
  for (let level = 0; level < depth; level++) value = wrap(value);
  return value;
}

describe("walkJson", () => {
  it("visits every value and key of 100,000 nested arrays and objects without overflowing the stack", () => {
    const arrays = [...walkJson(nested(100_000, (inner) => [inner]))];
    expect(arrays).toHaveLength(100_001);
    expect(arrays.at(-1)).toEqual({ key: null, value: "leaf", depth: 100_000 });
    const objects = [...walkJson(nested(100_000, (inner) => ({ "\u0000": inner })))];
    expect(objects.filter((node) => node.key === "\u0000")).toHaveLength(100_000);
  });

  it("visits wide trees too, each parent before its children", () => {
    const nodes = [...walkJson({ a: [1, 2, { b: null }], c: "x" })];
    expect(nodes.map((node) => [node.key, node.depth])).toEqual(
      expect.arrayContaining([
        [null, 0],
        ["a", 1],
        [null, 2],
        ["b", 3],
        ["c", 1],
      ]),
    );
    expect(nodes).toHaveLength(7);
    expect(nodes[0]!.depth).toBe(0);
  });
});

describe("nestsDeeperThan", () => {
  it("counts levels from the root (a scalar is 0) and answers for 100,000 levels", () => {
    expect(nestsDeeperThan("x", 0)).toBe(false);
    expect(
      nestsDeeperThan(
        nested(MAX_JSON_DEPTH, (inner) => ({ a: inner })),
        MAX_JSON_DEPTH,
      ),
    ).toBe(false);
    expect(
      nestsDeeperThan(
        nested(MAX_JSON_DEPTH + 1, (inner) => ({ a: inner })),
        MAX_JSON_DEPTH,
      ),
    ).toBe(true);
    expect(
      nestsDeeperThan(
        nested(100_000, (inner) => [inner]),
        MAX_JSON_DEPTH,
      ),
    ).toBe(true);
    expect(nestsDeeperThan(undefined, MAX_JSON_DEPTH)).toBe(false);
  });
});
