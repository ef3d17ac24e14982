import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";

const SKIPPED_FOLDERS = new Set([
  "node_modules",
  "dist",
  ".data",
  ".git",
  "scratch",
  "coverage",
  "test-output",
]);
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/;

/**
 * What a comment must not cite: files a clone does not have (the team's shared notes, the source documents
 * kept beside them), and the history of the work (issue and session numbers). A comment says why, and cites
 * a rule's own source — the regulation and its article — or a file in this repository.
 */
const FORBIDDEN: ReadonlyArray<readonly [RegExp, string]> = [
  [/\.\.\/(\.\.\/)*shared\/|\bshared\/(STYLE|CONTRACT|DOMAIN)\b/, "a path outside the repository"],
  [
    /\b(DOMAIN|CONTRACT|STYLE)(\.md)?\b(?!_)/,
    "the team's notes instead of the rule's source (cite the regulation and article, or docs/)",
  ],
  [
    /\bseeds\/|\bshared seeds?\b|\bseed 0\d\d\b/,
    "a source document outside the repository (cite it by its title)",
  ],
  [/(?<![\w/]|UTS )#\d+\b/, "an issue number"],
  [/\b[Ii]ssues? #?\d+|\b[Ss]essions? \d+/, "an issue or session number"],
];

function sourceFiles(folder = ""): string[] {
  return readdirSync(path.join(PACKAGE_ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(folder, entry.name);
    if (entry.isDirectory()) return SKIPPED_FOLDERS.has(entry.name) ? [] : sourceFiles(relative);
    return SOURCE.test(entry.name) || entry.name.endsWith(".sh") ? [relative] : [];
  });
}

/** Every comment of a file with its line: TypeScript's own parser finds them (no regex can tell a comment from a string). */
function commentsOf(file: string, text: string): Array<{ line: number; text: string }> {
  if (file.endsWith(".sh")) {
    return text
      .split("\n")
      .flatMap((line, index) => (/^\s*#(?!!)/.test(line) ? [{ line: index + 1, text: line }] : []));
  }
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const seen = new Map<number, string>();
  const collect = (ranges: ts.CommentRange[] | undefined) => {
    for (const range of ranges ?? []) seen.set(range.pos, text.slice(range.pos, range.end));
  };
  // A comment lies before some node or after one (before a closing token, or at the end of the file).
  const visit = (node: ts.Node) => {
    collect(ts.getLeadingCommentRanges(text, node.pos));
    collect(ts.getLeadingCommentRanges(text, node.end));
    collect(ts.getTrailingCommentRanges(text, node.end));
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...seen].flatMap(([position, comment]) =>
    comment.split("\n").map((line, offset) => ({
      line: source.getLineAndCharacterOfPosition(position).line + 1 + offset,
      text: line,
    })),
  );
}

describe("code comments", () => {
  it("say why and cite the rule's source, never notes outside the repository or the work's history", () => {
    const found: string[] = [];
    for (const file of sourceFiles()) {
      for (const comment of commentsOf(file, readFileSync(path.join(PACKAGE_ROOT, file), "utf8"))) {
        for (const [pattern, what] of FORBIDDEN) {
          if (pattern.test(comment.text))
            found.push(`${file}:${comment.line}: ${what}: ${comment.text.trim()}`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
