import { readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import { Converter } from "opencc-js/t2cn";
import CONFUSABLES from "unhomoglyph/data.json" with { type: "json" };
import { parse } from "yaml";
import type { InputProblem } from "./input-problem";

/**
 * Prohibited data (PCIM art. 14, JRP art. 15(2), 征信业管理条例 art. 14): religious belief, genes, blood
 * type, disease and medical history, fingerprints. One detector for every write path (keys, values, free
 * text) and for every string served to anyone but the subject. The vocabulary is `data/prohibited-terms.yaml`:
 * law, not configuration, so it is read once when this module loads, like a compiled-in table.
 */

export type ProhibitedCategory = Readonly<{ name: string; label: string; law: string }>;
/** Where prohibited data was found, and of which kind: never the text itself. */
export type ProhibitedFinding = Readonly<{ path: string; category: ProhibitedCategory }>;

type Vocabulary = {
  categories: Record<string, { label: string; law: string; terms: string[] }>;
  allowed: Array<{ phrase: string }>;
};

const VOCABULARY = parse(readFileSync(new URL("../data/prohibited-terms.yaml", import.meta.url), "utf8")) as Vocabulary;

/** Latin terms at least this long match anywhere in a text's letters; shorter ones only as whole words. */
const ANYWHERE_FROM = 8;
const DECODING_ROUNDS = 3;
const HAN = /\p{Script=Han}/u;
const CAMEL_BOUNDARY = /([a-z])([A-Z])|([A-Z])([A-Z][a-z])/g;
const INVISIBLE_OR_COMBINING = /[\p{Mn}\p{Me}\p{Cf}]/gu;
/** Spaces, symbols and Latin between Chinese characters are dropped; sentence punctuation ends a run. */
const NOT_HAN_RUN = /[^\p{Script=Han}.,;:!?()[\]。、《》「」『』“”]/gu;
const LATIN_WORD = /[a-z]+/g;
const URL_ESCAPES = /(?:%[0-9a-f]{2})+/gi;
/** Nothing to decode, fold or strip: printable ASCII without escapes. */
const PLAIN_ASCII = /^[\x20-\x24\x27-\x7e]*$/;

/**
 * Traditional → simplified for the characters the vocabulary is written in (OpenCC's Taiwan and Hong Kong
 * tables): no other character can complete a term, so the per-string cost is one map lookup per character.
 */
function buildSimplifiedTable(relevant: ReadonlySet<string>): Map<string, string> {
  const ranges: Array<[number, number]> = [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
  ];
  const characters: string[] = [];
  for (const [from, to] of ranges) for (let code = from; code <= to; code++) characters.push(String.fromCodePoint(code));
  const table = new Map<string, string>();
  for (const from of ["tw", "hk"] as const) {
    const simplified = Converter({ from, to: "cn" })(characters.join("\n")).split("\n");
    simplified.forEach((target, index) => {
      if (target !== characters[index] && relevant.has(target)) table.set(characters[index]!, target);
    });
  }
  return table;
}

/** UTS #39 confusables (unhomoglyph's copy of confusables.txt) that fold a non-ASCII character into ASCII. */
const LOOK_ALIKES = new Map(
  Object.entries(CONFUSABLES as Record<string, string>)
    .filter(([from, to]) => from.codePointAt(0)! > 0x7f && /^[\x20-\x7e]+$/.test(to)),
);

const ALL_PHRASES = [...Object.values(VOCABULARY.categories).flatMap((category) => category.terms), ...VOCABULARY.allowed.map((entry) => entry.phrase)];
const SIMPLIFIED = buildSimplifiedTable(new Set(ALL_PHRASES.flatMap((phrase) => [...phrase].filter((character) => HAN.test(character)))));

function decode(text: string): string {
  let current = text;
  for (let round = 0; round < DECODING_ROUNDS; round++) {
    let next = current.includes("%")
      ? current.replace(URL_ESCAPES, (run) => {
          try {
            return decodeURIComponent(run);
          } catch {
            return run;
          }
        })
      : current;
    if (next.includes("&")) next = decodeHTML(next);
    if (next === current) break;
    current = next;
  }
  return current;
}

/**
 * The form terms are matched in: decoded (percent, HTML entities), NFKD without invisible (Cf) or combining
 * (Mn, Me) characters then NFKC, traditional characters simplified, look-alikes folded to ASCII, words split
 * at case changes (`bloodType`), lower case.
 */
export function normalizeForMatching(text: string): string {
  let folded = text;
  if (!PLAIN_ASCII.test(text)) {
    const bare = decode(text).normalize("NFKD").replace(INVISIBLE_OR_COMBINING, "").normalize("NFKC");
    folded = "";
    for (const character of bare) {
      const code = character.charCodeAt(0);
      if (code < 0x80) folded += character;
      else if (code >= 0x3400 && code <= 0x9fff) folded += SIMPLIFIED.get(character) ?? character;
      else folded += foldLookAlike(character);
    }
  }
  return folded.replace(CAMEL_BOUNDARY, "$1$3 $2$4").toLowerCase();
}

/**
 * A look-alike folded into the ASCII it imitates, keeping its case. UTS #39 folds capital-I look-alikes
 * (Greek Ι, Cyrillic І) into "l", the letter they are confused with in lower case; case is folded here
 * too, so they become "I".
 */
function foldLookAlike(character: string): string {
  const folded = LOOK_ALIKES.get(character) ?? LOOK_ALIKES.get(character.toLowerCase());
  if (folded === undefined) return character;
  return folded === "l" && character !== character.toLowerCase() ? "I" : folded;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const hanRunOf = (normalized: string) => normalized.replace(NOT_HAN_RUN, "");
const lettersOf = (normalized: string) => normalized.match(LATIN_WORD) ?? [];

const CATEGORY_OF_HAN = new Map<string, ProhibitedCategory>();
const CATEGORY_OF_LETTERS = new Map<string, ProhibitedCategory>();
const CATEGORY_OF_WORD = new Map<string, ProhibitedCategory>();
/** Latin terms as the API would name a field (`blood type` → `bloodType`): denied to every role by CASL. */
export const PROHIBITED_FIELD_NAMES: string[] = [];
for (const [name, { label, law, terms }] of Object.entries(VOCABULARY.categories)) {
  const category = Object.freeze({ name, label, law });
  for (const term of terms) {
    const normalized = normalizeForMatching(term);
    if (HAN.test(term)) {
      CATEGORY_OF_HAN.set(hanRunOf(normalized), category);
      continue;
    }
    const letters = lettersOf(normalized).join("");
    (letters.length >= ANYWHERE_FROM ? CATEGORY_OF_LETTERS : CATEGORY_OF_WORD).set(letters, category);
    PROHIBITED_FIELD_NAMES.push(term.replace(/ (\w)/g, (_, first: string) => first.toUpperCase()));
  }
}
const alternation = (phrases: Iterable<string>) => new RegExp([...phrases].sort((a, b) => b.length - a.length).map(escapeRegExp).join("|"), "u");
const HAN_TERMS = alternation(CATEGORY_OF_HAN.keys());
const LETTER_TERMS = alternation(CATEGORY_OF_LETTERS.keys());
const ALLOWED = new RegExp(alternation(VOCABULARY.allowed.map((entry) => hanRunOf(normalizeForMatching(entry.phrase)))).source, "gu");
const LONGEST_WORD_TERM = Math.max(...[...CATEGORY_OF_WORD.keys()].map((term) => term.length));

/** The category of prohibited data a text (a value or a key) carries, or null. Never throws. */
export function detectProhibitedData(text: string): ProhibitedCategory | null {
  const normalized = normalizeForMatching(text);
  const hanRun = hanRunOf(normalized);
  if (hanRun.length > 1) {
    const found = HAN_TERMS.exec(hanRun.replace(ALLOWED, "。"));
    if (found) return CATEGORY_OF_HAN.get(found[0])!;
  }
  const words = lettersOf(normalized);
  if (words.length === 0) return null;
  const anywhere = LETTER_TERMS.exec(words.join(""));
  if (anywhere) return CATEGORY_OF_LETTERS.get(anywhere[0])!;
  for (let start = 0; start < words.length; start++) {
    let run = "";
    for (let end = start; end < words.length && run.length < LONGEST_WORD_TERM; end++) {
      run += words[end];
      const category = CATEGORY_OF_WORD.get(run);
      if (category) return category;
    }
  }
  return null;
}

/**
 * Every prohibited key or string in a JSON value, nested and in arrays. A string is found at its own path
 * (`records[0].attributes.notes[2]`); a key that is itself prohibited is named by its position
 * (`attributes.person.<key 1>`), so that no finding repeats the data.
 */
export function findProhibitedData(value: unknown, path: string): ProhibitedFinding[] {
  if (typeof value === "string") {
    const category = detectProhibitedData(value);
    return category ? [{ path, category }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findProhibitedData(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child], index) => {
    const category = detectProhibitedData(key);
    if (category) return [{ path: `${path}.<key ${index}>`, category }, ...findProhibitedData(child, `${path}.<key ${index}>`)];
    return findProhibitedData(child, `${path}.${key}`);
  });
}

/** A finding as a refusal: the field path and the category, never the text. */
export function toInputProblem(finding: ProhibitedFinding): InputProblem {
  return { field: finding.path, reason: `prohibited data (${finding.category.label}; ${finding.category.law}) may not be collected; remove it`, code: "PROHIBITED_DATA" };
}

/** A registered name (`name`, `subjectName`, …): public registry data, not scanned (docs/data.md). */
export function isRegisteredNameField(field: string): boolean {
  return field === "name" || field.endsWith("Name");
}

/** What a withheld string reads as. */
export const WITHHELD = "[withheld: prohibited data]";

function withholdJson(value: unknown, path: string, onFinding: (finding: ProhibitedFinding) => void): unknown {
  if (typeof value === "string") {
    const category = detectProhibitedData(value);
    if (!category) return value;
    onFinding({ path, category });
    return WITHHELD;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => withholdJson(item, `${path}[${index}]`, onFinding));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype) return value;
  let changed = false;
  const kept: Record<string, unknown> = {};
  Object.entries(value).forEach(([key, child], index) => {
    const category = detectProhibitedData(key);
    if (category) {
      onFinding({ path: `${path}.<key ${index}>`, category });
      changed = true;
      return;
    }
    kept[key] = withholdJson(child, `${path}.${key}`, onFinding);
    changed ||= kept[key] !== child;
  });
  return changed ? kept : value;
}

/**
 * Defence in depth on the way out: the strings of an API object (and the JSON inside it) that carry
 * prohibited data read as {@link WITHHELD}, a prohibited JSON key is dropped, and each is reported to
 * `onFinding`. Registered names are left alone. Returns the object itself when nothing matched, else a copy.
 */
export function withholdProhibitedData<T extends object>(value: T, onFinding: (finding: ProhibitedFinding) => void): T {
  let copy: T | null = null;
  for (const [field, child] of Object.entries(value)) {
    if (isRegisteredNameField(field) || (typeof child !== "string" && (typeof child !== "object" || child === null))) continue;
    const kept = withholdJson(child, field, onFinding);
    if (kept === child) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value);
    (copy as Record<string, unknown>)[field] = kept;
  }
  return copy ?? value;
}
