import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";

let federation: TestFederation;
const PERSON = citizenId(970);
const COMPANY = uscc(971);
const PROVIDER = "HA-SAMR";
let subject: string;
let provider: string;
let centre: string;
let recordId: string;
let prohibitedRecordId: string;
let entryId: string;

beforeAll(async () => {
  // Dates matter here (deadlines, periods): the suite runs on a fixed day, whatever the machine's date.
  federation = await startTestFederation({ now: "2026-11-18T10:00:00+08:00" });
  subject = await federation.token({ role: "SUBJECT", subject: PERSON, sub: "citizen-970" });
  provider = await federation.token({ role: "PROVIDER", org: PROVIDER });
  centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  const submitted = await federation.query<{ submitRecords: { ids: string[] } }>(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    {
      token: provider,
      variables: {
        records: [
          {
            subject: { identifier: PERSON, name: "修复人", kind: "NATURAL_PERSON" },
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "行政处罚",
            documentNumber: "REP-1",
            decidedOn: daysAgo(100, federation.clock.now()),
          },
          {
            subject: { identifier: PERSON, name: "修复人", kind: "NATURAL_PERSON" },
            category: "NEGATIVE",
            kind: "MARKET_ORDER_VIOLATION",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "违法记录",
            attributes: { detail: "x" },
            documentNumber: "REP-2",
            decidedOn: daysAgo(50, federation.clock.now()),
          },
        ],
      },
    },
  );
  [recordId, prohibitedRecordId] = submitted.data!.submitRecords.ids as [string, string];
  const entry = await federation.query<{ recognizeListEntry: { id: string } }>(
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      token: provider,
      variables: {
        input: {
          subject: { identifier: COMPANY, name: "修复公司", kind: "LEGAL_PERSON" },
          list: "BLACK",
          grounds: "B05_CAPACITY_REDUCTION",
          facts: "拒不履行义务",
          basis: "JRP",
          documentNumber: "REP-L",
          recognizedOn: daysAgo(200, federation.clock.now()),
          validUntil: daysAgo(-500, federation.clock.now()),
        },
      },
    },
  );
  entryId = entry.data!.recognizeListEntry.id;
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);
});
afterAll(async () => federation?.stop());

const FILE = `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id state dueOn overdue targetType } }`;
const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state dueOn history { from to role } } }`;

describe("objections (PCIM arts. 28-30)", () => {
  it("are filed by the subject on its own items only, with a 10-working-day review deadline", async () => {
    const filed = await federation.query<{
      fileObjection: { state: string; dueOn: string; overdue: boolean };
    }>(FILE, {
      token: subject,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "处罚已撤销" } },
    });
    // Filed Wednesday 18 November 2026: ten working days run 19, 20, 23-27, 30 November, 1, 2 December.
    expect(filed.data!.fileObjection).toMatchObject({
      state: "SUBMITTED",
      overdue: false,
      dueOn: "2026-12-02",
    });
    const stranger = await federation.token({ role: "SUBJECT", subject: citizenId(979) });
    expect(
      errorCodes(
        await federation.query(FILE, {
          token: stranger,
          variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "x" } },
        }),
      ),
    ).toEqual(["NOT_FOUND"]);
    expect(
      errorCodes(
        await federation.query(FILE, {
          token: provider,
          variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "x" } },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
  });

  it("mark the item 'under objection' for every viewer who can see it while open", async () => {
    const read = await federation.query<{
      subject: { records: Array<{ id: string; underObjection: boolean }> };
    }>(`query ($id: String!) { subject(identifier: $id) { records { id underObjection } } }`, {
      variables: { id: PERSON },
    });
    expect(read.data!.subject.records.find((record) => record.id === recordId)!.underObjection).toBe(true);
    expect(
      read.data!.subject.records.find((record) => record.id === prohibitedRecordId)!.underObjection,
    ).toBe(false);
  });

  it("move only by the right role, refuse invalid steps with what is possible, and end UPHELD → APPEALED", async () => {
    const objection = await federation.query<{ fileObjection: { id: string } }>(FILE, {
      token: subject,
      variables: { input: { targetId: entryId, ground: "WRONG_OR_INCOMPLETE", statement: "不是本公司" } },
    });
    expect(errorCodes(objection)).toEqual(["NOT_FOUND"]);
    const [mine] = (
      await federation.query<{ subject: { objections: Array<{ id: string }> } }>(
        `query ($id: String!) { subject(identifier: $id) { objections { id } } }`,
        { token: subject, variables: { id: PERSON } },
      )
    ).data!.subject.objections;
    const id = mine!.id;
    const skip = await federation.query(MOVE, { token: centre, variables: { id, to: "CORRECTED" } });
    expect(errorCodes(skip)).toEqual(["BAD_USER_INPUT"]);
    expect(skip.errors![0]!.message).toMatch(/from SUBMITTED the next step is UNDER_REVIEW/);
    expect(
      errorCodes(await federation.query(MOVE, { token: subject, variables: { id, to: "UNDER_REVIEW" } })),
    ).toEqual(["FORBIDDEN"]);
    expect(
      (
        await federation.query<{ moveObjection: { state: string } }>(MOVE, {
          token: centre,
          variables: { id, to: "UNDER_REVIEW" },
        })
      ).data!.moveObjection.state,
    ).toBe("UNDER_REVIEW");
    const forwarded = await federation.query<{ moveObjection: { state: string; dueOn: string } }>(MOVE, {
      token: centre,
      variables: { id, to: "PROVIDER_VERIFYING" },
    });
    expect(forwarded.data!.moveObjection).toMatchObject({
      state: "PROVIDER_VERIFYING",
      dueOn: expect.any(String),
    });
    const otherProvider = await federation.token({ role: "PROVIDER", org: "HA-TAX" });
    expect(
      errorCodes(await federation.query(MOVE, { token: otherProvider, variables: { id, to: "UPHELD" } })),
    ).toEqual(["NOT_FOUND"]);
    expect(
      (
        await federation.query<{ moveObjection: { state: string } }>(MOVE, {
          token: provider,
          variables: { id, to: "UPHELD", note: "信息准确" },
        })
      ).data!.moveObjection.state,
    ).toBe("UPHELD");
    const appealed = await federation.query<{
      moveObjection: { state: string; history: Array<{ to: string; role: string }> };
    }>(MOVE, { token: subject, variables: { id, to: "APPEALED" } });
    expect(appealed.data!.moveObjection.history.map((step) => `${step.to}:${step.role}`)).toEqual([
      "SUBMITTED:SUBJECT",
      "UNDER_REVIEW:CREDIT_CENTER",
      "PROVIDER_VERIFYING:CREDIT_CENTER",
      "UPHELD:PROVIDER",
      "APPEALED:SUBJECT",
    ]);
    expect(
      errorCodes(await federation.query(MOVE, { token: subject, variables: { id, to: "UNDER_REVIEW" } })),
    ).toEqual(["BAD_USER_INPUT"]);
    // The appeal is decided by the credit authority (PCIM art. 30), not by the subject.
    expect(
      errorCodes(await federation.query(MOVE, { token: subject, variables: { id, to: "CORRECTED" } })),
    ).toEqual(["FORBIDDEN"]);
  });

  it("CORRECTED on PROHIBITED_DATA purges the data and stops its publication", async () => {
    const filed = await federation.query<{ fileObjection: { id: string } }>(FILE, {
      token: subject,
      variables: {
        input: { targetId: prohibitedRecordId, ground: "PROHIBITED_DATA", statement: "含禁止归集信息" },
      },
    });
    const id = filed.data!.fileObjection.id;
    for (const [token, to] of [
      [centre, "UNDER_REVIEW"],
      [centre, "PROVIDER_VERIFYING"],
      [provider, "CORRECTED"],
    ] as const) {
      expect(
        (await federation.query(MOVE, { token, variables: { id, to, note: "已删除" } })).errors,
      ).toBeUndefined();
    }
    const stored = await federation.connection.db
      .selectFrom("credit_records")
      .select(["status", "attributes", "title"])
      .where("id", "=", prohibitedRecordId)
      .executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: "CORRECTED", attributes: {}, title: "（已删除：禁止归集的信息）" });
    const publicView = await federation.query<{ subject: { records: Array<{ id: string }> } }>(
      `query ($id: String!) { subject(identifier: $id) { records { id } } }`,
      { variables: { id: PERSON } },
    );
    expect(publicView.data!.subject.records.map((record) => record.id)).not.toContain(prohibitedRecordId);
  });

  it("report overdue steps", async () => {
    const filed = await federation.query<{ fileObjection: { id: string } }>(FILE, {
      token: subject,
      variables: { input: { targetId: recordId, ground: "EXPIRED_STILL_USED", statement: "已过期" } },
    });
    await federation.connection.db
      .updateTable("objections")
      .set({ due_on: daysAgo(3, federation.clock.now()) })
      .where("id", "=", filed.data!.fileObjection.id)
      .execute();
    const mine = await federation.query<{ subject: { objections: Array<{ id: string; overdue: boolean }> } }>(
      `query ($id: String!) { subject(identifier: $id) { objections { id overdue } } }`,
      { token: centre, variables: { id: PERSON } },
    );
    expect(
      mine.data!.subject.objections.find((objection) => objection.id === filed.data!.fileObjection.id)!
        .overdue,
    ).toBe(true);
  });
});

describe("credit repair (JRP arts. 18-19, PCIM arts. 31-32)", () => {
  const MOVE_CASE = `mutation ($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { state dueOn archivedOriginal } }`;

  it("answers eligibility with each unmet condition and its article", async () => {
    const owner = await federation.token({ role: "SUBJECT", subject: PERSON });
    const eligibility = await federation.query<{
      repairEligibility: { eligible: boolean; reasons: string[]; earliestOn: string };
    }>(
      `query ($id: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $id, rectifiedOn: $rectifiedOn) { eligible reasons earliestOn conditions { article met } } }`,
      { token: owner, variables: { id: recordId, rectifiedOn: daysAgo(90, federation.clock.now()) } },
    );
    expect(eligibility.data!.repairEligibility.eligible).toBe(false);
    expect(eligibility.data!.repairEligibility.reasons.join("\n")).toMatch(/PCIM art\. 31\(1\): 1 year/);
    const refused = await federation.query(
      `mutation ($input: RepairInput!) { applyForRepair(input: $input) { id } }`,
      {
        token: owner,
        variables: {
          input: {
            targetId: recordId,
            commitment: "本人承诺今后诚信守法经营",
            rectifiedOn: daysAgo(90, federation.clock.now()),
          },
        },
      },
    );
    expect(errorCodes(refused)).toEqual(["BAD_USER_INPUT"]);
  });

  it("counts a black list's six months from the day obligations were performed, not from the listing (JRP art. 18 「其后」)", async () => {
    const company = await federation.token({ role: "SUBJECT", subject: COMPANY });
    const ask = (rectifiedOn: string) =>
      federation.query<{
        repairEligibility: { eligible: boolean; earliestOn: string | null; reasons: string[] };
      }>(
        `query ($id: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $id, rectifiedOn: $rectifiedOn) { eligible earliestOn reasons } }`,
        { token: company, variables: { id: entryId, rectifiedOn } },
      );
    // Listed 200 days ago, obligations performed 20 days ago (29 October 2026): the six months end 29 April 2027, met on the 30th.
    const recent = await ask(daysAgo(20, federation.clock.now()));
    expect(recent.data!.repairEligibility).toMatchObject({ eligible: false, earliestOn: "2027-04-30" });
    expect(recent.data!.repairEligibility.reasons.join("\n")).toMatch(
      /JRP art\. 18\(1\): first listing, 6 months/,
    );
    expect((await ask(daysAgo(190, federation.clock.now()))).data!.repairEligibility).toMatchObject({
      eligible: true,
      earliestOn: null,
    });
    expect(errorCodes(await ask(daysAgo(-1, federation.clock.now())))).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await ask(daysAgo(201, federation.clock.now())))).toEqual(["BAD_USER_INPUT"]);
  });

  it("takes a black-list entry through opinion, five working days of publicity and completion; then screening passes and the public list no longer shows it", async () => {
    const company = await federation.token({ role: "SUBJECT", subject: COMPANY });
    const applied = await federation.query<{ applyForRepair: { id: string; state: string } }>(
      `mutation ($input: RepairInput!) { applyForRepair(input: $input) { id state } }`,
      {
        token: company,
        variables: {
          input: {
            targetId: entryId,
            commitment: "本公司已全面履行义务，承诺依法诚信经营",
            evidence: "履行证明",
            rectifiedOn: daysAgo(190, federation.clock.now()),
          },
        },
      },
    );
    expect(applied.data!.applyForRepair.state).toBe("APPLIED");
    const id = applied.data!.applyForRepair.id;
    expect(
      errorCodes(
        await federation.query(MOVE_CASE, { token: provider, variables: { id, to: "OPINION_SUPPORTED" } }),
      ),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(
      (
        await federation.query(MOVE_CASE, {
          token: provider,
          variables: { id, to: "OPINION_SUPPORTED", note: "同意修复：义务已履行" },
        })
      ).errors,
    ).toBeUndefined();
    const publicity = await federation.query<{ moveRepairCase: { dueOn: string } }>(MOVE_CASE, {
      token: centre,
      variables: { id, to: "IN_PUBLICITY" },
    });
    // Five working days of publicity from Wednesday 18 November: 19, 20, 23, 24, 25 November.
    expect(publicity.data!.moveRepairCase.dueOn).toBe("2026-11-25");

    const listed = await federation.query<{
      publicBlacklist: { edges: Array<{ node: { id: string; repairPublicityUntil: string | null } }> };
    }>(`{ publicBlacklist(first: 100) { edges { node { id repairPublicityUntil } } } }`);
    expect(
      listed.data!.publicBlacklist.edges.find((edge) => edge.node.id === entryId)!.node.repairPublicityUntil,
    ).toBe(publicity.data!.moveRepairCase.dueOn);

    const early = await federation.query(MOVE_CASE, { token: centre, variables: { id, to: "COMPLETED" } });
    expect(errorCodes(early)).toEqual(["BAD_USER_INPUT"]);
    expect(early.errors![0]!.message).toMatch(/publicity runs until/);
    await federation.connection.db
      .updateTable("repair_cases")
      .set({ due_on: daysAgo(1, federation.clock.now()) })
      .where("id", "=", id)
      .execute();
    const done = await federation.query<{
      moveRepairCase: { state: string; archivedOriginal: { status: string } };
    }>(MOVE_CASE, { token: centre, variables: { id, to: "COMPLETED" } });
    expect(done.data!.moveRepairCase).toMatchObject({
      state: "COMPLETED",
      archivedOriginal: expect.objectContaining({ status: "ACTIVE", document_number: "REP-L" }),
    });

    const government = await federation.token({ role: "GOVERNMENT", org: "HA-GOV" });
    const screened = await federation.query<{ screen: Array<{ decision: string }> }>(
      `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision reasons } }`,
      {
        token: government,
        purpose: "FISCAL_FUNDS",
        variables: { ids: [COMPANY] },
      },
    );
    expect(screened.data!.screen[0]!.decision).toBe("PASS");
    const after = await federation.query<{ publicBlacklist: { edges: Array<{ node: { id: string } }> } }>(
      `{ publicBlacklist(first: 100) { edges { node { id } } } }`,
    );
    expect(after.data!.publicBlacklist.edges.map((edge) => edge.node.id)).not.toContain(entryId);

    const archive = await federation.query<{
      repairCases: Array<{ id: string; archivedOriginal: { document_number: string } | null }>;
    }>(`{ repairCases(state: COMPLETED) { id archivedOriginal } }`, { token: centre });
    expect(archive.data!.repairCases.find((repair) => repair.id === id)!.archivedOriginal).toMatchObject({
      document_number: "REP-L",
    });
    // Auditors read the register as audit data — ids, states, dates — and nothing of the subject's (PCIM art. 32: the repair register).
    const auditor = await federation.token({ role: "AUDITOR" });
    const register = await federation.query<{ repairCases: Array<Record<string, unknown>> }>(
      `{ repairCases(state: COMPLETED) { id state completedOn subject { id } targetId commitment providerOpinion archivedOriginal history { to note } } }`,
      { token: auditor },
    );
    const audited = register.data!.repairCases.find((repair) => repair.id === id)!;
    expect(audited).toMatchObject({
      state: "COMPLETED",
      completedOn: expect.any(String),
      subject: null,
      targetId: null,
      commitment: null,
      providerOpinion: null,
      archivedOriginal: null,
    });
    expect((audited.history as Array<{ to: string; note: string | null }>).map((step) => step.note)).toEqual(
      (audited.history as unknown[]).map(() => null),
    );
    expect((audited.history as unknown[]).length).toBeGreaterThan(0);
    const own = await federation.query<{
      subject: { repairCases: Array<{ state: string; archivedOriginal: unknown }> };
    }>(`query ($id: String!) { subject(identifier: $id) { repairCases { state archivedOriginal } } }`, {
      token: company,
      variables: { id: COMPANY },
    });
    expect(own.data!.subject.repairCases).toEqual([{ state: "COMPLETED", archivedOriginal: null }]);
    const stored = await federation.connection.db
      .selectFrom("list_entries")
      .select("status")
      .where("id", "=", entryId)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe("REPAIRED");
  });
});

describe("least disclosure in repair (PIPL art. 6)", () => {
  const OTHER_PROVIDER = "HA-COURT";
  const person = citizenId(975);
  let ownItem: string;
  const submit = (token: string, record: Record<string, unknown>) =>
    federation.query<{ submitRecords: { ids: string[] } }>(
      `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
      {
        token,
        variables: {
          records: [{ subject: { identifier: person, name: "最少披露", kind: "NATURAL_PERSON" }, ...record }],
        },
      },
    );

  beforeAll(async () => {
    const own = await submit(provider, {
      category: "NEGATIVE",
      kind: "ADMINISTRATIVE_PENALTY",
      procedure: "GENERAL",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "行政处罚",
      documentNumber: "LEAST-1",
      decidedOn: daysAgo(200, federation.clock.now()),
    });
    ownItem = own.data!.submitRecords.ids[0]!;
  });

  const ELIGIBILITY = `query ($id: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $id, rectifiedOn: $rectifiedOn) { eligible reasons earliestOn conditions { article met reason earliestOn } } }`;
  type Answer = {
    repairEligibility: {
      eligible: boolean;
      reasons: string[];
      earliestOn: string | null;
      conditions: Array<{ article: string; met: boolean }>;
    };
  };
  const OTHERS = "PCIM art. 31 / JRP art. 18: the subject's other credit information";

  it("answers the item's provider from its own items alone: another unit's hidden items change not one bit of it", async () => {
    // No day of rectification: the item's own periods stay open, the conditions on the rest of the file are all decided.
    const variables = { id: ownItem, rectifiedOn: null };
    const before = (await federation.query<Answer>(ELIGIBILITY, { token: provider, variables })).data!
      .repairEligibility;
    expect(before.conditions.find((condition) => condition.article === OTHERS)).toMatchObject({ met: true });

    const court = await federation.token({ role: "PROVIDER", org: OTHER_PROVIDER });
    const hidden = await submit(court, {
      category: "OTHER",
      kind: "BANKRUPTCY_PROCEEDING",
      tier: "GOVERNMENT",
      title: "破产程序",
      documentNumber: "LEAST-2",
      decidedOn: daysAgo(30, federation.clock.now()),
    });
    expect(hidden.errors).toBeUndefined();
    const severe = await submit(court, {
      category: "NEGATIVE",
      kind: "ADMINISTRATIVE_PENALTY",
      procedure: "GENERAL",
      severity: "SEVERE",
      tier: "GOVERNMENT",
      title: "严重失信",
      documentNumber: "LEAST-3",
      decidedOn: daysAgo(20, federation.clock.now()),
    });
    expect(severe.errors).toBeUndefined();

    const asked = await federation.query<Answer>(ELIGIBILITY, { token: provider, variables });
    const answer = asked.data!.repairEligibility;
    expect(answer).toEqual(before);
    expect(JSON.stringify(answer)).not.toMatch(/bankrupt|31\(2\)|破产|严重失信/i);
    // The subject and the credit centre see the whole file: both of the court's items bar the repair.
    for (const token of [
      await federation.token({ role: "SUBJECT", subject: person }),
      await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" }),
    ]) {
      const whole = (await federation.query<Answer>(ELIGIBILITY, { token, variables })).data!
        .repairEligibility;
      expect(whole.conditions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ article: "PCIM art. 31(2)(2)", met: false }),
          expect.objectContaining({ article: "PCIM art. 31(2)(1)", met: false }),
        ]),
      );
    }
    const audited = await federation.connection.db
      .selectFrom("audit_accesses")
      .select("subject_identifier")
      .where("entity_type", "=", "RepairEligibility")
      .where(
        "event_id",
        "in",
        federation.connection.db
          .selectFrom("audit_events")
          .select("id")
          .where("request_id", "=", asked.headers.get("x-request-id")!),
      )
      .execute();
    expect(audited).toEqual([{ subject_identifier: person }]);
  });

  it("still tells the provider, as one yes or no, what its own other items bar", async () => {
    const variables = { id: ownItem, rectifiedOn: null };
    const ownSevere = await submit(provider, {
      category: "NEGATIVE",
      kind: "ADMINISTRATIVE_PENALTY",
      procedure: "GENERAL",
      severity: "SEVERE",
      tier: "PUBLIC",
      title: "严重违法",
      documentNumber: "LEAST-4",
      decidedOn: daysAgo(10, federation.clock.now()),
    });
    expect(ownSevere.errors).toBeUndefined();
    const answer = (await federation.query<Answer>(ELIGIBILITY, { token: provider, variables })).data!
      .repairEligibility;
    expect(answer.eligible).toBe(false);
    expect(answer.conditions.find((condition) => condition.article === OTHERS)).toMatchObject({ met: false });
    expect(JSON.stringify(answer)).not.toMatch(/31\(2\)/);
  });

  it("gives a caller who may not read a case only its id and state back from a move", async () => {
    const today = federation.today();
    const [personRow] = await federation.connection.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", person)
      .execute();
    const created = await federation.connection.db
      .insertInto("repair_cases")
      .values({
        subject_id: personRow!.id,
        subject_identifier: person,
        target_id: ownItem,
        target_type: "CREDIT_RECORD",
        target_kind: "ADMINISTRATIVE_PENALTY",
        provider: PROVIDER,
        state: "IN_PUBLICITY",
        commitment: "承诺书：私人内容",
        provider_opinion: "意见：私人内容",
        applied_on: today,
        state_changed_on: today,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-LEAST" });
    const moved = await federation.query<{ moveRepairCase: Record<string, unknown> }>(
      `mutation ($id: ID!) { moveRepairCase(id: $id, to: OBJECTED, note: "公示期内异议") { id state subject { id } targetId commitment providerOpinion appliedOn archivedOriginal history { to } } }`,
      { token: bank, variables: { id: created.id } },
    );
    expect(moved.data!.moveRepairCase).toEqual({
      id: created.id,
      state: "OBJECTED",
      subject: null,
      targetId: null,
      commitment: null,
      providerOpinion: null,
      appliedOn: null,
      archivedOriginal: null,
      history: [],
    });
  });
});
