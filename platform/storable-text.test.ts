import { describe, expect, it } from "vitest";
import { isUnstorableText, storableText } from "./storable-text";

describe("text PostgreSQL cannot store", () => {
  it("is NUL or a lone surrogate, never a well-formed pair", () => {
    for (const bad of ["a\u0000b", "\uD800", "x\uD83Dy", "\uDE00", "end\uDBFF"])
      expect(isUnstorableText(bad), JSON.stringify(bad)).toBe(true);
    for (const good of ["", "信用", "😀", "a\uD83D\uDE00b", "\\u0000 as text"])
      expect(isUnstorableText(good), JSON.stringify(good)).toBe(false);
  });

  it("is kept as its escape, and the result is storable", () => {
    expect(storableText("a\u0000b\uD800c😀")).toBe("a\\u0000b\\ud800c😀");
    expect(isUnstorableText(storableText("\uDE00\uD800\u0000"))).toBe(false);
  });
});
