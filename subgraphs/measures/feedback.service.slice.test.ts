import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import type { SubjectRef } from "../../domain/subject-ref";
import { recognizeListEntry } from "../lists/list-entry.workflow";
import { findMeasureStats, findMyEntryFeedback, reportMeasureApplied } from "./feedback.service";
import { listSubjectMeasureApplications } from "./measure.service";
import type { MeasureApplicationInput } from "./screening.type";

/**
 * The feedback loop at its own height (触发反馈, JRP arts. 13-14): a screening system reports the
 * measure it applied — refused whole and unwritten when any field is wrong — the recognising unit reads the
 * feedback on its listings, and the centre the statistics. Clock: 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("measures", viewer);
const BANK = { role: "ORGANIZATION", org: "BANK-9", purpose: "CREDIT_LENDING" } as const;
const COURT = { role: "PROVIDER", org: "HA-COURT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const LISTED: SubjectRef = { identifier: uscc(9601), name: "反馈测试公司", kind: "LEGAL_PERSON" };

const report = (overrides: Partial<MeasureApplicationInput> = {}): MeasureApplicationInput =>
  Object.assign(
    {
      measureCode: "P09",
      identifier: LISTED.identifier,
      scenario: "CREDIT_LENDING",
      caseNumber: "贷-2026-001",
      outcome: "拒绝授信",
      appliedOn: "2026-11-19",
    },
    overrides,
  ) as MeasureApplicationInput;
const applications = async () =>
  Number(
    (
      await slice.db
        .selectFrom("measure_applications")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );
let subjectId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const court = await slice.context("lists", COURT);
  await recognizeListEntry(court, {
    subject: LISTED,
    list: "BLACK",
    grounds: "B07_REFUSE_JUDGEMENT",
    facts: "拒不履行生效判决",
    basis: "JRP",
    documentNumber: "FB-B-1",
    recognizedOn: "2026-11-16",
  });
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", LISTED.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("reportMeasureApplied", () => {
  it("refuses a wrong measure, scenario, unknown subject, text or date (BAD_USER_INPUT) or a malformed identifier (INVALID_IDENTIFIER), writing nothing", async () => {
    const bank = await context(BANK);
    for (const wrong of [
      { measureCode: "P99" },
      { scenario: "HONORS" },
      { identifier: uscc(9699) },
      { caseNumber: " " },
      { appliedOn: "2026-11-21" },
    ] as const) {
      expect(
        await refusalOf(async () =>
          reportMeasureApplied(bank, report(wrong as Partial<MeasureApplicationInput>)),
        ),
      ).toBe("BAD_USER_INPUT");
    }
    expect(
      await refusalOf(async () => reportMeasureApplied(bank, report({ identifier: "91320800MA0000000X" }))),
    ).toBe("INVALID_IDENTIFIER");
    expect(await applications()).toBe(0);
    expect(bank.disclosures.summary()).toEqual([]);
  });

  it("is reported by a screening system with its organisation and purpose only", async () => {
    expect(
      await refusalOf(async () => reportMeasureApplied(await context({ role: "PUBLIC" }), report())),
    ).toBe("FORBIDDEN");
    expect(await refusalOf(async () => reportMeasureApplied(await context(COURT), report()))).toBe(
      "FORBIDDEN",
    );
    expect(
      await refusalOf(async () =>
        reportMeasureApplied(await context({ role: "ORGANIZATION", org: "BANK-9" }), report()),
      ),
    ).toBe("PURPOSE_REQUIRED");
    expect(
      await refusalOf(async () =>
        reportMeasureApplied(await context({ role: "ORGANIZATION", purpose: "CREDIT_LENDING" }), report()),
      ),
    ).toBe("FORBIDDEN");
    expect(await applications()).toBe(0);
  });

  it("stores the application under the reporter's organisation and discloses it as the subject's government-tier data", async () => {
    const bank = await context(BANK);
    const applied = await reportMeasureApplied(bank, report({ caseNumber: "  贷-2026-001 " }));
    expect(applied).toMatchObject({
      reportedBy: "BANK-9",
      caseNumber: "贷-2026-001",
      outcome: "拒绝授信",
      appliedOn: "2026-11-19",
      measure: { code: "P09" },
    });
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
  });
});

describe("who reads the feedback", () => {
  it("the recognising unit reads the feedback on its listings, in a period of at most a year; another unit reads none", async () => {
    expect(
      (await findMyEntryFeedback(await context(COURT), "2026-01-01", "2026-12-31")).map(
        (application) => application.reportedBy,
      ),
    ).toEqual(["BANK-9"]);
    expect(
      await findMyEntryFeedback(
        await context({ role: "PROVIDER", org: "HA-MEDIA" }),
        "2026-01-01",
        "2026-12-31",
      ),
    ).toEqual([]);
    expect(
      await refusalOf(async () => findMyEntryFeedback(await context(COURT), "2025-01-01", "2026-12-31")),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => findMyEntryFeedback(await context(COURT), "2026-12-31", "2026-01-01")),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        findMyEntryFeedback(await context({ role: "PUBLIC" }), "2026-01-01", "2026-12-31"),
      ),
    ).toBe("FORBIDDEN");
  });

  it("the subject, the reporter and the centre read it on the subject's file; the public does not", async () => {
    const count = async (viewer: Who) =>
      (await listSubjectMeasureApplications(await context(viewer), subjectId)).length;
    expect(await count({ role: "SUBJECT", subject: LISTED.identifier })).toBe(1);
    expect(await count(BANK)).toBe(1);
    expect(await count(CENTRE)).toBe(1);
    expect(await count({ role: "ORGANIZATION", org: "BANK-8", purpose: "CREDIT_LENDING" })).toBe(0);
    expect(await count({ role: "PUBLIC" })).toBe(0);
  });

  it("the centre alone reads the measure statistics", async () => {
    expect(await findMeasureStats(await context(CENTRE), null, null)).toMatchObject([
      {
        measure: { code: "P09" },
        applications: 1,
        subjects: 1,
        reporters: 1,
        outcomes: [{ outcome: "拒绝授信", count: 1 }],
      },
    ]);
    expect(await findMeasureStats(await context(CENTRE), "2026-11-20", null)).toEqual([]);
    expect(await refusalOf(async () => findMeasureStats(await context(COURT), null, null))).toBe("FORBIDDEN");
  });
});
