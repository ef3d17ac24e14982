import "reflect-metadata";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statutoryDaysOf } from "../../domain/statutory-holidays";
import { WorkingDayCalendar, type YearArrangement } from "../../domain/working-days";
import { loadWorkingDayCalendar } from "../../platform/calendar-files";
import { createLogger } from "../../platform/logger";
import { confirmProvisionalDeadlines } from "./deadline.service";
import { confirmDeadline, listProvisionalDeadlines } from "./repair.repository";
import { citizenId, daysAgo, uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/** docs/api.md "Deadlines never stop a filing" (PCIM arts. 28-31, JRP arts. 15-19): the year end of 2026, before the 2027 notice. */
const PERSON = citizenId(940);
const COMPANY = uscc(941);
const PROVIDER = "HA-SAMR";
const FILE = `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id state dueOn dueOnProvisional overdue } }`;
const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state dueOn dueOnProvisional } }`;
const MOVE_CASE = `mutation ($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { state dueOn dueOnProvisional } }`;

type Filed = {
  fileObjection: { id: string; state: string; dueOn: string; dueOnProvisional: boolean; overdue: boolean };
};

async function submitRecord(slice: SliceTest, documentNumber: string): Promise<string> {
  const provider: SliceViewer = { role: "PROVIDER", org: PROVIDER };
  const submitted = await slice.execute<{ submitRecords: { ids: string[] } }>(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    {
      viewer: provider,
      variables: {
        records: [
          {
            subject: { identifier: PERSON, name: "异议人", kind: "NATURAL_PERSON" },
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "行政处罚",
            documentNumber,
            decidedOn: daysAgo(30, slice.clock.now()),
          },
        ],
      },
    },
  );
  return submitted.data!.submitRecords.ids[0]!;
}

/** 2024-2026 as shipped, plus a 2027 notice the test writes (a fixture: the real one is loaded only from the State Council's text). */
function calendarWith2027(arrangement: Omit<YearArrangement, "year" | "source">): WorkingDayCalendar {
  const shipped = [2024, 2025, 2026].map((year) => {
    const calendar = loadWorkingDayCalendar().calendar.yearOf(year);
    return {
      year,
      source: calendar.source,
      holidays: [...calendar.holidays],
      makeUpWorkdays: [...calendar.makeUpWorkdays],
    };
  });
  return new WorkingDayCalendar([
    ...shipped,
    { year: 2027, source: "test fixture for 2027", ...arrangement },
  ]);
}

describe("deadlines at the end of 2026, with no 2027 notice loaded", () => {
  let slice: SliceTest;
  beforeAll(async () => {
    // Through the variable, as a demo would set it; the test moves the clock on with `clock.set`.
    slice = await startSliceTest({ environment: { CREDIT_NOW: "2026-12-28T10:00:00+08:00" } });
  });
  afterAll(async () => slice?.stop());

  it("files an objection on 28 December with a provisional due date in January that skips 1 January and the weekends; the provider's CORRECTED on 29 December succeeds", async () => {
    const recordId = await submitRecord(slice, "DL-1");
    const subject: SliceViewer = { role: "SUBJECT", subject: PERSON };
    const filed = await slice.execute<Filed>("repair", FILE, {
      viewer: subject,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "处罚对象有误" } },
    });
    expect(filed.errors).toBeUndefined();
    // 29, 30, 31 December, (1 January off, 2-3 weekend) 4-8, 11, 12 January.
    expect(filed.data!.fileObjection).toMatchObject({
      state: "SUBMITTED",
      dueOn: "2027-01-12",
      dueOnProvisional: true,
      overdue: false,
    });
    const id = filed.data!.fileObjection.id;

    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    expect(
      (await slice.execute("repair", MOVE, { viewer: centre, variables: { id, to: "UNDER_REVIEW" } })).errors,
    ).toBeUndefined();
    const verifying = await slice.execute<{ moveObjection: { dueOn: string; dueOnProvisional: boolean } }>(
      "repair",
      MOVE,
      { viewer: centre, variables: { id, to: "PROVIDER_VERIFYING" } },
    );
    // Five working days from 28 December: 29, 30, 31 December, 4, 5 January.
    expect(verifying.data!.moveObjection).toEqual({
      state: "PROVIDER_VERIFYING",
      dueOn: "2027-01-05",
      dueOnProvisional: true,
    });

    slice.clock.set("2026-12-29T10:00:00+08:00");
    const provider: SliceViewer = { role: "PROVIDER", org: PROVIDER };
    const corrected = await slice.execute<{
      moveObjection: { state: string; dueOn: string; dueOnProvisional: boolean };
    }>("repair", MOVE, {
      viewer: provider,
      variables: { id, to: "CORRECTED", note: "核实有误，已更正" },
    });
    expect(corrected.errors).toBeUndefined();
    // Made known within three working days: 30, 31 December, 4 January.
    expect(corrected.data!.moveObjection).toEqual({
      state: "CORRECTED",
      dueOn: "2027-01-04",
      dueOnProvisional: true,
    });
    // A corrected objection is settled (PCIM arts. 28-30, JRP art. 16): never overdue, even after its three days.
    const now = slice.clock.now();
    slice.clock.set("2027-02-01T10:00:00+08:00");
    const later = await slice.readSubject<{ objections: Array<{ id: string; overdue: boolean }> }>(
      PERSON,
      { repair: "objections { id overdue }" },
      {
        viewer: subject,
      },
    );
    expect(later.data!.subject.objections.find((objection) => objection.id === id)!.overdue).toBe(false);
    slice.clock.set(now);
    const record = await slice.db
      .selectFrom("credit_records")
      .select("status")
      .where("id", "=", recordId)
      .executeTakeFirstOrThrow();
    expect(record.status).toBe("CORRECTED");
  });

  it("puts a repair into publicity on 25 December, five working days to 4 January, provisional", async () => {
    slice.clock.set("2026-12-25T10:00:00+08:00");
    const provider: SliceViewer = { role: "PROVIDER", org: PROVIDER };
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    const entry = await slice.execute<{ recognizeListEntry: { id: string } }>(
      "lists",
      `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: { identifier: COMPANY, name: "年末修复公司", kind: "LEGAL_PERSON" },
            list: "BLACK",
            grounds: "B05_CAPACITY_REDUCTION",
            facts: "拒不履行义务",
            basis: "JRP",
            documentNumber: "DL-L",
            recognizedOn: daysAgo(200, slice.clock.now()),
            validUntil: daysAgo(-500, slice.clock.now()),
          },
        },
      },
    );
    const company: SliceViewer = { role: "SUBJECT", subject: COMPANY };
    const applied = await slice.execute<{ applyForRepair: { id: string } }>(
      "repair",
      `mutation ($input: RepairInput!) { applyForRepair(input: $input) { id } }`,
      {
        viewer: company,
        variables: {
          input: {
            targetId: entry.data!.recognizeListEntry.id,
            commitment: "本公司已全面履行义务，承诺依法诚信经营",
            evidence: "履行证明",
            rectifiedOn: daysAgo(190, slice.clock.now()),
          },
        },
      },
    );
    expect(applied.errors).toBeUndefined();
    const id = applied.data!.applyForRepair.id;
    expect(
      (
        await slice.execute("repair", MOVE_CASE, {
          viewer: provider,
          variables: { id, to: "OPINION_SUPPORTED", note: "同意修复" },
        })
      ).errors,
    ).toBeUndefined();
    const publicity = await slice.execute<{
      moveRepairCase: { state: string; dueOn: string; dueOnProvisional: boolean };
    }>("repair", MOVE_CASE, { viewer: centre, variables: { id, to: "IN_PUBLICITY" } });
    expect(publicity.errors).toBeUndefined();
    expect(publicity.data!.moveRepairCase).toEqual({
      state: "IN_PUBLICITY",
      dueOn: "2027-01-04",
      dueOnProvisional: true,
    });
  });

  it("tells auditors from 1 November that next year's notice is missing, and not in October", async () => {
    const auditor: SliceViewer = { role: "AUDITOR", org: "HA-AUDIT" };
    const alerts = async () =>
      (
        await slice.execute<{ auditAlerts: Array<{ rule: string; detail: string }> }>(
          "audit",
          `{ auditAlerts { rule detail } }`,
          { viewer: auditor },
        )
      ).data!.auditAlerts.filter((alert) => alert.rule === "CALENDAR_PROVISIONAL");
    expect(await alerts()).toEqual([
      {
        rule: "CALENDAR_PROVISIONAL",
        detail: expect.stringContaining("no State Council holiday notice loaded for 2027"),
      },
    ]);
    const now = slice.clock.now();
    slice.clock.set("2026-10-31T10:00:00+08:00");
    expect(await alerts()).toEqual([]);
    slice.clock.set(now);
  });

  it("recounts provisional deadlines when the 2027 notice is loaded: later when it adds a bridge, never earlier when it adds a make-up day, with a history step", async () => {
    slice.clock.set("2026-12-30T10:00:00+08:00");
    const logger = createLogger({ logLevel: "silent" });
    const before = await slice.readSubject<{ objections: Array<{ id: string; dueOn: string }> }>(
      PERSON,
      {
        repair:
          "objections { id dueOn dueOnProvisional history { from to role note } } repairCases { id dueOn dueOnProvisional history { from to note } }",
      },
      {
        viewer: { role: "SUBJECT", subject: PERSON },
      },
    );
    expect(before.data!.subject.objections.map((objection) => objection.dueOn)).toEqual(["2027-01-04"]);

    // A notice that makes Saturday 9 January a working day would end publicity no earlier than told,
    // and one that also takes Monday 4 January off moves every deadline reaching past it one day on.
    const earlier = calendarWith2027({
      holidays: statutoryDaysOf(2027).map((day) => day.date),
      makeUpWorkdays: ["2027-01-02"],
    });
    expect(earlier.addWorkingDays("2026-12-25", 5).dueOn).toBe("2027-01-02");
    expect(
      await confirmProvisionalDeadlines(slice.db, { calendar: earlier, clock: slice.clock, logger }),
    ).toBe(2);
    expect(
      await confirmProvisionalDeadlines(slice.db, { calendar: earlier, clock: slice.clock, logger }),
    ).toBe(0);

    const person = await slice.readSubject<{
      objections: Array<{
        dueOn: string;
        dueOnProvisional: boolean;
        history: Array<{ from: string; to: string; role: string; note: string }>;
      }>;
    }>(
      PERSON,
      {
        repair:
          "objections { id dueOn dueOnProvisional history { from to role note } } repairCases { id dueOn dueOnProvisional history { from to note } }",
      },
      {
        viewer: { role: "SUBJECT", subject: PERSON },
      },
    );
    const objection = person.data!.subject.objections[0]!;
    expect(objection).toMatchObject({ dueOn: "2027-01-04", dueOnProvisional: false });
    expect(objection.history.at(-1)).toMatchObject({
      from: "CORRECTED",
      to: "CORRECTED",
      role: "CREDIT_CENTER",
      note: expect.stringMatching(/^deadline 2027-01-04 confirmed by the official calendar/),
    });

    const company = await slice.readSubject<{
      repairCases: Array<{
        dueOn: string;
        dueOnProvisional: boolean;
        history: Array<{ note: string | null }>;
      }>;
    }>(
      COMPANY,
      {
        repair:
          "objections { id dueOn dueOnProvisional history { from to role note } } repairCases { id dueOn dueOnProvisional history { from to note } }",
      },
      {
        viewer: { role: "SUBJECT", subject: COMPANY },
      },
    );
    expect(company.data!.subject.repairCases[0]).toMatchObject({
      dueOn: "2027-01-04",
      dueOnProvisional: false,
    });
  });

  it("moves a provisional deadline later when the notice adds a day off", async () => {
    const recordId = await submitRecord(slice, "DL-2");
    const subject: SliceViewer = { role: "SUBJECT", subject: PERSON };
    const filed = await slice.execute<Filed>("repair", FILE, {
      viewer: subject,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "金额有误" } },
    });
    // Filed 30 December: 31 December, 4-8, 11-14 January.
    expect(filed.data!.fileObjection).toMatchObject({ dueOn: "2027-01-14", dueOnProvisional: true });
    const bridged = calendarWith2027({
      holidays: [...statutoryDaysOf(2027).map((day) => day.date), "2027-01-04"],
      makeUpWorkdays: [],
    });
    expect(
      await confirmProvisionalDeadlines(slice.db, {
        calendar: bridged,
        clock: slice.clock,
        logger: createLogger({ logLevel: "silent" }),
      }),
    ).toBe(1);
    const objections = await slice.readSubject<{
      objections: Array<{
        id: string;
        dueOn: string;
        dueOnProvisional: boolean;
        history: Array<{ note: string | null }>;
      }>;
    }>(
      PERSON,
      {
        repair:
          "objections { id dueOn dueOnProvisional history { from to role note } } repairCases { id dueOn dueOnProvisional history { from to note } }",
      },
      {
        viewer: subject,
      },
    );
    const moved = objections.data!.subject.objections.find(
      (objection) => objection.id === filed.data!.fileObjection.id,
    )!;
    expect(moved).toMatchObject({ dueOn: "2027-01-15", dueOnProvisional: false });
    expect(moved.history.at(-1)!.note).toMatch(
      /^deadline moved from 2027-01-14 \(provisional\) to 2027-01-15 by the official calendar \(.*test fixture for 2027/,
    );
  });
});

describe("a recount racing a step taken meanwhile", () => {
  let slice: SliceTest;
  beforeAll(async () => {
    slice = await startSliceTest({ now: "2026-12-28T10:00:00+08:00" });
  });
  afterAll(async () => slice?.stop());

  it("leaves the case alone when it changed after the recount read it", async () => {
    const recordId = await submitRecord(slice, "DL-4");
    const subject: SliceViewer = { role: "SUBJECT", subject: PERSON };
    const filed = await slice.execute<Filed>("repair", FILE, {
      viewer: subject,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "记录有误" } },
    });
    const db = slice.db;
    const [read] = (await listProvisionalDeadlines(db)).objections;
    expect(read).toMatchObject({ id: filed.data!.fileObjection.id, due_on: "2027-01-12" });
    // Another process takes a step that gives the case a new provisional date before this one writes.
    await db
      .updateTable("objections")
      .set({ due_on: "2027-01-20", state_changed_on: "2027-01-06" })
      .where("id", "=", read!.id)
      .execute();
    expect(await confirmDeadline(db, "objections", read!, "2027-01-12")).toBe(false);
    expect(
      await db
        .selectFrom("objections")
        .select(["due_on", "due_on_provisional"])
        .where("id", "=", read!.id)
        .executeTakeFirstOrThrow(),
    ).toEqual({ due_on: "2027-01-20", due_on_provisional: true });
  });
});

describe("a calendar folder that is empty or holds a broken file", () => {
  let slice: SliceTest;
  const folder = mkdtempSync(path.join(tmpdir(), "credit-calendar-"));
  afterAll(async () => {
    await slice?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it("refuses the broken file, counts every year provisionally, and still accepts filings and every step", async () => {
    writeFileSync(
      path.join(folder, "2026.json"),
      JSON.stringify({
        year: 2026,
        source: "国务院办公厅关于2026年部分节假日安排的通知",
        holidays: ["2026-13-01"],
        makeUpWorkdays: [],
      }),
    );
    const { calendar, refused } = loadWorkingDayCalendar(folder);
    expect(refused.map((problem) => problem.problems)).toEqual([
      ["2026-13-01: in holidays, not a real date written YYYY-MM-DD"],
    ]);
    slice = await startSliceTest({ now: "2026-12-28T10:00:00+08:00", calendar });
    const recordId = await submitRecord(slice, "DL-3");
    const subject: SliceViewer = { role: "SUBJECT", subject: PERSON };
    const filed = await slice.execute<Filed>("repair", FILE, {
      viewer: subject,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "记录有误" } },
    });
    expect(errorCodes(filed)).toEqual([]);
    expect(filed.data!.fileObjection).toMatchObject({ dueOn: "2027-01-12", dueOnProvisional: true });
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    const id = filed.data!.fileObjection.id;
    for (const to of ["UNDER_REVIEW", "PROVIDER_VERIFYING"])
      expect(
        errorCodes(await slice.execute("repair", MOVE, { viewer: centre, variables: { id, to } })),
      ).toEqual([]);
    const provider: SliceViewer = { role: "PROVIDER", org: PROVIDER };
    expect(
      errorCodes(
        await slice.execute("repair", MOVE, {
          viewer: provider,
          variables: { id, to: "CORRECTED", note: "已更正" },
        }),
      ),
    ).toEqual([]);
  });
});
