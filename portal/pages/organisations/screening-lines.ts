import { identifierProblem } from "./identifier-check";

/**
 * The clerk's list, read line by line before anything is screened. A line that is not one readable
 * identifier is reported with its line number and reason and is never sent: an unreadable line must not
 * come back as PASS, and the clerk must see which line to fix.
 *
 * The format needs no CSV library: an identifier is 18 ASCII letters and digits, so a line is split on the
 * first separator (comma, semicolon or tab) and surrounding quotes are dropped; anything cleverer (a
 * quoted cell spanning lines, an embedded comma) is not an identifier and is reported as such.
 */
export type LineProblem =
  | "EMPTY"
  | "INVISIBLE_CHARACTER"
  | "TOO_LONG"
  | "TOO_SHORT"
  | "NOT_AN_IDENTIFIER"
  | "DUPLICATE";

export type CheckedLine =
  | Readonly<{ line: number; valid: true; identifier: string }>
  | Readonly<{ line: number; valid: false; text: string; problem: LineProblem; detail: string }>;

const IDENTIFIER_LENGTH = 18;
/** Unicode "format" characters (zero-width space and joiners, BOM, soft hyphen, bidi marks) and controls. */
const INVISIBLE = /[\p{Cf}\p{Cc}]/u;
const HEADER = /^[^0-9]*$/;

/** Checks every line of `text`; a first line without a digit is a header and is skipped. */
export function checkLines(text: string): { lines: CheckedLine[]; header: string | null } {
  const raw = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  if (raw.length > 1 && raw[raw.length - 1] === "") raw.pop();
  const firstSeen = new Map<string, number>();
  const lines: CheckedLine[] = [];
  let header: string | null = null;
  raw.forEach((content, index) => {
    const line = index + 1;
    const cell = firstCell(content);
    if (index === 0 && cell.trim() !== "" && HEADER.test(cell)) {
      header = cell.trim();
      return;
    }
    const problem = problemOf(cell);
    if (problem) {
      lines.push({ line, valid: false, text: visible(content), ...problem });
      return;
    }
    const identifier = cell.trim().toUpperCase();
    const earlier = firstSeen.get(identifier);
    if (earlier !== undefined) {
      lines.push({
        line,
        valid: false,
        text: visible(content),
        problem: "DUPLICATE",
        detail: String(earlier),
      });
      return;
    }
    firstSeen.set(identifier, line);
    lines.push({ line, valid: true, identifier });
  });
  return { lines, header };
}

function firstCell(content: string): string {
  const cell = content.split(/[,;\t]/, 1)[0] ?? "";
  const trimmed = cell.trim();
  return trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"')
    ? trimmed.slice(1, -1)
    : cell;
}

function problemOf(cell: string): { problem: LineProblem; detail: string } | null {
  const invisible = INVISIBLE.exec(cell);
  if (invisible) {
    const code = invisible[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    return { problem: "INVISIBLE_CHARACTER", detail: `U+${code}` };
  }
  const trimmed = cell.trim();
  if (trimmed === "") return { problem: "EMPTY", detail: "" };
  if (trimmed.length > IDENTIFIER_LENGTH) return { problem: "TOO_LONG", detail: String(trimmed.length) };
  if (trimmed.length < IDENTIFIER_LENGTH) return { problem: "TOO_SHORT", detail: String(trimmed.length) };
  const problem = identifierProblem(trimmed.toUpperCase());
  return problem === null ? null : { problem: "NOT_AN_IDENTIFIER", detail: problem };
}

/** The line as the clerk should see it: invisible characters spelt out, at most 60 characters. */
export function visible(content: string): string {
  const spelt = content.replace(
    /[\p{Cf}\p{Cc}]/gu,
    (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}>`,
  );
  return spelt.length > 60 ? `${spelt.slice(0, 60)}…` : spelt;
}
