import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/**
 * The reporting side of the lists (JRP arts. 9, 13-14, 21-22): a unit reads what was applied on its
 * entries, and the credit centre reads each unit's quarter. The clock is pinned to 1 December 2026 (China
 * time), in 2026Q4; entries, applications and objections are dated in 2026Q3 and 2026Q4.
 */
let slice: SliceTest;
let government: SliceViewer;

const company = (n: number) => ({ identifier: uscc(n), name: `报告公司${n}`, kind: "LEGAL_PERSON" });
const FEEDBACK = `query ($from: Date!, $to: Date!) { myEntryFeedback(from: $from, to: $to) { subject { id } measure { code } reportedBy caseNumber outcome appliedOn } }`;
const REPORTS = `query ($quarter: String!) { unitReports(quarter: $quarter) { quarter from to complete unit entriesRecognized latePushes measuresApplied measureOutcomes { outcome count } objectionsCorrected } }`;

async function recognize(
  unit: string,
  n: number,
  documentNumber: string,
  recognizedOn: string,
  grounds = "B07_REFUSE_JUDGEMENT",
) {
  const result = await slice.execute<{ recognizeListEntry: { id: string; pushedLate: boolean } }>(
    "lists",
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id pushedLate } }`,
    {
      viewer: { role: "PROVIDER", org: unit },
      variables: {
        input: {
          subject: company(n),
          list: "BLACK",
          grounds,
          facts: "拒不履行生效判决",
          basis: "JRP",
          documentNumber,
          recognizedOn,
        },
      },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.recognizeListEntry;
}

async function apply(n: number, caseNumber: string, appliedOn: string, outcome = "投标资格被拒绝") {
  const result = await slice.execute(
    "measures",
    `mutation ($input: MeasureApplicationInput!) { reportMeasureApplied(input: $input) { id } }`,
    {
      viewer: { ...government, purpose: "PUBLIC_RESOURCE_TRADING" },
      variables: {
        input: {
          measureCode: "P05",
          identifier: uscc(n),
          scenario: "PUBLIC_RESOURCE_TRADING",
          caseNumber,
          outcome,
          appliedOn,
        },
      },
    },
  );
  expect(result.errors).toBeUndefined();
}

async function objection(entryId: string, state: "CORRECTED" | "UPHELD", on: string) {
  const db = slice.db;
  const entry = await db
    .selectFrom("list_entries")
    .selectAll()
    .where("id", "=", entryId)
    .executeTakeFirstOrThrow();
  await db
    .insertInto("objections")
    .values({
      subject_id: entry.subject_id,
      subject_identifier: entry.subject_identifier,
      target_id: entry.id,
      target_type: "LIST_ENTRY",
      provider: entry.recognized_by,
      ground: "WRONG_OR_INCOMPLETE",
      statement: "已履行",
      state,
      filed_on: on,
      state_changed_on: on,
    })
    .execute();
}

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-12-01T10:00:00+08:00" });
  government = { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" };
  // 2026-11-20 + 7 working days is 2026-12-01: on time; the others are pushed late, one of them recognised in Q3.
  expect(await recognize("HA-COURT", 700, "R-700", "2026-11-20")).toMatchObject({ pushedLate: false });
  const late = await recognize("HA-COURT", 701, "R-701", "2026-11-02");
  expect(late).toMatchObject({ pushedLate: true });
  await recognize("HA-COURT", 702, "R-702", "2026-09-10");
  const tax = await recognize("HA-TAX", 703, "R-703", "2026-11-25");
  await apply(700, "T-1", "2026-11-30");
  await apply(701, "T-2", "2026-11-30", "已从严审核");
  // Applied before the entry was recognised: not on it.
  await apply(701, "T-3", "2026-10-15");
  await apply(703, "T-4", "2026-11-30");
  await objection(late.id, "CORRECTED", "2026-11-28");
  await objection(late.id, "UPHELD", "2026-11-28");
  await objection(tax.id, "CORRECTED", "2026-09-30");
});

afterAll(async () => {
  await slice?.stop();
});

describe("a unit reads the feedback on its entries (触发反馈, DOMAIN.md §7)", () => {
  it("sees what was applied on the entries it recognised, in force that day, and not on another unit's", async () => {
    const read = async (unit: string) =>
      slice.execute<{
        myEntryFeedback: Array<{ caseNumber: string; reportedBy: string; measure: { code: string } }>;
      }>("measures", FEEDBACK, {
        viewer: { role: "PROVIDER", org: unit },
        variables: { from: "2026-10-01", to: "2026-12-01" },
      });
    const court = await read("HA-COURT");
    expect(court.errors).toBeUndefined();
    expect(court.data!.myEntryFeedback.map((application) => application.caseNumber).sort()).toEqual([
      "T-1",
      "T-2",
    ]);
    expect(court.data!.myEntryFeedback[0]).toMatchObject({
      reportedBy: "HA-ADMIN-APPROVAL",
      measure: { code: "P05" },
    });
    expect((await read("HA-TAX")).data!.myEntryFeedback.map((application) => application.caseNumber)).toEqual(
      ["T-4"],
    );
    expect((await read("HA-NDRC")).data!.myEntryFeedback).toEqual([]);
    // The credit centre reads every application, but its own unit recognised none of these entries.
    const centre = await slice.execute<{ myEntryFeedback: unknown[] }>("measures", FEEDBACK, {
      viewer: { role: "CREDIT_CENTER", org: "HA-CREDIT" },
      variables: { from: "2026-10-01", to: "2026-12-01" },
    });
    expect(centre.data!.myEntryFeedback).toEqual([]);
  });

  it("reads it on the subject too, under the same rule", async () => {
    const court = await slice.readSubject<{ measureApplications: Array<{ caseNumber: string }> }>(
      uscc(701),
      { measures: "measureApplications { caseNumber }" },
      {
        viewer: { role: "PROVIDER", org: "HA-COURT" },
      },
    );
    expect(court.errors).toBeUndefined();
    expect(court.data!.subject.measureApplications.map((application) => application.caseNumber)).toEqual([
      "T-2",
    ]);
    const tax = await slice.readSubject<{ measureApplications: unknown[] }>(
      uscc(701),
      { measures: "measureApplications { caseNumber }" },
      {
        viewer: { role: "PROVIDER", org: "HA-TAX" },
      },
    );
    expect(tax.data!.subject.measureApplications).toEqual([]);
  });

  it("is asked for a period of at most a year", async () => {
    const token: SliceViewer = { role: "PROVIDER", org: "HA-COURT" };
    expect(
      errorCodes(
        await slice.execute("measures", FEEDBACK, {
          viewer: token,
          variables: { from: "2025-01-01", to: "2026-12-01" },
        }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      errorCodes(
        await slice.execute("measures", FEEDBACK, {
          viewer: token,
          variables: { from: "2026-12-01", to: "2026-10-01" },
        }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("the quarterly report per unit (JRP arts. 9, 21-22)", () => {
  it("counts each unit's listings, late pushes, measures on its entries and corrections of its items, by China-time quarter", async () => {
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    const q4 = await slice.execute<{ unitReports: unknown[] }>("measures", REPORTS, {
      viewer: centre,
      variables: { quarter: "2026Q4" },
    });
    expect(q4.errors).toBeUndefined();
    const quarter = { quarter: "2026Q4", from: "2026-10-01", to: "2026-12-31", complete: false };
    expect(q4.data!.unitReports).toEqual([
      {
        ...quarter,
        unit: "HA-COURT",
        entriesRecognized: 2,
        latePushes: 2,
        measuresApplied: 2,
        measureOutcomes: [
          { outcome: "已从严审核", count: 1 },
          { outcome: "投标资格被拒绝", count: 1 },
        ],
        objectionsCorrected: 1,
      },
      {
        ...quarter,
        unit: "HA-TAX",
        entriesRecognized: 1,
        latePushes: 0,
        measuresApplied: 1,
        measureOutcomes: [{ outcome: "投标资格被拒绝", count: 1 }],
        objectionsCorrected: 0,
      },
    ]);
    const q3 = await slice.execute<{ unitReports: unknown[] }>("measures", REPORTS, {
      viewer: centre,
      variables: { quarter: "2026Q3" },
    });
    expect(q3.data!.unitReports).toEqual([
      {
        quarter: "2026Q3",
        from: "2026-07-01",
        to: "2026-09-30",
        complete: true,
        unit: "HA-COURT",
        entriesRecognized: 1,
        latePushes: 0,
        measuresApplied: 0,
        measureOutcomes: [],
        objectionsCorrected: 0,
      },
      {
        quarter: "2026Q3",
        from: "2026-07-01",
        to: "2026-09-30",
        complete: true,
        unit: "HA-TAX",
        entriesRecognized: 0,
        latePushes: 0,
        measuresApplied: 0,
        measureOutcomes: [],
        objectionsCorrected: 1,
      },
    ]);
  });

  it("gives a unit its own row only, and nobody else any", async () => {
    const own = await slice.execute<{ unitReports: Array<{ unit: string }> }>("measures", REPORTS, {
      viewer: { role: "PROVIDER", org: "HA-TAX" },
      variables: { quarter: "2026Q4" },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.unitReports.map((report) => report.unit)).toEqual(["HA-TAX"]);
    for (const token of [
      { role: "ORGANIZATION", org: "HA-BANK" } satisfies SliceViewer,
      { role: "AUDITOR", org: "HA-AUDIT" } satisfies SliceViewer,
    ]) {
      expect(
        errorCodes(
          await slice.execute("measures", REPORTS, { viewer: token, variables: { quarter: "2026Q4" } }),
        ),
      ).toEqual(["FORBIDDEN"]);
    }
    expect(
      errorCodes(await slice.execute("measures", REPORTS, { variables: { quarter: "2026Q4" } })),
    ).toEqual(["FORBIDDEN"]);
  });

  it("refuses a quarter that is not one or has not begun", async () => {
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    for (const quarter of ["2026Q5", "2026-Q4", "2027Q1"]) {
      expect(
        errorCodes(await slice.execute("measures", REPORTS, { viewer: centre, variables: { quarter } })),
      ).toEqual(["BAD_USER_INPUT"]);
    }
  });
});
