import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { argumentCostsOf, checkQueryLimits, DEFAULT_QUERY_LIMITS, NO_ARGUMENT_COSTS } from "./query-limits";

function nestedArrays(depth: number): unknown {
  let value: unknown = "x";
  for (let level = 0; level < depth; level++) value = [value];
  return value;
}

describe("checkQueryLimits on hostile nesting (no recursion over what the client sent)", () => {
  it("refuses variables 100,000 levels deep naming maxVariableDepth, and accepts 64", () => {
    expect(checkQueryLimits("{ measures { code } }", { f: nestedArrays(100_000) }).breach).toMatchObject({
      limit: "maxVariableDepth",
      max: 64,
    });
    expect(
      checkQueryLimits("{ measures { code } }", {
        f: nestedArrays(DEFAULT_QUERY_LIMITS.maxVariableDepth - 1),
      }).breach,
    ).toBeNull();
  });

  it("refuses a document nesting brackets 100,000 deep naming maxNesting, before the recursive parser sees it", () => {
    const deep = `{ measures(x: ${"[".repeat(100_000)}${"]".repeat(100_000)}) { code } }`;
    expect(
      checkQueryLimits(deep, undefined, { ...DEFAULT_QUERY_LIMITS, maxTokens: 1_000_000 }).breach,
    ).toMatchObject({ limit: "maxNesting", max: 128 });
    expect(
      checkQueryLimits(`{ measures(x: ${"[".repeat(100)}${"]".repeat(100)}) { code } }`, undefined).breach,
    ).toBeNull();
  });

  it("leaves a document that does not lex to the parser's own error", () => {
    expect(checkQueryLimits(`{ measures(x: "unterminated) { code } }`, undefined).breach).toBeNull();
  });
});

describe("checkQueryLimits costs arguments by the schema's @cost, knowing no field by name", () => {
  const supergraph = argumentCostsOf(readFileSync(SUPERGRAPH_FILE, "utf8"));
  const screen = (count: number) =>
    `{ screen(identifiers: [${Array.from({ length: count }, (_, index) => `"${index}"`).join(",")}], scenario: FISCAL_FUNDS) { decision } }`;

  it("reads the measures slice's @cost on screen(identifiers:) from the supergraph: one unit per identifier, at most 1,000 per field", () => {
    expect(supergraph.arguments.get("Query.screen")).toEqual([{ argument: "identifiers", weight: 1 }]);
    expect(checkQueryLimits(screen(1_000), undefined, DEFAULT_QUERY_LIMITS, supergraph)).toEqual({
      breach: null,
      cost: 1_001,
    });
    expect(checkQueryLimits(screen(1_001), undefined, DEFAULT_QUERY_LIMITS, supergraph).breach).toEqual({
      limit: "maxFieldCost",
      max: 1_000,
      message: "screen takes at most 1000 identifiers per call; split the batch",
    });
    const bound = `query ($ids: [String!]!) { a: screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } b: screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } }`;
    expect(
      checkQueryLimits(bound, { ids: Array.from({ length: 600 }, String) }, DEFAULT_QUERY_LIMITS, supergraph),
    ).toEqual({ breach: null, cost: 2 + 2 + 1_200 });
  });

  it("counts a list the operation gives as a variable's default value, when the variable is not sent", () => {
    const withDefault = (count: number) =>
      `query ($ids: [String!]! = [${Array.from({ length: count }, (_, index) => `"${index}"`).join(",")}]) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } }`;
    expect(checkQueryLimits(withDefault(1_000), undefined, DEFAULT_QUERY_LIMITS, supergraph)).toEqual({
      breach: null,
      cost: 1_001,
    });
    expect(checkQueryLimits(withDefault(1_001), {}, DEFAULT_QUERY_LIMITS, supergraph).breach).toMatchObject({
      limit: "maxFieldCost",
    });
    expect(
      checkQueryLimits(withDefault(1_001), { ids: ["a", "b"] }, DEFAULT_QUERY_LIMITS, supergraph),
    ).toEqual({ breach: null, cost: 3 });
  });

  it("charges nothing for an argument the schema does not cost", () => {
    expect(checkQueryLimits(screen(2_000), undefined, DEFAULT_QUERY_LIMITS, NO_ARGUMENT_COSTS)).toEqual({
      breach: null,
      cost: 1,
    });
  });

  it("follows fields, inline fragments and named fragments to a costed argument below the root, with weights", () => {
    const costs = argumentCostsOf(`
      schema { query: Root }
      type Root { org(id: ID!): Org }
      interface Named { name: String }
      type Org implements Named { name: String check(ids: [ID!]! @cost(weight: 3), note: String @cost(weight: 2), plain: [ID!]): [Int] }
    `);
    const query = `{ org(id: "1") { ... on Org { check(ids: ["a", "b"], note: "n", plain: ["x", "y", "z"]) } ...More } } fragment More on Org { again: check(ids: $ids) }`;
    expect(checkQueryLimits(query, { ids: ["c", "d", "e"] }, DEFAULT_QUERY_LIMITS, costs)).toEqual({
      breach: null,
      cost: 1 + 1 + 3 * 2 + 2 + 3 * 3,
    });
    expect(
      checkQueryLimits(query, { ids: Array.from({ length: 334 }, String) }, DEFAULT_QUERY_LIMITS, costs)
        .breach,
    ).toEqual({
      limit: "maxFieldCost",
      max: 1_000,
      message: "check takes at most 333 ids per call; split the batch",
    });
    expect(
      checkQueryLimits(
        `{ org(id: "1") { check(ids: $ids, note: "n") } }`,
        { ids: Array.from({ length: 333 }, String) },
        DEFAULT_QUERY_LIMITS,
        costs,
      ).breach,
    ).toEqual({
      limit: "maxFieldCost",
      max: 1_000,
      message: "check asks for 1001 units of work, more than 1000 per call; split the batch",
    });
  });
});
