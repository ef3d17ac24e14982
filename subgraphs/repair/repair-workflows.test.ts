import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo, uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/**
 * The workflows as the text has them (PCIM arts. 28-32, JRP arts. 15-19): the credit centre settles an
 * objection itself or forwards it; settled objections are never overdue; an appeal goes to the credit
 * authority (PCIM art. 30) with its own deadline; the provider's repair opinion is due and turns overdue;
 * anyone signed in objects during publicity and the provider verifies. The suite starts on Tuesday
 * 29 September 2026, so every deadline runs across National Day (1-7 October off, Saturday 10 October worked).
 */
let slice: SliceTest;
const PERSON = citizenId(960);
const COMPANY = uscc(961);
const OTHER_COMPANY = uscc(962);
const PROVIDER = "HA-TAX";
const START = "2026-09-29T10:00:00+08:00";
const LATER = "2026-10-30T10:00:00+08:00";
let subject: SliceViewer;
let company: SliceViewer;
let otherCompany: SliceViewer;
let provider: SliceViewer;
let centre: SliceViewer;
let authority: SliceViewer;
let recordIds: string[];
let entryIds: string[];

const FILE = `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id state dueOn overdue } }`;
const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { id state dueOn overdue statement history { to role note } } }`;
const WORKLIST = `query ($state: ObjectionState) { objections(state: $state) { id state statement dueOn overdue history { to role note } } }`;
const APPLY = `mutation ($input: RepairInput!) { applyForRepair(input: $input) { id state dueOn overdue } }`;
const MOVE_CASE = `mutation ($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { id state dueOn overdue commitment } }`;

type Moved = {
  moveObjection: {
    id: string;
    state: string;
    dueOn: string | null;
    overdue: boolean;
    statement: string;
    history: Array<{ to: string; role: string; note: string | null }>;
  };
};
type Mine = {
  subject: {
    objections: Array<{ id: string; state: string; dueOn: string | null; overdue: boolean }>;
    repairCases: Array<{ id: string; state: string; dueOn: string | null; overdue: boolean }>;
  };
};

beforeAll(async () => {
  slice = await startSliceTest({ now: START });
  subject = { role: "SUBJECT", subject: PERSON, sub: "citizen-960" };
  company = { role: "SUBJECT", subject: COMPANY, sub: "company-961" };
  otherCompany = { role: "SUBJECT", subject: OTHER_COMPANY, sub: "company-962" };
  provider = { role: "PROVIDER", org: PROVIDER };
  centre = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
  authority = { role: "CREDIT_AUTHORITY", org: "HA-DRC", sub: "drc-officer" };
  const record = (n: number) => ({
    subject: { identifier: PERSON, name: "异议人", kind: "NATURAL_PERSON" },
    category: "NEGATIVE",
    kind: "TAX_ARREARS",
    severity: "GENERAL",
    tier: "PUBLIC",
    title: `欠税记录${n}`,
    documentNumber: `WFL-${n}`,
    decidedOn: daysAgo(60, slice.clock.now()),
  });
  const submitted = await slice.execute<{ submitRecords: { ids: string[] } }>(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    {
      viewer: provider,
      variables: { records: [1, 2, 3, 4, 5].map(record) },
    },
  );
  expect(submitted.errors).toBeUndefined();
  recordIds = submitted.data!.submitRecords.ids;
  entryIds = [];
  for (const [identifier, name, n] of [
    [COMPANY, "修复公司", 1],
    [OTHER_COMPANY, "另一公司", 2],
  ] as const) {
    const entry = await slice.execute<{ recognizeListEntry: { id: string } }>(
      "lists",
      `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: { identifier, name, kind: "LEGAL_PERSON" },
            list: "BLACK",
            grounds: "B05_CAPACITY_REDUCTION",
            facts: "拒不履行义务",
            basis: "JRP",
            documentNumber: `WFL-L${n}`,
            recognizedOn: daysAgo(300, slice.clock.now()),
            validUntil: daysAgo(-500, slice.clock.now()),
          },
        },
      },
    );
    expect(entry.errors).toBeUndefined();
    entryIds.push(entry.data!.recognizeListEntry.id);
  }
});
afterAll(async () => slice?.stop());

async function file(targetId: string, statement: string): Promise<string> {
  const filed = await slice.execute<{ fileObjection: { id: string; dueOn: string } }>("repair", FILE, {
    viewer: subject,
    variables: { input: { targetId, ground: "WRONG_OR_INCOMPLETE", statement } },
  });
  expect(filed.errors).toBeUndefined();
  // Ten working days from 29 September: the 30th, then 8, 9, 10 (make-up Saturday), 12-16 and 19 October.
  expect(filed.data!.fileObjection.dueOn).toBe("2026-10-19");
  return filed.data!.fileObjection.id;
}

async function move(viewer: SliceViewer | undefined, id: string, to: string, note?: string) {
  return slice.execute<Moved>("repair", MOVE, { viewer, variables: { id, to, note } });
}

describe("objections (PCIM arts. 28-30, JRP arts. 15-17)", () => {
  let upheldByCentre: string;
  let correctedByCentre: string;
  let stillOpen: string;
  let dismissed: string;
  let granted: string;
  let undecided: string;

  it("the credit centre settles an objection itself, without the provider: UPHELD or CORRECTED straight from its review", async () => {
    slice.clock.set(START);
    upheldByCentre = await file(recordIds[0]!, "已缴清");
    correctedByCentre = await file(recordIds[1]!, "记载错误");
    stillOpen = await file(recordIds[2]!, "尚待审核");
    for (const id of [upheldByCentre, correctedByCentre])
      expect((await move(centre, id, "UNDER_REVIEW")).data!.moveObjection.state).toBe("UNDER_REVIEW");
    const upheld = await move(centre, upheldByCentre, "UPHELD", "核实无误，维持原信息");
    expect(upheld.data!.moveObjection.history.map((step) => `${step.to}:${step.role}`)).toEqual([
      "SUBMITTED:SUBJECT",
      "UNDER_REVIEW:CREDIT_CENTER",
      "UPHELD:CREDIT_CENTER",
    ]);
    const corrected = await move(centre, correctedByCentre, "CORRECTED", "经审核确有错误");
    expect(corrected.data!.moveObjection).toMatchObject({ state: "CORRECTED", dueOn: "2026-10-09" });
    const stored = await slice.db
      .selectFrom("credit_records")
      .select("status")
      .where("id", "=", recordIds[1]!)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("CORRECTED");
  });

  it("a provider may not settle what the centre has not forwarded to it", async () => {
    const other = await file(recordIds[3]!, "另一异议");
    expect((await move(centre, other, "UNDER_REVIEW")).errors).toBeUndefined();
    expect(errorCodes(await move(provider, other, "UPHELD"))).toEqual(["FORBIDDEN"]);
    undecided = other;
  });

  it("goes to appeal: the subject appeals an upheld objection to the credit authority, which has its own 10 working days", async () => {
    expect((await move(centre, undecided, "PROVIDER_VERIFYING")).data!.moveObjection.dueOn).toBe(
      "2026-10-12",
    );
    expect((await move(provider, undecided, "UPHELD", "信息准确")).data!.moveObjection.state).toBe("UPHELD");
    // Before the appeal the authority sees nothing of the case.
    expect(
      (await slice.execute<{ objections: Array<{ id: string }> }>("repair", WORKLIST, { viewer: authority }))
        .data!.objections,
    ).toEqual([]);
    expect(errorCodes(await move(authority, undecided, "APPEAL_DISMISSED"))).toEqual(["NOT_FOUND"]);
    const appealed = await move(subject, undecided, "APPEALED", "不服审核结果，申请申诉");
    expect(appealed.data!.moveObjection).toMatchObject({
      state: "APPEALED",
      dueOn: "2026-10-19",
      overdue: false,
    });
    const appealedAgain = await move(subject, upheldByCentre, "APPEALED", "申诉");
    expect(appealedAgain.data!.moveObjection.state).toBe("APPEALED");
    dismissed = undecided;
    granted = upheldByCentre;
  });

  it("the credit authority reads the appealed case as the centre does, and decides it; nobody else does", async () => {
    const worklist = await slice.execute<{
      objections: Array<{
        id: string;
        statement: string;
        history: Array<{ to: string; note: string | null }>;
      }>;
    }>("repair", WORKLIST, { viewer: authority, variables: { state: "APPEALED" } });
    expect(worklist.data!.objections.map((objection) => objection.id).sort()).toEqual(
      [dismissed, granted].sort(),
    );
    const dismissedCase = worklist.data!.objections.find((objection) => objection.id === dismissed)!;
    expect(dismissedCase.statement).toBe("另一异议");
    expect(dismissedCase.history.map((step) => step.note)).toContain("信息准确");
    // Not the appeal's to decide: the centre, the subject, the provider.
    for (const token of [centre, subject, provider])
      expect(errorCodes(await move(token, dismissed, "APPEAL_DISMISSED")), JSON.stringify(token)).toEqual([
        "FORBIDDEN",
      ]);
    expect(errorCodes(await move(authority, dismissed, "UPHELD"))).toEqual(["BAD_USER_INPUT"]);
    const decided = await move(authority, dismissed, "APPEAL_DISMISSED", "申诉不成立，维持原信息");
    expect(decided.data!.moveObjection).toMatchObject({
      state: "APPEAL_DISMISSED",
      dueOn: null,
      overdue: false,
    });
    expect(decided.data!.moveObjection.history.at(-1)).toMatchObject({
      to: "APPEAL_DISMISSED",
      role: "CREDIT_AUTHORITY",
    });
    const corrected = await move(authority, granted, "CORRECTED", "申诉成立，予以更正");
    expect(corrected.data!.moveObjection.state).toBe("CORRECTED");
    const stored = await slice.db
      .selectFrom("credit_records")
      .select("status")
      .where("id", "=", recordIds[0]!)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("CORRECTED");
    // The authority still reads the cases it decided, and no objection that never went to appeal.
    const all = await slice.execute<{ objections: Array<{ id: string }> }>("repair", WORKLIST, {
      viewer: authority,
    });
    expect(all.data!.objections.map((objection) => objection.id).sort()).toEqual([dismissed, granted].sort());
  });

  it("a settled objection is never overdue; an open one and an undecided appeal are", async () => {
    const pendingAppeal = await file(recordIds[4]!, "再次异议");
    for (const [token, to] of [
      [centre, "UNDER_REVIEW"],
      [centre, "UPHELD"],
      [subject, "APPEALED"],
    ] as const)
      expect((await move(token, pendingAppeal, to)).errors).toBeUndefined();
    slice.clock.set(LATER);
    const mine = await slice.readSubject<Mine["subject"]>(
      PERSON,
      { repair: "objections { id state dueOn overdue } repairCases { id state dueOn overdue }" },
      { viewer: subject },
    );
    const overdue = Object.fromEntries(
      mine.data!.subject.objections.map((objection) => [objection.id, objection.overdue]),
    );
    expect(overdue).toEqual({
      [correctedByCentre]: false,
      [granted]: false,
      [dismissed]: false,
      [stillOpen]: true,
      [pendingAppeal]: true,
    });
    slice.clock.set(START);
  });
});

describe("repair (PCIM art. 32, JRP art. 19)", () => {
  let caseId: string;

  it("the provider's written opinion is due in 10 working days and turns overdue", async () => {
    slice.clock.set(START);
    const applied = await slice.execute<{ applyForRepair: { id: string; dueOn: string; overdue: boolean } }>(
      "repair",
      APPLY,
      {
        viewer: otherCompany,
        variables: {
          input: {
            targetId: entryIds[1],
            commitment: "本公司已全面履行义务，承诺诚信经营",
            evidence: "执行完毕证明",
            rectifiedOn: daysAgo(200, slice.clock.now()),
          },
        },
      },
    );
    expect(applied.errors).toBeUndefined();
    expect(applied.data!.applyForRepair).toMatchObject({ dueOn: "2026-10-19", overdue: false });
    slice.clock.set(LATER);
    const late = await slice.readSubject<Mine["subject"]>(
      OTHER_COMPANY,
      { repair: "objections { id state dueOn overdue } repairCases { id state dueOn overdue }" },
      { viewer: otherCompany },
    );
    expect(late.data!.subject.repairCases).toEqual([
      expect.objectContaining({ state: "APPLIED", overdue: true }),
    ]);
    const opinion = await slice.execute<{ moveRepairCase: { state: string; overdue: boolean } }>(
      "repair",
      MOVE_CASE,
      {
        viewer: provider,
        variables: { id: applied.data!.applyForRepair.id, to: "OPINION_SUPPORTED", note: "同意修复" },
      },
    );
    expect(opinion.data!.moveRepairCase).toMatchObject({ state: "OPINION_SUPPORTED", overdue: false });
    slice.clock.set(START);
  });

  it("anyone signed in objects during publicity, learning nothing of the case; the public signs in first", async () => {
    const applied = await slice.execute<{ applyForRepair: { id: string } }>("repair", APPLY, {
      viewer: company,
      variables: {
        input: {
          targetId: entryIds[0],
          commitment: "本公司已全面履行义务，承诺诚信经营",
          evidence: "执行完毕证明",
          rectifiedOn: daysAgo(200, slice.clock.now()),
        },
      },
    });
    caseId = applied.data!.applyForRepair.id;
    expect(
      (
        await slice.execute("repair", MOVE_CASE, {
          viewer: provider,
          variables: { id: caseId, to: "OPINION_SUPPORTED", note: "同意修复" },
        })
      ).errors,
    ).toBeUndefined();
    const publicity = await slice.execute<{ moveRepairCase: { dueOn: string } }>("repair", MOVE_CASE, {
      viewer: centre,
      variables: { id: caseId, to: "IN_PUBLICITY" },
    });
    // Five working days from 29 September: the 30th, then 8, 9, 10 (make-up Saturday) and 12 October.
    expect(publicity.data!.moveRepairCase.dueOn).toBe("2026-10-12");
    expect(
      errorCodes(await slice.execute("repair", MOVE_CASE, { variables: { id: caseId, to: "OBJECTED" } })),
    ).toEqual(["NOT_FOUND"]);
    const bank: SliceViewer = { role: "ORGANIZATION", org: "HA-BANK" };
    const objected = await slice.execute<{ moveRepairCase: Record<string, unknown> }>("repair", MOVE_CASE, {
      viewer: bank,
      variables: { id: caseId, to: "OBJECTED", note: "该公司仍拖欠货款" },
    });
    expect(objected.data!.moveRepairCase).toEqual({
      id: caseId,
      state: "OBJECTED",
      dueOn: null,
      overdue: false,
      commitment: null,
    });
  });

  it("the provider verifies an objection raised in publicity, within 5 working days; not the credit centre, not another provider", async () => {
    const register = await slice.execute<{ repairCases: Array<{ id: string; dueOn: string }> }>(
      "repair",
      `{ repairCases(state: OBJECTED) { id dueOn } }`,
      { viewer: centre },
    );
    expect(register.data!.repairCases.find((repair) => repair.id === caseId)!.dueOn).toBe("2026-10-12");
    expect(
      errorCodes(
        await slice.execute("repair", MOVE_CASE, {
          viewer: centre,
          variables: { id: caseId, to: "IN_PUBLICITY" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const otherProvider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
    expect(
      errorCodes(
        await slice.execute("repair", MOVE_CASE, {
          viewer: otherProvider,
          variables: { id: caseId, to: "IN_PUBLICITY" },
        }),
      ),
    ).toEqual(["NOT_FOUND"]);
    const verified = await slice.execute<{ moveRepairCase: { state: string } }>("repair", MOVE_CASE, {
      viewer: provider,
      variables: { id: caseId, to: "IN_PUBLICITY", note: "经核实，欠款与失信事项无关" },
    });
    expect(verified.data!.moveRepairCase.state).toBe("IN_PUBLICITY");
    const auditor: SliceViewer = { role: "AUDITOR" };
    const byAuditor = await slice.execute<{ moveRepairCase: { state: string } }>("repair", MOVE_CASE, {
      viewer: auditor,
      variables: { id: caseId, to: "OBJECTED", note: "异议" },
    });
    expect(byAuditor.data!.moveRepairCase.state).toBe("OBJECTED");
    expect(
      (
        await slice.execute<{ moveRepairCase: { state: string } }>("repair", MOVE_CASE, {
          viewer: provider,
          variables: { id: caseId, to: "REJECTED", note: "异议成立" },
        })
      ).data!.moveRepairCase.state,
    ).toBe("REJECTED");
  });
});

describe("repairEligibility explains itself to the subject in plain Chinese", () => {
  it("each condition with its article and date, and what to do next", async () => {
    const answer = await slice.execute<{
      repairEligibility: { eligible: boolean; explanation: string; nextSteps: string[] };
    }>(
      "repair",
      `query ($id: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $id, rectifiedOn: $rectifiedOn) { eligible explanation nextSteps } }`,
      { viewer: company, variables: { id: entryIds[0], rectifiedOn: daysAgo(20, slice.clock.now()) } },
    );
    expect(answer.errors).toBeUndefined();
    // Performed 9 September: the six months after it end on 9 March 2027, met on the 10th (JRP art. 18(1)).
    expect(answer.data!.repairEligibility).toMatchObject({
      eligible: false,
      explanation: expect.stringContaining("最早可在2027年3月10日申请"),
    });
    expect(answer.data!.repairEligibility.explanation).toContain("第十八条（一）");
    expect(answer.data!.repairEligibility.nextSteps[0]).toMatch(/^请在2027年3月10日或之后再申请/);
  });
});
