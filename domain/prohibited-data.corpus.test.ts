import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { findProhibitedDataAbout } from "./prohibited-data";
import { checkSubjectRef } from "./subject-ref";
import type { InputProblem } from "./input-problem";

/**
 * Hostile inputs as a provider or an attacker writes them, judged the way every write path judges them: a
 * person's text and an organisation's text through the one scoping rule, names and identifiers through
 * `checkSubjectRef`. DEV is what the vocabulary was tuned on; HELD-OUT was written afterwards; INDEPENDENT and FINAL were
 * written by testers who saw neither the vocabulary nor the other corpora.
 */

type Corpus = {
  refuse: Partial<
    Record<"person" | "organisation-person-field" | "person-name" | "organisation-name", string[]>
  >;
  accept: Partial<Record<"person" | "organisation" | "person-name" | "organisation-name" | "uscc", string[]>>;
};

const TODAY = "2026-12-07";
const PERSON_ID = "320801198001011010";
const ORGANISATION_USCC = "91320800DNA010101Q";

const load = (name: string) =>
  parse(readFileSync(new URL(`./prohibited-data.corpus/${name}.yaml`, import.meta.url), "utf8")) as Corpus;

function refusedName(name: string, kind: "NATURAL_PERSON" | "LEGAL_PERSON"): boolean {
  const problems: InputProblem[] = [];
  checkSubjectRef(
    { identifier: kind === "NATURAL_PERSON" ? PERSON_ID : ORGANISATION_USCC, name, kind },
    "subject",
    problems,
    TODAY,
  );
  return problems.length > 0;
}

/** Whether the system refuses a corpus entry of a kind. */
function refused(kind: string, text: string): boolean {
  switch (kind) {
    case "person":
      return (
        findProhibitedDataAbout("NATURAL_PERSON", { title: text, attributes: { note: text } }, "record")
          .length > 0
      );
    case "organisation":
      return (
        findProhibitedDataAbout("LEGAL_PERSON", { title: text, attributes: { note: text } }, "record")
          .length > 0
      );
    case "organisation-person-field":
      return (
        findProhibitedDataAbout(
          "LEGAL_PERSON",
          { title: "罚款五万元", attributes: { legalRepresentative: { note: text } } },
          "record",
        ).length > 0
      );
    case "person-name":
      return refusedName(text, "NATURAL_PERSON");
    case "organisation-name":
      return refusedName(text, "LEGAL_PERSON");
    case "uscc": {
      const problems: InputProblem[] = [];
      checkSubjectRef(
        { identifier: text, name: "淮安市测试贸易有限公司", kind: "LEGAL_PERSON" },
        "subject",
        problems,
        TODAY,
      );
      return problems.length > 0;
    }
    default:
      throw new Error(`unknown corpus kind ${kind}`);
  }
}

type Score = { precision: number; recall: number; missed: string[]; falseAlarms: string[]; size: number };

function score(corpus: Corpus): Score {
  const missed: string[] = [];
  const falseAlarms: string[] = [];
  let truePositives = 0;
  let positives = 0;
  let negatives = 0;
  for (const [kind, texts] of Object.entries(corpus.refuse)) {
    for (const text of texts ?? []) {
      positives++;
      if (refused(kind, text)) truePositives++;
      else missed.push(`${kind}: ${JSON.stringify(text)}`);
    }
  }
  for (const [kind, texts] of Object.entries(corpus.accept)) {
    for (const text of texts ?? []) {
      negatives++;
      if (refused(kind, text)) falseAlarms.push(`${kind}: ${JSON.stringify(text)}`);
    }
  }
  const flagged = truePositives + falseAlarms.length;
  return {
    precision: flagged === 0 ? 1 : truePositives / flagged,
    recall: truePositives / positives,
    missed,
    falseAlarms,
    size: positives + negatives,
  };
}

function report(name: string, result: Score, positives: number, negatives: number): void {
  console.log(
    `prohibited-data corpus ${name}: ${positives} to refuse, ${negatives} to accept; precision ${(result.precision * 100).toFixed(2)}%, recall ${(result.recall * 100).toFixed(2)}%` +
      (result.missed.length ? `\n  missed: ${result.missed.join("\n          ")}` : "") +
      (result.falseAlarms.length ? `\n  false alarms: ${result.falseAlarms.join("\n                ")}` : ""),
  );
}

const count = (group: Record<string, string[] | undefined>) =>
  Object.values(group).reduce((sum, texts) => sum + (texts?.length ?? 0), 0);

describe("the prohibited-data detector on its corpora", () => {
  for (const name of ["dev", "held-out"] as const) {
    it(`${name}: at least 300 to refuse and 300 to accept, precision and recall at least 99%`, () => {
      const corpus = load(name);
      const result = score(corpus);
      report(name, result, count(corpus.refuse), count(corpus.accept));
      expect(count(corpus.refuse)).toBeGreaterThanOrEqual(300);
      expect(count(corpus.accept)).toBeGreaterThanOrEqual(300);
      expect(result.precision).toBeGreaterThanOrEqual(0.99);
      expect(result.recall).toBeGreaterThanOrEqual(0.99);
    });
  }

  // Written by a tester who had read neither the vocabulary, the detector nor the other corpora.
  it("independent: at least 250 to refuse and 250 to accept, precision and recall at least 99%", () => {
    const corpus = load("independent");
    const result = score(corpus);
    report("independent", result, count(corpus.refuse), count(corpus.accept));
    expect(count(corpus.refuse)).toBeGreaterThanOrEqual(250);
    expect(count(corpus.accept)).toBeGreaterThanOrEqual(250);
    expect(result.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.recall).toBeGreaterThanOrEqual(0.99);
  });

  // Written by another tester, blind to the vocabulary, the detector and every other corpus (then tuned on).
  it("final: at least 250 to refuse and 250 to accept, precision and recall at least 99%", () => {
    const corpus = load("final");
    const result = score(corpus);
    report("final", result, count(corpus.refuse), count(corpus.accept));
    expect(count(corpus.refuse)).toBeGreaterThanOrEqual(250);
    expect(count(corpus.accept)).toBeGreaterThanOrEqual(250);
    expect(result.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.recall).toBeGreaterThanOrEqual(0.99);
  });

  // Written without reading the vocabulary; measured twice before the detector was tuned on its misses (81%, then
  // 94.5% recall), so it is no longer a measure of unseen text: that is the sealed corpus below.
  it("blind: at least 200 to refuse and 200 to accept, precision and recall at least 99%", () => {
    const corpus = load("blind");
    const result = score(corpus);
    report("blind", result, count(corpus.refuse), count(corpus.accept));
    expect(count(corpus.refuse)).toBeGreaterThanOrEqual(200);
    expect(count(corpus.accept)).toBeGreaterThanOrEqual(200);
    expect(result.precision).toBeGreaterThanOrEqual(0.99);
    expect(result.recall).toBeGreaterThanOrEqual(0.99);
  });

  // Written by a tester who saw neither the vocabulary, the detector nor any other corpus, and measured once,
  // after the last change to the detector: the measure of how it meets text nobody wrote it for. Its first run
  // (the file's header) is far from 99% — the publication review is the backstop, not the detector; the floors are
  // what it measures today, so a change that loses ground fails here. Tuning on it spends it.
  it("sealed: at least 300 to refuse and 300 to accept, precision at least 95%, recall at least 78%", () => {
    const corpus = load("sealed");
    const result = score(corpus);
    report("sealed", result, count(corpus.refuse), count(corpus.accept));
    expect(count(corpus.refuse)).toBeGreaterThanOrEqual(300);
    expect(count(corpus.accept)).toBeGreaterThanOrEqual(300);
    expect(result.precision).toBeGreaterThanOrEqual(0.95);
    expect(result.recall).toBeGreaterThanOrEqual(0.78);
  });
});
