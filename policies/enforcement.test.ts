import { readFile } from "node:fs/promises";
import { Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { SUPERGRAPH_FILE } from "../platform/supergraph-config";
import { detectProhibitedData } from "../domain/prohibited-data";

describe("prohibited data has no place in the schema (PCIM art. 14)", () => {
  it("no field or argument of any type in the composed supergraph is named for prohibited data", async () => {
    const document = parse(await readFile(SUPERGRAPH_FILE, "utf8"));
    const names: string[] = [];
    for (const definition of document.definitions) {
      if (
        (definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
          definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
          definition.kind === Kind.INTERFACE_TYPE_DEFINITION) &&
        definition.fields
      ) {
        for (const field of definition.fields) {
          names.push(`${definition.name.value}.${field.name.value}`);
          if ("arguments" in field)
            for (const argument of field.arguments ?? [])
              names.push(`${definition.name.value}.${field.name.value}(${argument.name.value})`);
        }
      }
    }
    expect(names.length).toBeGreaterThan(100);
    const offending = names.filter(
      (name) => detectProhibitedData(name.split(".")[1]!.replace(/[()]/g, " ")) !== null,
    );
    expect(offending).toEqual([]);
  });
});
