import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import type { SubjectRef } from "../../domain/subject-ref";
import { recognizeListEntry } from "../lists/list-entry.workflow";
import { reportMeasureApplied } from "./feedback.service";
import { findUnitReports } from "./unit-report.service";

/**
 * The units' quarterly figures at their own height (JRP arts. 21-22): listings, late pushes and measures applied
 * on them, per unit, each unit reading its own and the centre all. Clock: 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("measures", viewer);
const COURT = { role: "PROVIDER", org: "HA-COURT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const LISTED: SubjectRef = { identifier: uscc(9611), name: "季报测试公司", kind: "LEGAL_PERSON" };
const entry = { list: "BLACK", grounds: "B07_REFUSE_JUDGEMENT", facts: "拒不履行生效判决", basis: "JRP" } as const;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const court = await slice.context("lists", COURT);
  await recognizeListEntry(court, { ...entry, subject: LISTED, documentNumber: "UR-B-1", recognizedOn: "2026-11-16" });
  // Pushed 20 working days after recognition: a late push (JRP art. 9) in the unit's quarter.
  await recognizeListEntry(court, { ...entry, subject: { ...LISTED, identifier: uscc(9612), name: "迟报测试公司" }, documentNumber: "UR-B-2", recognizedOn: "2026-10-20" });
  await reportMeasureApplied(await context({ role: "ORGANIZATION", org: "BANK-9", purpose: "CREDIT_LENDING" }), {
    measureCode: "P09", identifier: LISTED.identifier, scenario: "CREDIT_LENDING", caseNumber: "贷-2026-001", outcome: "拒绝授信", appliedOn: "2026-11-19",
  } as Parameters<typeof reportMeasureApplied>[1]);
});
afterAll(async () => slice?.stop());

describe("findUnitReports", () => {
  it("gives the centre every unit's quarter: listings, late pushes, measures applied on them", async () => {
    const reports = await findUnitReports(await context(CENTRE), "2026Q4");
    expect(reports).toMatchObject([{ unit: "HA-COURT", quarter: "2026Q4", complete: false, entriesRecognized: 2, latePushes: 1, measuresApplied: 1, measureOutcomes: [{ outcome: "拒绝授信", count: 1 }], objectionsCorrected: 0 }]);
  });

  it("gives a unit its own report only, and refuses the public, a malformed quarter and one not yet begun", async () => {
    expect((await findUnitReports(await context(COURT), "2026Q4")).map((row) => row.unit)).toEqual(["HA-COURT"]);
    expect(await findUnitReports(await context({ role: "PROVIDER", org: "HA-MEDIA" }), "2026Q4")).toEqual([]);
    expect(await refusalOf(async () => findUnitReports(await context({ role: "PUBLIC" }), "2026Q4"))).toBe("FORBIDDEN");
    expect(await refusalOf(async () => findUnitReports(await context(CENTRE), "2026-Q4"))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(async () => findUnitReports(await context(CENTRE), "2027Q1"))).toBe("BAD_USER_INPUT");
    expect(await findUnitReports(await context(CENTRE), "2026Q3")).toEqual([]);
  });
});
