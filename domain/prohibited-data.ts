import { readFileSync } from "node:fs";
import { decodeHTML } from "entities";
import { Converter } from "opencc-js/t2cn";
import { pinyin } from "pinyin-pro";
import CONFUSABLES from "unhomoglyph/data.json" with { type: "json" };
import { parse } from "yaml";
import type { InputProblem } from "./input-problem";
import type { SubjectKind } from "./vocabulary";

/**
 * Prohibited data (PCIM art. 14, JRP art. 15(2), 征信业管理条例 art. 14): religious belief, genes, blood
 * type, disease and medical history, fingerprints and other biometrics of a natural person. One detector for
 * every write path (keys, values, free text, a person's name) and for every string served to anyone but the
 * subject, scoped by the law to natural persons ({@link findProhibitedDataAbout}). The vocabulary is
 * `data/prohibited-terms.yaml`: law, not configuration, so it is read and compiled once when this module
 * loads, like a compiled-in table.
 */

export type ProhibitedCategory = Readonly<{ name: string; label: string; law: string }>;
/** Where prohibited data was found, and of which kind: never the text itself. */
export type ProhibitedFinding = Readonly<{ path: string; category: ProhibitedCategory }>;
/**
 * One hit in a text, for a reviewer: the term as the vocabulary writes it (normalised: `糖尿病`, `hiv`) and
 * the span `[start, end)` of the text as given (UTF-16 offsets) that reads as it. A text that had to be
 * decoded first (percent or HTML escapes) has the whole text as its span.
 */
export type ProhibitedHit = Readonly<{
  category: ProhibitedCategory;
  term: string;
  start: number;
  end: number;
}>;
/** A {@link ProhibitedHit} at a path of a JSON value; a hit in a key is at `….<key n>` and spans the key. */
export type LocatedProhibitedHit = ProhibitedHit & Readonly<{ path: string }>;

type CategoryEntry = {
  label: string;
  law: string;
  source: string;
  han?: string[];
  mixed?: string[];
  latin?: string[];
};
type Vocabulary = {
  categories: Record<string, CategoryEntry>;
  "false-friends": { han: string[]; latin: string[] };
  "glue-words": string[];
  "name-exceptions": string[];
  "pinyin-exceptions": string[];
  "person-fields": string[];
  "person-words-in-names": string[];
};

const VOCABULARY = parse(
  readFileSync(new URL("../data/prohibited-terms.yaml", import.meta.url), "utf8"),
) as Vocabulary;

/** Latin terms at least this long match anywhere in a text's letters; shorter ones only as words. */
const ANYWHERE_FROM = 8;
const DECODING_ROUNDS = 3;
const HAN_CHARACTER = /^\p{Script=Han}+$/u;
const HAN_IN_SOURCE = /\p{Script=Han}/gu;
const INVISIBLE_OR_COMBINING = /[\p{Mn}\p{Me}\p{Cf}]/gu;
const SENTENCE_BREAKS = new Set([..."。，、；：！？.,;:!?()[]《》「」『』“”【】〈〉"]);
const URL_ESCAPES = /(?:%[0-9a-f]{2})+/gi;
/** Nothing to decode, fold or strip: printable ASCII without escapes. */
const PLAIN_ASCII = /^[\x20-\x24\x27-\x7e]*$/;

const isHanCode = (code: number) => (code >= 0x3400 && code <= 0x9fff) || code === 0x3007;
const isLowerLatinOrDigit = (code: number) =>
  (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39);

/**
 * Letters no Unicode normalisation folds, as attackers used them: small capitals (ʀᴇʟɪɢɪᴏɴ), negative circled
 * and negative squared letters (🅷🅸🆅), regional indicators (🇭🇮🇻). Hand-listed: confusables.txt leaves most of
 * them out and no maintained package maps them; the ranges are fixed by the Unicode standard.
 */
function buildLetterTable(): Map<string, string> {
  const table = new Map<string, string>();
  const smallCapitals = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ";
  [..."abcdefghijklmnopqrstuvwyz"].forEach((letter, index) => table.set([...smallCapitals][index]!, letter));
  table.set("ꭓ", "x");
  table.set("ɪ", "i");
  const alphabet = "abcdefghijklmnopqrstuvwxyz";
  for (const first of [0x1f150, 0x1f170, 0x1f1e6, 0x1f130, 0x1f110]) {
    [...alphabet].forEach((letter, index) => {
      const character = String.fromCodePoint(first + index);
      if (!table.has(character)) table.set(character, letter.toUpperCase());
    });
  }
  return table;
}
const LETTERS = buildLetterTable();

/** UTS #39 confusables (unhomoglyph's copy of confusables.txt) that fold a non-ASCII character into ASCII. */
const LOOK_ALIKES = new Map(
  Object.entries(CONFUSABLES as Record<string, string>).filter(
    ([from, to]) => from.codePointAt(0)! > 0x7f && /^[\x20-\x7e]+$/.test(to),
  ),
);

/**
 * Traditional → simplified for the characters the vocabulary is written in (OpenCC's Taiwan and Hong Kong
 * tables): no other character can complete a term, so the per-string cost is one map lookup per character.
 */
function buildSimplifiedTable(relevant: ReadonlySet<string>): Map<string, string> {
  const characters: string[] = [];
  for (const [from, to] of [
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
  ] as const)
    for (let code = from; code <= to; code++) characters.push(String.fromCodePoint(code));
  const table = new Map<string, string>();
  for (const from of ["tw", "hk"] as const) {
    const simplified = Converter({ from, to: "cn" })(characters.join("\n")).split("\n");
    simplified.forEach((target, index) => {
      if (target !== characters[index] && relevant.has(target)) table.set(characters[index]!, target);
    });
  }
  return table;
}

const CATEGORY_ENTRIES = Object.entries(VOCABULARY.categories);
const ALL_SOURCES = [
  ...CATEGORY_ENTRIES.flatMap(([, entry]) => [...(entry.han ?? []), ...(entry.mixed ?? [])]),
  ...VOCABULARY["false-friends"].han,
];
const SIMPLIFIED = buildSimplifiedTable(
  new Set(ALL_SOURCES.flatMap((source) => source.match(HAN_IN_SOURCE) ?? [])),
);

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
 * A look-alike folded into the ASCII it imitates, keeping its case. UTS #39 folds capital-I look-alikes
 * (Greek Ι, Cyrillic І) into "l", the letter they are confused with in lower case; case is folded here
 * too, so they become "I".
 */
function foldLookAlike(character: string): string {
  const folded = LOOK_ALIKES.get(character) ?? LOOK_ALIKES.get(character.toLowerCase());
  if (folded === undefined) return character;
  return folded === "l" && character !== character.toLowerCase() ? "I" : folded;
}

const FOLDED = new Map<string, string>();
const FOLD_CACHE_LIMIT = 65_536;

/** One character (code point) as it is matched, case kept: possibly several characters, possibly none. */
function foldCharacter(character: string): string {
  const cached = FOLDED.get(character);
  if (cached !== undefined) return cached;
  let folded = "";
  const letter = LETTERS.get(character);
  if (letter !== undefined) {
    folded = letter;
  } else {
    const bare = character.normalize("NFKD").replace(INVISIBLE_OR_COMBINING, "").normalize("NFKC");
    for (const part of bare) {
      const code = part.codePointAt(0)!;
      if (code < 0x80) folded += part;
      else if (isHanCode(code)) folded += SIMPLIFIED.get(part) ?? part;
      else folded += LETTERS.get(part) ?? foldLookAlike(part);
    }
  }
  if (FOLDED.size < FOLD_CACHE_LIMIT) FOLDED.set(character, folded);
  return folded;
}

/** The matching form of a text, and (when tracked) where each of its characters came from in the text as given. */
type Folded = { text: string; cased: string; origin: number[] | null; exact: boolean };

const LOWER_THEN_UPPER = /([a-z])([A-Z])/g;

/**
 * Folds a text (see {@link normalizeForMatching}). With `track`, `origin[i]` is the offset in `text` of folded
 * character i (`origin[length]` is the text's length); a text that had to be decoded maps every character to 0.
 */
function fold(text: string, track = false): Folded {
  if (!track && PLAIN_ASCII.test(text)) {
    const cased = text.replace(LOWER_THEN_UPPER, "$1 $2");
    return { text: cased.toLowerCase(), cased, origin: null, exact: true };
  }
  const origin: number[] | null = track ? [] : null;
  let cased = "";
  const decoded = PLAIN_ASCII.test(text) ? text : decode(text);
  const exact = decoded === text;
  let offset = 0;
  let previous = 0;
  for (let at = 0; at < decoded.length; ) {
    const code0 = decoded.codePointAt(at)!;
    const character = code0 > 0xffff ? decoded.slice(at, at + 2) : decoded[at]!;
    at += character.length;
    const folded = code0 < 0x80 ? character : foldCharacter(character);
    for (let index = 0; index < folded.length; index++) {
      const code = folded.charCodeAt(index);
      // Words split at case changes (`bloodType`), never inside an upper-case run (`HIVpositive` stays whole).
      if (previous >= 0x61 && previous <= 0x7a && code >= 0x41 && code <= 0x5a) {
        cased += " ";
        origin?.push(exact ? offset : 0);
      }
      cased += folded[index];
      origin?.push(exact ? offset : 0);
      previous = code;
    }
    offset += character.length;
  }
  origin?.push(exact ? offset : text.length);
  return { text: cased.toLowerCase(), cased, origin, exact };
}

/**
 * The form terms are matched in: decoded (percent, HTML entities), NFKD without invisible (Cf) or combining
 * (Mn, Me) characters then NFKC, small capitals and enclosed letters folded, traditional characters simplified,
 * look-alikes folded to ASCII, words split at case changes (`bloodType`), lower case.
 */
export function normalizeForMatching(text: string): string {
  return fold(text).text;
}

/** The three views of a folded text that terms are matched in, each with the folded offset of its characters. */
type Channels = Readonly<{
  han: string;
  hanAt: number[];
  /** Offsets in `han` before which sentence punctuation stood. */
  breaks: number[];
  compact: string;
  compactAt: number[];
  words: Word[];
}>;
/** A run of Latin letters; `capitalised` when written with a capital then small letters (`Gene`). */
type Word = { word: string; start: number; end: number; capitalised: boolean };

function channelsOf({ text: folded, cased, origin }: Folded): Channels {
  const track = origin !== null;
  let han = "";
  const hanAt: number[] = [];
  const breaks: number[] = [];
  let compact = "";
  const compactAt: number[] = [];
  const words: Word[] = [];
  const sameLength = cased.length === folded.length;
  let wordStart = -1;
  for (let index = 0; index <= folded.length; index++) {
    const code = index < folded.length ? folded.charCodeAt(index) : 0;
    const isLetter = code >= 0x61 && code <= 0x7a;
    if (isLetter && wordStart < 0) wordStart = index;
    if (!isLetter && wordStart >= 0) {
      const capitalised = sameLength && /^[A-Z][a-z]/.test(cased.slice(wordStart, wordStart + 2));
      words.push({ word: folded.slice(wordStart, index), start: wordStart, end: index, capitalised });
      wordStart = -1;
    }
    if (index === folded.length) break;
    if (isHanCode(code)) {
      han += folded[index];
      compact += code === 0x3007 ? "o" : folded[index];
      if (track) {
        hanAt.push(index);
        compactAt.push(index);
      }
    } else if (isLowerLatinOrDigit(code)) {
      compact += folded[index];
      if (track) compactAt.push(index);
    } else if (han.length > 0 && SENTENCE_BREAKS.has(folded[index]!) && breaks.at(-1) !== han.length) {
      breaks.push(han.length);
    }
  }
  return { han, hanAt, breaks, compact, compactAt, words };
}

type CompiledCategory = Readonly<{ category: ProhibitedCategory; group: string }>;

const CATEGORIES: CompiledCategory[] = CATEGORY_ENTRIES.map(([name, { label, law }], index) => ({
  category: Object.freeze({ name, label, law }),
  group: `c${index}`,
}));
const CATEGORY_BY_NAME = new Map(CATEGORIES.map((compiled) => [compiled.category.name, compiled.category]));

const bySourceLength = (a: string, b: string) => b.length - a.length;
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** One regular expression with a named group per category, longest alternatives first. */
function groupedExpression(sourcesOf: (entry: CategoryEntry) => string[] | undefined): RegExp | null {
  const groups = CATEGORY_ENTRIES.flatMap(([, entry], index) => {
    const sources = sourcesOf(entry);
    return sources && sources.length > 0
      ? [`(?<c${index}>${[...sources].sort(bySourceLength).join("|")})`]
      : [];
  });
  return groups.length > 0 ? new RegExp(groups.join("|"), "gu") : null;
}

function categoryOfMatch(match: RegExpExecArray): ProhibitedCategory {
  const compiled = CATEGORIES.find((candidate) => match.groups?.[candidate.group] !== undefined)!;
  return compiled.category;
}

/** A Chinese term's first character, after any look-behind: where the scan tries it. */
function leadOf(source: string): string {
  const lead = source.replace(/^(?:\(\?<[!=][^)]*\))+/, "")[0];
  if (lead === undefined || !HAN_CHARACTER.test(lead))
    throw new Error(`prohibited-terms.yaml: a han term must start with a Chinese character: ${source}`);
  return lead;
}

/**
 * The Chinese terms by their first character, longest first, each a sticky expression: the scan costs one
 * map lookup per character and an expression only where a term could start.
 */
type HanTerm = Readonly<{
  source: string;
  literal: string | null;
  expression: RegExp | null;
  category: ProhibitedCategory;
}>;
const HAN_TERMS_BY_LEAD = new Map<string, HanTerm[]>();
for (const { category } of CATEGORIES) {
  for (const source of VOCABULARY.categories[category.name]!.han ?? []) {
    const lead = leadOf(source);
    const literal = HAN_CHARACTER.test(source);
    const candidates = HAN_TERMS_BY_LEAD.get(lead) ?? [];
    candidates.push({
      source,
      literal: literal ? source : null,
      expression: literal ? null : new RegExp(source, "uy"),
      category,
    });
    HAN_TERMS_BY_LEAD.set(
      lead,
      candidates.sort((a, b) => bySourceLength(a.source, b.source)),
    );
  }
}
const MIXED_TERMS = groupedExpression((entry) => entry.mixed);
/** The Chinese characters of the mixed terms, outside look-arounds: a text without any has no mixed term. */
const MIXED_HINT = MIXED_TERMS
  ? new RegExp(
      `[${[...new Set(CATEGORY_ENTRIES.flatMap(([, entry]) => entry.mixed ?? []).flatMap((source) => source.replace(/\(\?<?[!=][^)]*\)|\[[^\]]*\]/g, "").match(HAN_IN_SOURCE) ?? []))].join("")}]`,
      "u",
    )
  : null;
const HAN_FALSE_FRIENDS = new RegExp(
  [...VOCABULARY["false-friends"].han].sort(bySourceLength).join("|"),
  "gu",
);

type LatinTerm = Readonly<{ category: ProhibitedCategory; pinyin: boolean; name: boolean }>;
const WORD_TERMS = new Map<string, LatinTerm>();
const ANYWHERE_TERMS = new Map<string, LatinTerm>();
const PINYIN_EXCEPTIONS = new Set(VOCABULARY["pinyin-exceptions"]);
const NAME_EXCEPTIONS = new Set(VOCABULARY["name-exceptions"]);
const GLUE_WORDS = new Set(VOCABULARY["glue-words"]);
const LATIN_FALSE_FRIENDS = VOCABULARY["false-friends"].latin.map((phrase) => phrase.split(" "));
const PERSON_FIELDS = new Set(VOCABULARY["person-fields"].map((field) => field.toLowerCase()));

/** Latin terms as the API would name a field (`blood type` → `bloodType`): denied to every role by CASL. */
export const PROHIBITED_FIELD_NAMES: string[] = [];

function addLatinTerm(term: string, category: ProhibitedCategory, pinyinReading: boolean): void {
  const letters = fold(term).text.replace(/[^a-z]/g, "");
  if (letters.length < 2) return;
  const entry = { category, pinyin: pinyinReading, name: !pinyinReading && !NAME_EXCEPTIONS.has(letters) };
  const table = letters.length >= ANYWHERE_FROM ? ANYWHERE_TERMS : WORD_TERMS;
  if (!table.has(letters)) table.set(letters, entry);
}

const READINGS = new Map<string, ProhibitedCategory>();
for (const { category } of CATEGORIES) {
  for (const term of VOCABULARY.categories[category.name]!.han ?? []) {
    if (!HAN_CHARACTER.test(term) || term.length < 2) continue;
    const letters = fold(pinyin(term, { toneType: "none", type: "array", v: false }).join("")).text.replace(
      /[^a-z]/g,
      "",
    );
    if (!PINYIN_EXCEPTIONS.has(letters) && !READINGS.has(letters)) READINGS.set(letters, category);
  }
}
for (const { category } of CATEGORIES) {
  for (const term of VOCABULARY.categories[category.name]!.latin ?? []) {
    const letters = fold(term).text.replace(/[^a-z]/g, "");
    // A reading written out in the vocabulary (`jiyin`) is pinyin too: never matched in a name.
    addLatinTerm(term, category, READINGS.has(letters) || PINYIN_EXCEPTIONS.has(letters));
    PROHIBITED_FIELD_NAMES.push(term.replace(/ (\w)/g, (_, first: string) => first.toUpperCase()));
  }
}
for (const [letters, category] of READINGS) addLatinTerm(letters, category, true);

const anywhereExpression = (names: boolean) =>
  new RegExp(
    [...ANYWHERE_TERMS]
      .filter(([, term]) => !names || term.name)
      .map(([letters]) => letters)
      .sort(bySourceLength)
      .map(escapeRegExp)
      .join("|"),
    "g",
  );
const ANYWHERE_IN_TEXT = anywhereExpression(false);
const ANYWHERE_IN_NAME = anywhereExpression(true);
const LONGEST_WORD_TERM = Math.max(...[...WORD_TERMS.keys()].map((term) => term.length));
const LONGEST_GLUED_RUN = LONGEST_WORD_TERM + Math.max(...[...GLUE_WORDS].map((glue) => glue.length));

type ChannelHit = { category: ProhibitedCategory; term: string; start: number; end: number };

/**
 * Does sentence punctuation between `start` and `end` of the Chinese run divide two real pieces of text? It
 * does not when the piece on one side lies wholly inside the match (宗．教, 患有糖。尿病): that is a word cut
 * up, not two sentences (「奠定了根基。因此」).
 */
function crossesSentence(channels: Channels, start: number, end: number): boolean {
  const { breaks, han } = channels;
  for (let index = 0; index < breaks.length; index++) {
    const at = breaks[index]!;
    if (at <= start || at >= end) continue;
    const pieceBefore = breaks[index - 1] ?? 0;
    const pieceAfter = breaks[index + 1] ?? han.length;
    if (pieceBefore < start && pieceAfter > end) return true;
  }
  return false;
}

function intervalsOf(expression: RegExp, text: string): Array<[number, number]> {
  const intervals: Array<[number, number]> = [];
  expression.lastIndex = 0;
  for (let match = expression.exec(text); match; match = expression.exec(text)) {
    if (match[0].length === 0) {
      expression.lastIndex++;
      continue;
    }
    intervals.push([match.index, match.index + match[0].length]);
  }
  return intervals;
}

function matchHan(channels: Channels, names: boolean, all: boolean, hits: ChannelHit[]): void {
  const { han, hanAt } = channels;
  let falseFriends: Array<[number, number]> | null = null;
  for (let start = 0; start < han.length; start++) {
    const candidates = HAN_TERMS_BY_LEAD.get(han[start]!);
    if (!candidates) continue;
    for (const { literal, expression, category } of candidates) {
      let term: string;
      if (literal !== null) {
        if (!han.startsWith(literal, start)) continue;
        term = literal;
      } else {
        expression!.lastIndex = start;
        const match = expression!.exec(han);
        if (!match) continue;
        term = match[0];
      }
      const end = start + term.length;
      falseFriends ??= intervalsOf(HAN_FALSE_FRIENDS, han);
      if (
        (names && NAME_EXCEPTIONS.has(term)) ||
        crossesSentence(channels, start, end) ||
        falseFriends.some(([from, to]) => from < end && start < to)
      )
        continue;
      hits.push({ category, term, start: hanAt[start] ?? 0, end: (hanAt[end - 1] ?? 0) + 1 });
      if (!all) return;
      start = end - 1;
      break;
    }
  }
}

function matchMixed(channels: Channels, all: boolean, hits: ChannelHit[]): void {
  const { compact, compactAt } = channels;
  if (!MIXED_TERMS || compact.length < 2 || !MIXED_HINT!.test(compact)) return;
  MIXED_TERMS.lastIndex = 0;
  for (let match = MIXED_TERMS.exec(compact); match; match = MIXED_TERMS.exec(compact)) {
    if (match[0].length === 0) {
      MIXED_TERMS.lastIndex++;
      continue;
    }
    hits.push({
      category: categoryOfMatch(match),
      term: match[0],
      start: compactAt[match.index] ?? 0,
      end: (compactAt[match.index + match[0].length - 1] ?? 0) + 1,
    });
    if (!all) return;
  }
}

/** `Gene Wilson`, `Christian Dior`: a term that is a given name, written as a name before a capitalised word. */
function isNamed(words: readonly Word[], first: number, last: number, run: string): boolean {
  return (
    first === last &&
    NAME_EXCEPTIONS.has(run) &&
    words[first]!.capitalised &&
    words[first + 1]?.capitalised === true
  );
}

function matchLatin(channels: Channels, names: boolean, all: boolean, hits: ChannelHit[]): void {
  let words = channels.words;
  if (words.length === 0) return;
  if (LATIN_FALSE_FRIENDS.length > 0) {
    const excluded = new Set<number>();
    for (let index = 0; index < words.length; index++) {
      for (const phrase of LATIN_FALSE_FRIENDS) {
        if (phrase.every((word, offset) => words[index + offset]?.word === word))
          phrase.forEach((_, offset) => excluded.add(index + offset));
      }
    }
    if (excluded.size > 0) words = words.filter((_, index) => !excluded.has(index));
  }
  const usable = (term: LatinTerm | undefined): term is LatinTerm =>
    term !== undefined && (!names || term.name);
  const found = (term: LatinTerm, letters: string, start: number, end: number) => {
    hits.push({ category: term.category, term: letters, start, end });
    return !all;
  };
  for (let first = 0; first < words.length; first++) {
    let run = "";
    for (let last = first; last < words.length && run.length < LONGEST_GLUED_RUN; last++) {
      run += words[last]!.word;
      const term = WORD_TERMS.get(run);
      if (
        usable(term) &&
        !isNamed(words, first, last, run) &&
        found(term, run, words[first]!.start, words[last]!.end)
      )
        return;
      // A term glued to a glue word across a case change (HepBcarrier reads "hep", "bcarrier").
      if (last > first) {
        for (const glue of GLUE_WORDS) {
          if (run.length <= glue.length + 1 || !run.endsWith(glue)) continue;
          const head = run.slice(0, run.length - glue.length);
          const glued = WORD_TERMS.get(head);
          if (usable(glued) && found(glued, head, words[first]!.start, words[last]!.end - glue.length))
            return;
        }
      }
    }
    const { word, start, end } = words[first]!;
    if (word.length < 4) continue;
    for (const glue of GLUE_WORDS) {
      if (word.length <= glue.length + 1) continue;
      if (word.endsWith(glue)) {
        const head = word.slice(0, word.length - glue.length);
        const term = WORD_TERMS.get(head);
        if (usable(term) && found(term, head, start, start + head.length)) return;
      }
      if (word.startsWith(glue)) {
        const tail = word.slice(glue.length);
        const term = WORD_TERMS.get(tail);
        if (usable(term) && found(term, tail, end - tail.length, end)) return;
      }
    }
    // A term glued between two glue words (takesinsulindaily).
    for (const lead of GLUE_WORDS) {
      if (!word.startsWith(lead)) continue;
      for (const trail of GLUE_WORDS) {
        if (word.length <= lead.length + trail.length + 1 || !word.endsWith(trail)) continue;
        const middle = word.slice(lead.length, word.length - trail.length);
        const term = WORD_TERMS.get(middle);
        if (usable(term) && found(term, middle, start + lead.length, end - trail.length)) return;
      }
    }
  }
  if (ANYWHERE_TERMS.size === 0) return;
  let letters = "";
  const letterAt: number[] = [];
  for (const { word, start } of words) {
    letters += word;
    for (let index = 0; index < word.length; index++) letterAt.push(start + index);
  }
  const expression = names ? ANYWHERE_IN_NAME : ANYWHERE_IN_TEXT;
  expression.lastIndex = 0;
  for (let match = expression.exec(letters); match; match = expression.exec(letters)) {
    const term = ANYWHERE_TERMS.get(match[0])!;
    if (found(term, match[0], letterAt[match.index]!, letterAt[match.index + match[0].length - 1]! + 1))
      return;
  }
}

function scan(text: string, names: boolean, all: boolean): { hits: ChannelHit[]; folded: Folded } {
  const folded = fold(text, all);
  const channels = channelsOf(folded);
  const hits: ChannelHit[] = [];
  matchHan(channels, names, all, hits);
  if (all || hits.length === 0) matchMixed(channels, all, hits);
  if (all || hits.length === 0) matchLatin(channels, names, all, hits);
  return { hits, folded };
}

/** The category of prohibited data a text (a value or a key) carries, or null. Never throws. */
export function detectProhibitedData(text: string): ProhibitedCategory | null {
  return scan(text, false, false).hits[0]?.category ?? null;
}

/**
 * The category of prohibited data a natural person's name carries, or null: Chinese and English terms, not
 * pinyin readings nor English terms that are given names (a name `Ji Yin`, `Gene Smith` is a name).
 */
export function detectProhibitedDataInName(name: string): ProhibitedCategory | null {
  return scan(name, true, false).hits[0]?.category ?? null;
}

const PERSON_WORDS_IN_NAMES = new RegExp(
  [...VOCABULARY["person-words-in-names"]]
    .sort(bySourceLength)
    .map((word) => (/^[a-z ]+$/.test(word) ? `\\b${escapeRegExp(word)}\\b` : escapeRegExp(word)))
    .join("|"),
  "giu",
);

/** Brackets, and a space beside a Chinese character: where a text posing as a name adds a remark. */
const NAME_REMARK_BREAK = /[（）()]|(?<=\p{Script=Han})\s+|\s+(?=\p{Script=Han})/u;
/** How a registered organisation's name, or a bracketed part of one, ends (（集团）, （淮安市肿瘤医院）, （普通合伙）). */
const ORGANISATION_ENDING =
  /(?:公司|集团|院|所|部|中心|会|站|店|厂|局|社|室|馆|行|处|团|合伙|个体工商户|校|园|场|队|铺|门诊|委员会|分支机构|ltd\.?|inc\.?|co\.?|llc|limited|group)$/iu;

/** A person named as a pseudonym (李某, 王某某): a registered name never holds one, a text about a person does. */
const PERSON_MENTIONED_IN_NAME = /\p{Script=Han}某/gu;
/** What may stand between a fact about a person and the word for them (糖尿病患者李某, 基督徒刘某, 抑郁症的老板). */
const PERSON_DESCRIBED_BY = /(?:患者|病人|病友|病号|的|之|人|徒)*$/u;

/**
 * The category of prohibited data that ends right before a word for a person in a name (抑郁症老板孙某奶茶店:
 * the fact describes the person), or null. What stands earlier in the name is the organisation's own text
 * (淮安市肿瘤医院院长…: the hospital's name does not touch 院长).
 */
function describedPersonBefore(before: string): ProhibitedCategory | null {
  const joined = before.length - (PERSON_DESCRIBED_BY.exec(before)?.[0].length ?? 0);
  return locateProhibitedData(before).find((hit) => hit.end >= joined)?.category ?? null;
}

/**
 * The category of prohibited data an organisation's name carries about a natural person, or null. The name is
 * the organisation's own text (淮安市肿瘤医院, 华大基因股份有限公司): only what follows a word for a person in
 * it (法定代表人, 老板, 店主, vocabulary `person-words-in-names`), and a remark added to it (in brackets or after
 * a space: 张记小吃店（老王乙肝大三阳）) that is not itself a name of an organisation, are searched, as a
 * person's text.
 */
export function detectProhibitedDataInOrganisationName(name: string): ProhibitedCategory | null {
  const folded = fold(name).cased;
  PERSON_WORDS_IN_NAMES.lastIndex = 0;
  for (let match = PERSON_WORDS_IN_NAMES.exec(folded); match; match = PERSON_WORDS_IN_NAMES.exec(folded)) {
    const category =
      detectProhibitedData(folded.slice(match.index + match[0].length)) ??
      describedPersonBefore(folded.slice(0, match.index));
    if (category) return category;
  }
  PERSON_MENTIONED_IN_NAME.lastIndex = 0;
  for (
    let match = PERSON_MENTIONED_IN_NAME.exec(folded);
    match;
    match = PERSON_MENTIONED_IN_NAME.exec(folded)
  ) {
    const category = describedPersonBefore(folded.slice(0, match.index));
    if (category) return category;
  }
  for (const remark of folded.split(NAME_REMARK_BREAK).slice(1)) {
    const trimmed = remark.trim();
    if (trimmed.length === 0 || ORGANISATION_ENDING.test(trimmed)) continue;
    const category = detectProhibitedData(trimmed);
    if (category) return category;
  }
  return null;
}

/** Every hit in a text, in the order found, each with its span in the text as given (see {@link ProhibitedHit}). */
export function locateProhibitedData(text: string): ProhibitedHit[] {
  const { hits, folded } = scan(text, false, true);
  return hits
    .map((hit) =>
      folded.exact && folded.origin
        ? {
            category: hit.category,
            term: hit.term,
            start: folded.origin[hit.start]!,
            end: Math.max(folded.origin[hit.end]!, folded.origin[hit.start]! + 1),
          }
        : { category: hit.category, term: hit.term, start: 0, end: text.length },
    )
    .sort((a, b) => a.start - b.start);
}

/** Every hit in the strings and keys of a JSON value, with its path (as {@link findProhibitedData} names paths). */
export function locateProhibitedDataIn(value: unknown, path: string): LocatedProhibitedHit[] {
  if (typeof value === "string") return locateProhibitedData(value).map((hit) => ({ ...hit, path }));
  if (Array.isArray(value))
    return value.flatMap((item, index) => locateProhibitedDataIn(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child], index) => {
    const inKey = locateProhibitedData(key);
    if (inKey.length > 0)
      return [
        ...inKey.map((hit) => ({ ...hit, path: `${path}.<key ${index}>` })),
        ...locateProhibitedDataIn(child, `${path}.<key ${index}>`),
      ];
    return locateProhibitedDataIn(child, `${path}.${key}`);
  });
}

/** A category by its vocabulary name (`medical`, `religion`, …). */
export function prohibitedCategory(name: string): ProhibitedCategory | undefined {
  return CATEGORY_BY_NAME.get(name);
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
  if (Array.isArray(value))
    return value.flatMap((item, index) => findProhibitedData(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child], index) => {
    const category = detectProhibitedData(key);
    if (category)
      return [
        { path: `${path}.<key ${index}>`, category },
        ...findProhibitedData(child, `${path}.<key ${index}>`),
      ];
    return findProhibitedData(child, `${path}.${key}`);
  });
}

/**
 * A key of an organisation's JSON that holds a natural person's data (`legalRepresentative`, `法定代表人`,
 * vocabulary `person-fields`): checked as a person's text.
 */
export function isPersonField(key: string): boolean {
  return PERSON_FIELDS.has(key.toLowerCase().replace(/[\s_-]/g, ""));
}

function findInPersonFields(value: unknown, path: string): ProhibitedFinding[] {
  if (Array.isArray(value))
    return value.flatMap((item, index) => findInPersonFields(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) =>
    isPersonField(key)
      ? findProhibitedData(child, `${path}.${key}`)
      : findInPersonFields(child, `${path}.${key}`),
  );
}

/**
 * The one scoping rule (PCIM art. 14 protects natural persons' information): what a text about a subject of
 * `subjectKind` may not hold. A natural person's text is searched whole; an organisation's own text is not
 * (a hospital fined for 伪造病历, a farm for 非洲猪瘟, a USCC reading DNA), only its person fields
 * ({@link isPersonField}) are. Identifiers are never passed here.
 */
export function findProhibitedDataAbout(
  subjectKind: SubjectKind,
  value: unknown,
  path: string,
): ProhibitedFinding[] {
  return subjectKind === "NATURAL_PERSON" ? findProhibitedData(value, path) : findInPersonFields(value, path);
}

/** A finding as a refusal: the field path and the category, never the text. */
export function toInputProblem(finding: ProhibitedFinding): InputProblem {
  return {
    field: finding.path,
    reason: `prohibited data (${finding.category.label}; ${finding.category.law}) may not be collected; remove it`,
    code: "PROHIBITED_DATA",
  };
}

/** A registered name (`name`, `subjectName`, …): checked as a name where it is set (domain/subject-ref.ts). */
export function isRegisteredNameField(field: string): boolean {
  return field === "name" || field.endsWith("Name");
}

/** An identifier (`identifier`, `employerIdentifier`, …): a code, never scanned (a USCC may read `DNA`). */
export function isIdentifierField(field: string): boolean {
  return field === "identifier" || field.endsWith("Identifier");
}

/** What a withheld string reads as. */
export const WITHHELD = "[withheld: prohibited data]";

function withholdJson(
  value: unknown,
  path: string,
  inScope: boolean,
  onFinding: (finding: ProhibitedFinding) => void,
): unknown {
  if (typeof value === "string") {
    const category = inScope ? detectProhibitedData(value) : null;
    if (!category) return value;
    onFinding({ path, category });
    return WITHHELD;
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => withholdJson(item, `${path}[${index}]`, inScope, onFinding));
    return items.every((item, index) => item === value[index]) ? value : items;
  }
  if (typeof value !== "object" || value === null || Object.getPrototypeOf(value) !== Object.prototype)
    return value;
  let changed = false;
  const kept: Record<string, unknown> = {};
  Object.entries(value).forEach(([key, child], index) => {
    const category = inScope ? detectProhibitedData(key) : null;
    if (category) {
      onFinding({ path: `${path}.<key ${index}>`, category });
      changed = true;
      return;
    }
    kept[key] = withholdJson(child, `${path}.${key}`, inScope || isPersonField(key), onFinding);
    changed ||= kept[key] !== child;
  });
  return changed ? kept : value;
}

/**
 * Defence in depth on the way out: the strings of an API object (and the JSON inside it) that carry
 * prohibited data read as {@link WITHHELD}, a prohibited JSON key is dropped, and each is reported to
 * `onFinding`. Registered names and identifiers are left alone; for an organisation (`subjectKind`) only its
 * person fields are searched ({@link findProhibitedDataAbout}). Returns the object itself when nothing
 * matched, else a copy.
 */
export function withholdProhibitedData<T extends object>(
  value: T,
  onFinding: (finding: ProhibitedFinding) => void,
  subjectKind: SubjectKind = "NATURAL_PERSON",
): T {
  let copy: T | null = null;
  const person = subjectKind === "NATURAL_PERSON";
  for (const [field, child] of Object.entries(value)) {
    if (
      isRegisteredNameField(field) ||
      isIdentifierField(field) ||
      (typeof child !== "string" && (typeof child !== "object" || child === null))
    )
      continue;
    const kept = withholdJson(child, field, person || isPersonField(field), onFinding);
    if (kept === child) continue;
    copy ??= Object.assign(Object.create(Object.getPrototypeOf(value) as object) as T, value);
    (copy as Record<string, unknown>)[field] = kept;
  }
  return copy ?? value;
}
