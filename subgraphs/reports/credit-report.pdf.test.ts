import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { subsettingFontkit } from "./credit-report.pdf";

const FONT_FILE = createRequire(import.meta.url).resolve(
  "@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf",
);
const TEXT = "信用报告验证码有效期至2026-11-18黑名单认定单位";

type Glyph = { id: number; path: { commands: unknown[] } };
type Font = {
  glyphForCodePoint(codePoint: number): Glyph;
  getGlyph(id: number): Glyph;
  createSubset(): { includeGlyph(glyph: Glyph): number; encodeStream(): NodeJS.ReadableStream };
};

describe("the embedded font subset", () => {
  it("keeps every glyph's outline, odd-length glyphs included", async () => {
    const font = subsettingFontkit.create(await readFile(FONT_FILE)) as unknown as Font;
    const subset = font.createSubset();
    const included = [...new Set(TEXT)].map((char) => {
      const glyph = font.glyphForCodePoint(char.codePointAt(0)!);
      return { char, subsetId: subset.includeGlyph(glyph), commands: glyph.path.commands.length };
    });
    const chunks: Buffer[] = [];
    await new Promise<void>((resolve, reject) => {
      subset
        .encodeStream()
        .on("data", (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)))
        .on("end", resolve)
        .on("error", reject);
    });
    const reparsed = subsettingFontkit.create(Buffer.concat(chunks)) as unknown as Font;
    for (const { char, subsetId, commands } of included)
      expect(reparsed.getGlyph(subsetId).path.commands.length, char).toBe(commands);
  });
});
