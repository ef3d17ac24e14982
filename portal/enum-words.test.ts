import { describe, expect, it } from "vitest";
import * as vocabulary from "../domain/vocabulary";
import { enumWords, inWords, type EnumWord } from "./enum-words";

const chinese = (key: EnumWord) => enumWords["zh-CN"][key];

describe("the portal's one table of API values in words", () => {
  it("has words for every value of the vocabulary the pages show", () => {
    const shown = [
      vocabulary.SubjectKind,
      vocabulary.Tier,
      vocabulary.RecordCategory,
      vocabulary.Severity,
      vocabulary.RecordStatus,
      vocabulary.ListType,
      vocabulary.ListStatus,
      vocabulary.Decision,
      vocabulary.Scenario,
      vocabulary.MeasureKind,
    ];
    const missing = shown
      .flatMap((words) => Object.keys(words))
      .filter((value) => !Object.hasOwn(enumWords["zh-CN"], value));
    expect(missing).toEqual([]);
  });

  it("says a value in words, an unknown one (a newer API) as it came, none as a dash — and an inherited name is no value", () => {
    expect(inWords(chinese, "BLACK")).toBe("黑名单");
    expect(inWords(chinese, "NEW_VALUE")).toBe("NEW_VALUE");
    expect(inWords(chinese, null)).toBe("—");
    expect(inWords(chinese, "toString")).toBe("toString");
    expect(inWords(chinese, "__proto__")).toBe("__proto__");
  });
});
