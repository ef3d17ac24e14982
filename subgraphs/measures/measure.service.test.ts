import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import type { SubjectRef } from "../../domain/subject-ref";
import { recognizeListEntry } from "../lists/list-entry.workflow";
import { reportMeasureApplied } from "./feedback.service";
import {
  discloseMeasureApplications,
  findMeasures,
  listSubjectMeasureApplications,
  resolveMeasureByCode,
  toMeasure,
} from "./measure.service";
import type { MeasureRow } from "./measure.table";
import type { MeasureApplicationInput } from "./screening.type";

/**
 * The measure catalog and the applications on a subject's file, at their own height: the catalog is public
 * (everyone who reads the public tier; the auditor reads none of it), filtered by list and scenario, each
 * measure deciding as its text does in the scenario asked about or else its strictest; an application is read
 * by those the policy names and disclosed as the subject's government-tier data. Clock: 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("measures", viewer);
const BANK = { role: "ORGANIZATION", org: "BANK-9", purpose: "CREDIT_LENDING" } as const;
const LISTED: SubjectRef = { identifier: uscc(9611), name: "措施测试公司", kind: "LEGAL_PERSON" };
const RANK = { PASS: 0, GREEN_CHANNEL: 1, REVIEW: 2, BLOCK: 3 } as const;
let catalog: MeasureRow[];
let subjectId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  catalog = (await slice.db.selectFrom("measures").selectAll().orderBy("code").execute()) as MeasureRow[];
  await recognizeListEntry(await slice.context("lists", { role: "PROVIDER", org: "HA-COURT" }), {
    subject: LISTED,
    list: "BLACK",
    grounds: "B07_REFUSE_JUDGEMENT",
    facts: "拒不履行生效判决",
    basis: "JRP",
    documentNumber: "MS-B-1",
    recognizedOn: "2026-11-16",
  });
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", LISTED.identifier)
      .executeTakeFirstOrThrow()
  ).id;
  await reportMeasureApplied(await context(BANK), {
    measureCode: "P09",
    identifier: LISTED.identifier,
    scenario: "CREDIT_LENDING",
    caseNumber: "贷-2026-009",
    outcome: "拒绝授信",
    appliedOn: "2026-11-19",
  } as MeasureApplicationInput);
});
afterAll(async () => slice?.stop());

describe("findMeasures", () => {
  it("is the whole catalog to the public and no measure to the auditor", async () => {
    expect(catalog.length).toBeGreaterThan(0);
    expect((await findMeasures(await context({ role: "PUBLIC" }), null, null)).map((m) => m.code)).toEqual(
      catalog.map((row) => row.code),
    );
    expect(await findMeasures(await context({ role: "AUDITOR" }), null, null)).toEqual([]);
    expect(await resolveMeasureByCode(await context({ role: "AUDITOR" }), "P09")).toBeNull();
  });

  it("filters by list and scenario, and decides as the measure does in the scenario asked about, else its strictest", async () => {
    const measures = await findMeasures(await context({ role: "PUBLIC" }), "BLACK", "CREDIT_LENDING");
    const expected = catalog.filter(
      (row) => row.list === "BLACK" && row.scenarios.includes("CREDIT_LENDING"),
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(measures.map((measure) => [measure.code, measure.decision])).toEqual(
      expected.map((row) => [row.code, row.decisions.CREDIT_LENDING!.decision]),
    );
    for (const measure of await findMeasures(await context({ role: "PUBLIC" }), null, null)) {
      const row = catalog.find((each) => each.code === measure.code)!;
      const strictest = Math.max(...row.scenarios.map((scenario) => RANK[row.decisions[scenario]!.decision]));
      expect(RANK[measure.decision as keyof typeof RANK]).toBe(strictest);
    }
  });

  it("shows a measure deciding differently by scenario as it decides in the one asked about, else at its strictest", () => {
    const row = {
      ...catalog[0]!,
      scenarios: ["CREDIT_LENDING", "FISCAL_FUNDS"],
      decisions: {
        CREDIT_LENDING: { decision: "REVIEW", words: "审慎" },
        FISCAL_FUNDS: { decision: "BLOCK", words: "禁止" },
      },
    } as MeasureRow;
    expect(toMeasure(row, "CREDIT_LENDING").decision).toBe("REVIEW");
    expect(toMeasure(row, "FISCAL_FUNDS").decision).toBe("BLOCK");
    expect(toMeasure(row).decision).toBe("BLOCK");
  });

  it("resolves one measure by its code, null for a code not in the catalog", async () => {
    const publicContext = await context({ role: "PUBLIC" });
    expect(await resolveMeasureByCode(publicContext, "P09")).toMatchObject({ code: "P09" });
    expect(await resolveMeasureByCode(publicContext, "P99")).toBeNull();
    expect(publicContext.disclosures.summary()).toEqual([]);
  });
});

describe("listSubjectMeasureApplications", () => {
  it("shows the application to its reporter and the subject, disclosed as the subject's government-tier data; to others nothing", async () => {
    const bank = await context(BANK);
    const applications = await listSubjectMeasureApplications(bank, subjectId);
    expect(applications).toMatchObject([
      {
        subject: { id: subjectId },
        measure: { code: "P09" },
        reportedBy: "BANK-9",
        caseNumber: "贷-2026-009",
        outcome: "拒绝授信",
        appliedOn: "2026-11-19",
      },
    ]);
    expect(bank.disclosures.summary()).toEqual([
      {
        entityType: "MeasureApplication",
        tiers: ["GOVERNMENT"],
        consentIds: [],
        subjectIds: [subjectId],
        subjectIdentifiers: [LISTED.identifier],
        counts: [1],
      },
    ]);
    expect(
      await listSubjectMeasureApplications(
        await context({ role: "SUBJECT", subject: LISTED.identifier }),
        subjectId,
      ),
    ).toHaveLength(1);
    for (const viewer of [
      { role: "PUBLIC" },
      { role: "ORGANIZATION", org: "BANK-8", purpose: "CREDIT_LENDING" },
    ] as const) {
      const other = await context(viewer);
      expect(await listSubjectMeasureApplications(other, subjectId)).toEqual([]);
      expect(other.disclosures.summary()).toEqual([]);
    }
  });

  it("drops an application whose measure is no longer in the catalog, disclosing nothing of it", async () => {
    const bank = await context(BANK);
    const [row] = await bank.loaders.applicationsBySubjectId.load(subjectId);
    expect(row).toBeDefined();
    expect(await discloseMeasureApplications(bank, [{ ...row!, measure_code: "P99" }])).toEqual([]);
    expect(bank.disclosures.summary()).toEqual([]);
  });
});
