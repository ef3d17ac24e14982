import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import type { SubjectRef } from "../../domain/subject-ref";
import { recognizeListEntry } from "../lists/list-entry.workflow";
import { registerSubject } from "../subjects/subject.service";
import { findMeasures } from "./measure.service";
import { screen } from "./screening.service";
import { MAX_ITEMS_PER_CALL } from "../../domain/limits";

/**
 * Screening at the counter, at its own height: each identifier decided on its own from the lists, the
 * responsible persons and the measure list; refusals for callers without a duty or a purpose; and what the
 * disclosure log names — the subjects on file, with the entries each answer rested on. Clock: 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("measures", viewer);
const LICENSING = { role: "GOVERNMENT", org: "HA-APPROVAL", purpose: "ADMINISTRATIVE_LICENSING" } as const;
const company = (n: number, name: string): SubjectRef => ({
  identifier: uscc(n),
  name,
  kind: "LEGAL_PERSON",
});
const BLACK = company(9501, "失信测试公司");
const RED = company(9502, "守信测试公司");
const CLEAN = company(9503, "无记录公司");
const REPRESENTATIVE: SubjectRef = {
  identifier: citizenId(951),
  name: personName("代表", 951),
  kind: "NATURAL_PERSON",
};

let blackEntryId: string;
let redEntryId: string;
const idOf = async (subject: SubjectRef) =>
  (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", subject.identifier)
      .executeTakeFirstOrThrow()
  ).id;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  await registerSubject(await slice.context("subjects", { role: "CREDIT_CENTER", org: "HA-CREDIT" }), {
    subject: BLACK,
    legalRepresentative: REPRESENTATIVE,
    relationsSince: "2020-01-01",
  });
  const lists = (org: string) => slice.context("lists", { role: "PROVIDER", org });
  const entry = {
    grounds: "B07_REFUSE_JUDGEMENT",
    facts: "拒不履行生效判决",
    basis: "JRP",
    recognizedOn: "2026-11-02",
  };
  blackEntryId = (
    await recognizeListEntry(await lists("HA-COURT"), {
      ...entry,
      subject: BLACK,
      list: "BLACK",
      documentNumber: "SCR-B-1",
    })
  ).id;
  redEntryId = (
    await recognizeListEntry(await lists("HA-MEDIA"), {
      ...entry,
      grounds: "R03_MEDIA_TRUSTWORTHY",
      facts: "诚信经营",
      subject: RED,
      list: "RED",
      documentNumber: "SCR-R-1",
    })
  ).id;
});
afterAll(async () => slice?.stop());

describe("screen", () => {
  it("decides each identifier on its own: blocked, green-channelled, passed, or sent to review with an error of its own", async () => {
    const results = await screen(
      await context(LICENSING),
      [BLACK.identifier, RED.identifier, CLEAN.identifier, "91320800MA0000000X"],
      "ADMINISTRATIVE_LICENSING",
    );
    expect(results.map((result) => [result.identifier, result.decision, result.error === null])).toEqual([
      [BLACK.identifier, "BLOCK", true],
      [RED.identifier, "GREEN_CHANNEL", true],
      [CLEAN.identifier, "PASS", true],
      ["91320800MA0000000X", "REVIEW", false],
    ]);
    expect(results[0]!.measures.map((measure) => measure.code)).toContain("P02");
    expect(results[1]!.measures.map((measure) => measure.code)).toEqual(["R02"]);
  });

  it("reaches a listed organisation's legal representative through the measures aimed at responsible persons", async () => {
    const [result] = await screen(
      await context(LICENSING),
      [REPRESENTATIVE.identifier],
      "ADMINISTRATIVE_LICENSING",
    );
    expect(result!.decision).toBe("REVIEW");
    expect(result!.measures.map((measure) => measure.code)).toEqual(["P11"]);
  });

  it("names in the disclosure log each subject on file it answered about, with the entries the answer rested on, and no one else", async () => {
    const screener = await context(LICENSING);
    await screen(
      screener,
      [BLACK.identifier, RED.identifier, CLEAN.identifier, REPRESENTATIVE.identifier],
      "ADMINISTRATIVE_LICENSING",
    );
    const [group] = screener.disclosures.summary();
    expect(screener.disclosures.summary()).toHaveLength(1);
    expect(group).toMatchObject({ entityType: "ScreeningResult", tiers: ["PUBLIC"] });
    expect(group!.subjectIds).toEqual([await idOf(BLACK), await idOf(RED), await idOf(REPRESENTATIVE)]);
    expect(group!.itemIds).toEqual([blackEntryId, redEntryId].sort());
  });

  it("refuses the public (FORBIDDEN), a caller without a purpose (PURPOSE_REQUIRED) and a batch over the limit (BAD_USER_INPUT), disclosing nothing", async () => {
    const refused = [
      await context({ role: "PUBLIC" }),
      await context({ role: "GOVERNMENT", org: "HA-GOV" }),
      await context(LICENSING),
    ];
    expect(await refusalOf(async () => screen(refused[0]!, [BLACK.identifier], "HONORS"))).toBe("FORBIDDEN");
    expect(await refusalOf(async () => screen(refused[1]!, [BLACK.identifier], "HONORS"))).toBe(
      "PURPOSE_REQUIRED",
    );
    const tooMany = Array.from({ length: MAX_ITEMS_PER_CALL + 1 }, (_, index) => uscc(20_000 + index));
    expect(await refusalOf(async () => screen(refused[2]!, tooMany, "HONORS"))).toBe("BAD_USER_INPUT");
    for (const refusedContext of refused) expect(refusedContext.disclosures.summary()).toEqual([]);
  });
});

describe("findMeasures", () => {
  it("lists the catalogue for anyone, each measure's decision in the scenario asked about", async () => {
    const licensing = await findMeasures(
      await context({ role: "PUBLIC" }),
      "BLACK",
      "ADMINISTRATIVE_LICENSING",
    );
    expect(licensing.find((measure) => measure.code === "P02")?.decision).toBe("BLOCK");
    expect(licensing.every((measure) => measure.list === "BLACK")).toBe(true);
    expect((await findMeasures(await context({ role: "PUBLIC" }), null, null)).length).toBeGreaterThan(
      licensing.length,
    );
  });
});
