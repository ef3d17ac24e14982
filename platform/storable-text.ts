/**
 * Text PostgreSQL cannot store: U+0000 (refused in `text` and `jsonb`) and lone UTF-16 surrogates (a
 * `\ud800` escape is refused by `jsonb`, and has no UTF-8 form for `text`). One definition for the
 * gateway, which refuses such input, and the audit, which must store whatever a caller sent.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

export function isUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}

/** The text with each unstorable code unit written out as its escape (`\u0000`, `\ud800`), so it can be kept. */
export function storableText(text: string): string {
  return text.replace(UNSTORABLE_ALL, (unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
