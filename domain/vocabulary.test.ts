import { readFileSync } from "node:fs";
import path from "node:path";
import { buildASTSchema, GraphQLEnumType, parse } from "graphql";
import { describe, expect, it } from "vitest";
import * as vocabulary from "./vocabulary";

// The composed API (npm run compose writes it from the subgraphs' own schemas).
const supergraph = buildASTSchema(
  parse(readFileSync(path.join(import.meta.dirname, "..", "supergraph.graphql"), "utf8")),
  { assumeValidSDL: true },
);

describe("each word list has one home, and the API speaks it", () => {
  it.each(Object.entries(vocabulary))(
    "%s: the GraphQL enum of that name has exactly these values",
    (name, words) => {
      const type = supergraph.getType(name);
      expect(type).toBeInstanceOf(GraphQLEnumType);
      const values = (type as GraphQLEnumType)
        .getValues()
        .map((value) => value.name)
        .filter((value) => !value.startsWith("@"));
      expect(values).toEqual(Object.keys(words));
    },
  );

  it("maps each value to itself and cannot be changed at run time", () => {
    expect(vocabulary.Scenario.HONORS).toBe("HONORS");
    expect(Object.isFrozen(vocabulary.Tier)).toBe(true);
    expect(Object.hasOwn(vocabulary.Scenario, "toString")).toBe(false);
  });
});
