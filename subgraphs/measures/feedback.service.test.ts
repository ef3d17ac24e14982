import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest } from "../../test/slice";

/**
 * 触发反馈 (JRP arts. 13-14) goes to the unit whose entry a measure rested on: an entry in force when the measure
 * was applied *and already entered when the application was reported*. A unit that enters a back-dated BLACK
 * entry after another system reported a measure, and removes it at once, claims none of it.
 */
let slice: SliceTest;
const SUBJECT = uscc(760);
const FEEDBACK = `query ($from: Date!, $to: Date!) { myEntryFeedback(from: $from, to: $to) { caseNumber reportedBy } }`;
const ON_SUBJECT = { measures: "measureApplications { caseNumber }" };
const REPORTS = `query ($quarter: String!) { unitReports(quarter: $quarter) { unit measuresApplied } }`;

async function recognize(unit: string, documentNumber: string, recognizedOn: string) {
  const result = await slice.execute<{ recognizeListEntry: { id: string } }>(
    "lists",
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      viewer: { role: "PROVIDER", org: unit },
      variables: {
        input: {
          subject: { identifier: SUBJECT, name: "反馈公司", kind: "LEGAL_PERSON" },
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行生效判决",
          basis: "JRP",
          documentNumber,
          recognizedOn,
        },
      },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.recognizeListEntry.id;
}

const feedbackOf = async (unit: string) => {
  const answer = await slice.execute<{ myEntryFeedback: Array<{ caseNumber: string }> }>(
    "measures",
    FEEDBACK,
    {
      viewer: { role: "PROVIDER", org: unit },
      variables: { from: "2026-06-01", to: "2026-12-01" },
    },
  );
  expect(answer.errors).toBeUndefined();
  return answer.data!.myEntryFeedback.map((application) => application.caseNumber);
};

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  await recognize("HA-COURT", "FB-1", "2026-11-10");
  const applied = await slice.execute(
    "measures",
    `mutation ($input: MeasureApplicationInput!) { reportMeasureApplied(input: $input) { id } }`,
    {
      viewer: { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL", purpose: "PUBLIC_RESOURCE_TRADING" },
      variables: {
        input: {
          measureCode: "P05",
          identifier: SUBJECT,
          scenario: "PUBLIC_RESOURCE_TRADING",
          caseNumber: "FB-CASE",
          outcome: "投标资格被拒绝",
          appliedOn: "2026-11-18",
        },
      },
    },
  );
  expect(applied.errors).toBeUndefined();

  // A day later another unit enters an entry recognised "in June" and takes it off at once.
  slice.clock.set("2026-11-21T10:00:00+08:00");
  const backdated = await recognize("HA-SNOOP", "FB-2", "2026-06-01");
  const removed = await slice.execute(
    "lists",
    `mutation ($id: ID!, $reason: String!) { removeListEntry(id: $id, reason: $reason) { status } }`,
    {
      viewer: { role: "PROVIDER", org: "HA-SNOOP" },
      variables: { id: backdated, reason: "录入错误" },
    },
  );
  expect(removed.errors).toBeUndefined();
});
afterAll(async () => slice?.stop());

describe("feedback on a list entry (触发反馈)", () => {
  it("reaches the unit whose entry was on the platform when the measure was reported", async () => {
    expect(await feedbackOf("HA-COURT")).toEqual(["FB-CASE"]);
  });

  it("does not reach a unit that entered a back-dated entry after the application was reported", async () => {
    expect(await feedbackOf("HA-SNOOP")).toEqual([]);
    const onSubject = await slice.readSubject<{ measureApplications: unknown[] }>(SUBJECT, ON_SUBJECT, {
      viewer: { role: "PROVIDER", org: "HA-SNOOP" },
    });
    expect(onSubject.data!.subject.measureApplications).toEqual([]);
  });

  it("is not counted in the back-dating unit's quarterly report", async () => {
    const reports = await slice.execute<{ unitReports: Array<{ unit: string; measuresApplied: number }> }>(
      "measures",
      REPORTS,
      {
        viewer: { role: "CREDIT_CENTER", org: "HA-CREDIT" },
        variables: { quarter: "2026Q4" },
      },
    );
    expect(reports.errors).toBeUndefined();
    const applied = Object.fromEntries(
      reports.data!.unitReports.map((report) => [report.unit, report.measuresApplied]),
    );
    expect(applied).toMatchObject({ "HA-COURT": 1 });
    expect(applied["HA-SNOOP"] ?? 0).toBe(0);
  });
});
