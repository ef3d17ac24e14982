import { describe, expect, it } from "vitest";
import { checkQueryLimits, DEFAULT_QUERY_LIMITS } from "./query-limits";

function nestedArrays(depth: number): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe("checkQueryLimits on hostile nesting (no recursion over what the client sent)", () => {
  it("refuses variables 100,000 levels deep naming maxVariableDepth, and accepts 64", () => {
    expect(checkQueryLimits("{ measures { code } }", { f: nestedArrays(100_000) }).breach).toMatchObject({ limit: "maxVariableDepth", max: 64 });
    expect(checkQueryLimits("{ measures { code } }", { f: nestedArrays(DEFAULT_QUERY_LIMITS.maxVariableDepth - 1) }).breach).toBeNull();
  });

  it("refuses a document nesting brackets 100,000 deep naming maxNesting, before the recursive parser sees it", () => {
    const deep = `{ measures(x: ${"[".repeat(100_000)}${"]".repeat(100_000)}) { code } }`;
    expect(checkQueryLimits(deep, undefined, { ...DEFAULT_QUERY_LIMITS, maxTokens: 1_000_000 }).breach).toMatchObject({ limit: "maxNesting", max: 128 });
    expect(checkQueryLimits(`{ measures(x: ${"[".repeat(100)}${"]".repeat(100)}) { code } }`, undefined).breach).toBeNull();
  });

  it("leaves a document that does not lex to the parser's own error", () => {
    expect(checkQueryLimits(`{ measures(x: "unterminated) { code } }`, undefined).breach).toBeNull();
  });
});
