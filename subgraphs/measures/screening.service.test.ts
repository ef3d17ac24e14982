import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addYears } from "../../domain/dates";
import { citizenId, daysAgo, personName, uscc } from "../../test/fixtures";
import type { Purpose } from "../../platform/viewer";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

let slice: SliceTest;
let government: SliceViewer;

type Result = {
  identifier: string;
  decision: string;
  reasons: string[];
  measures: Array<{ code: string; decision: string }>;
  error: string | null;
};
const SCREEN = `query ($ids: [String!]!, $scenario: Scenario!) { screen(identifiers: $ids, scenario: $scenario) { identifier decision reasons error measures { code decision } } }`;

const person = (n: number) => ({
  identifier: citizenId(n),
  name: personName("筛查人", n),
  kind: "NATURAL_PERSON",
});
const company = (n: number) => ({ identifier: uscc(n), name: `筛查公司${n}`, kind: "LEGAL_PERSON" });
const IDS = {
  black: uscc(900),
  red: uscc(901),
  both: uscc(902),
  expired: uscc(903),
  repaired: uscc(904),
  removed: uscc(905),
  representative: citizenId(906),
  recentlyExited: uscc(907),
  clean: uscc(908),
  recentlyRemoved: uscc(909),
  unknown: uscc(999),
};

async function recognize(
  subject: Record<string, string>,
  list: "RED" | "BLACK",
  documentNumber: string,
  extra: Record<string, unknown> = {},
) {
  const result = await slice.execute<{ recognizeListEntry: { id: string } }>(
    "lists",
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      viewer: { role: "PROVIDER", org: list === "RED" ? "HA-NDRC" : "HA-COURT" },
      variables: {
        input: {
          subject,
          list,
          grounds: list === "RED" ? "R04_COUNTY_HONOUR" : "B07_REFUSE_JUDGEMENT",
          facts: list === "RED" ? "诚信示范" : "拒不履行生效判决",
          basis: "JRP",
          documentNumber,
          recognizedOn: daysAgo(30),
          validUntil: daysAgo(-700),
          ...extra,
        },
      },
    },
  );
  expect(result.errors).toBeUndefined();
  return result.data!.recognizeListEntry.id;
}

async function screen(
  identifiers: string[],
  scenario: string,
  token = government,
  purpose: Purpose | null = "ADMINISTRATIVE_LICENSING",
) {
  return slice.execute<{ screen: Result[] }>("measures", SCREEN, {
    viewer: { ...token, purpose },
    variables: { ids: identifiers, scenario },
  });
}

beforeAll(async () => {
  slice = await startSliceTest();
  government = { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" };
  await recognize(company(900), "BLACK", "S-900");
  await recognize(company(901), "RED", "S-901");
  // Honoured first, blacklisted after: the black entry takes the red one off (JRP art. 4).
  await recognize(company(902), "RED", "S-902-R");
  await recognize(company(902), "BLACK", "S-902-B");
  await recognize(company(903), "BLACK", "S-903", { recognizedOn: daysAgo(900), validUntil: daysAgo(500) });
  const repaired = await recognize(company(904), "BLACK", "S-904");
  const removed = await recognize(company(905), "BLACK", "S-905");
  await recognize(company(907), "BLACK", "S-907", { recognizedOn: daysAgo(400), validUntil: daysAgo(-300) });
  await recognize(company(909), "BLACK", "S-909", { recognizedOn: daysAgo(400), validUntil: daysAgo(-300) });
  const db = slice.db;
  await db
    .updateTable("list_entries")
    .set({ status: "REPAIRED", status_changed_on: daysAgo(500) })
    .where("id", "=", repaired)
    .execute();
  await db
    .updateTable("list_entries")
    .set({ status: "REMOVED", status_changed_on: daysAgo(450) })
    .where("id", "=", removed)
    .execute();
  await db
    .updateTable("list_entries")
    .set({ status: "REPAIRED", status_changed_on: daysAgo(60) })
    .where("document_number", "=", "S-907")
    .execute();
  await db
    .updateTable("list_entries")
    .set({ status: "REMOVED", status_changed_on: daysAgo(60) })
    .where("document_number", "=", "S-909")
    .execute();
  const registered = await slice.execute(
    "subjects",
    `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
    {
      viewer: { role: "PROVIDER", org: "HA-SAMR" },
      variables: {
        input: { subject: company(900), legalRepresentative: person(906), relationsSince: daysAgo(400) },
      },
    },
  );
  expect(registered.errors).toBeUndefined();
  await slice.execute(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      viewer: { role: "PROVIDER", org: "HA-SAMR" },
      variables: {
        records: [
          {
            subject: company(908),
            category: "BASIC",
            kind: "BUSINESS_REGISTRATION",
            tier: "PUBLIC",
            title: "营业执照",
            documentNumber: "S-908",
            decidedOn: daysAgo(99),
          },
        ],
      },
    },
  );
});
afterAll(async () => slice?.stop());

describe("screen: each decision path, in one call", () => {
  let results: Map<string, Result>;
  beforeAll(async () => {
    const answer = await screen(
      [...Object.values(IDS), "91320800MA0000000X", "not-an-id"],
      "PUBLIC_RESOURCE_TRADING",
    );
    expect(answer.errors).toBeUndefined();
    results = new Map(answer.data!.screen.map((result) => [result.identifier, result]));
  });

  it("asks for REVIEW of a blacklisted subject's bid, where the text only restricts (「限制参与公共资源交易活动」), with list, grounds, unit, document, the deciding words and the basis", () => {
    const black = results.get(IDS.black)!;
    expect(black.decision).toBe("REVIEW");
    expect(black.measures).toEqual([
      { code: "P05", decision: "REVIEW" },
      { code: "P06", decision: "REVIEW" },
    ]);
    expect(black.reasons.join("\n")).toMatch(/黑名单.*B07_REFUSE_JUDGEMENT.*HA-COURT.*S-900/);
    expect(black.reasons.join("\n")).toMatch(/P05 .*→ REVIEW（「限制参与」；依据 JRP art\. 14\(5\)/);
  });

  it("gives a red-listed subject the GREEN_CHANNEL", () => {
    expect(results.get(IDS.red)).toMatchObject({
      decision: "GREEN_CHANNEL",
      measures: expect.arrayContaining([expect.objectContaining({ code: "R03" })]),
    });
  });

  it("gives no green channel to a subject honoured and then blacklisted: the red entry left the list with the black recognition (JRP art. 4)", () => {
    const both = results.get(IDS.both)!;
    expect(both.decision).toBe("REVIEW");
    expect(both.measures.map((measure) => measure.decision)).not.toContain("GREEN_CHANNEL");
  });

  it.each([
    ["expired", IDS.expired],
    ["repaired", IDS.repaired],
    ["removed more than a year ago", IDS.removed],
  ])("PASSes a subject whose entry is %s", (_label, identifier) => {
    expect(results.get(identifier)).toMatchObject({ decision: "PASS", measures: [] });
    expect(results.get(identifier)!.reasons.join()).not.toMatch(/黑名单：/);
  });

  it("reviews or blocks the legal representative of a blacklisted organisation per the responsible-person measures", () => {
    const representative = results.get(IDS.representative)!;
    expect(representative.decision).toBe("REVIEW");
    expect(representative.measures.map((measure) => measure.code)).toEqual(["P13"]);
    expect(representative.reasons.join("\n")).toMatch(/LEGAL_REPRESENTATIVE.*PCIM art\. 26/);
  });

  it("PASSes a subject that left the black list by repair within the year, telling licensing nothing of monitoring", () => {
    const exited = results.get(IDS.recentlyExited)!;
    expect(exited.decision).toBe("PASS");
    expect(exited.reasons.join()).not.toMatch(/focused monitoring|重点关注/);
  });

  it("tells a supervising body (GOVERNMENT, SUPERVISION) of focused monitoring after repair, never after a removal as wrong, and never a bank", async () => {
    const supervised = await screen(
      [IDS.recentlyExited, IDS.recentlyRemoved],
      "PUBLIC_RESOURCE_TRADING",
      government,
      "SUPERVISION",
    );
    const [repaired, removed] = supervised.data!.screen;
    expect(repaired).toMatchObject({ decision: "PASS" });
    expect(repaired!.reasons.join()).toMatch(/focused monitoring/);
    expect(removed!.reasons.join()).not.toMatch(/focused monitoring|重点关注/);
    const bank: SliceViewer = { role: "ORGANIZATION", org: "BANK-1" };
    const lender = await screen([IDS.recentlyExited], "CREDIT_LENDING", bank, "CREDIT_LENDING");
    expect(lender.errors).toBeUndefined();
    expect(lender.data!.screen[0]!.reasons.join()).not.toMatch(/focused monitoring|重点关注/);
  });

  it("PASSes a known subject without entries and an unknown subject in the same words (no oracle of whether a file exists)", () => {
    expect(results.get(IDS.clean)).toMatchObject({
      decision: "PASS",
      reasons: [expect.stringMatching(/no red or black list entry/)],
    });
    expect(results.get(IDS.unknown)).toMatchObject({
      decision: "PASS",
      reasons: results.get(IDS.clean)!.reasons,
    });
  });

  it("gives a bad checksum its own error and REVIEW, never PASS, while the batch goes on", () => {
    expect(results.get("91320800MA0000000X")).toMatchObject({
      decision: "REVIEW",
      measures: [],
      error: expect.stringMatching(/INVALID_IDENTIFIER.*MOD 31/),
    });
    expect(results.get("not-an-id")).toMatchObject({
      decision: "REVIEW",
      error: expect.stringMatching(/INVALID_IDENTIFIER/),
      reasons: [expect.stringMatching(/cannot be screened/)],
    });
    expect(results.size).toBe(Object.keys(IDS).length + 2);
  });

  it("applies the measures of the scenario, each as its text decides: licensing is suspended (「暂停」), the industry ban asks for REVIEW (「依法…实施行业禁入措施」)", async () => {
    const licensing = await screen([IDS.representative, IDS.black], "ADMINISTRATIVE_LICENSING");
    const [representative, black] = licensing.data!.screen;
    expect(representative).toMatchObject({
      decision: "REVIEW",
      measures: [{ code: "P11", decision: "REVIEW" }],
    });
    expect(representative!.reasons.join("\n")).toMatch(/P11 .*→ REVIEW（「依法…实施行业禁入措施」/);
    expect(black).toMatchObject({
      decision: "BLOCK",
      measures: [
        { code: "P02", decision: "BLOCK" },
        { code: "P03", decision: "REVIEW" },
        { code: "P08", decision: "REVIEW" },
      ],
    });
  });
});

describe("screen: who may call it, and limits", () => {
  it("requires a purpose from GOVERNMENT and ORGANIZATION", async () => {
    expect(errorCodes(await screen([IDS.black], "FISCAL_FUNDS", government, null))).toEqual([
      "PURPOSE_REQUIRED",
    ]);
    const bank: SliceViewer = { role: "ORGANIZATION", org: "BANK-1" };
    expect(errorCodes(await screen([IDS.black], "CREDIT_LENDING", bank, null))).toEqual(["PURPOSE_REQUIRED"]);
    expect(
      (await screen([IDS.black], "CREDIT_LENDING", bank, "CREDIT_LENDING")).data!.screen[0]!.decision,
    ).toBe("REVIEW");
  });

  it("is not for the public", async () => {
    const result = await slice.execute("measures", SCREEN, {
      variables: { ids: [IDS.black], scenario: "FISCAL_FUNDS" },
    });
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });

  // More than 1,000 identifiers are refused at the gateway: test/security/query-limits.e2e.test.ts.
  it("sends the same number of statements for 1 identifier as for 1,000 (one round per table)", async () => {
    const count = async (identifiers: string[]) => {
      const before = slice.statements();
      const result = await screen(identifiers, "PUBLIC_RESOURCE_TRADING");
      expect(result.errors).toBeUndefined();
      return slice.statements() - before;
    };
    const one = await count([IDS.black]);
    const thousand = await count([
      ...Object.values(IDS),
      ...Array.from({ length: 1_000 - Object.keys(IDS).length }, (_, index) => citizenId(index)),
    ]);
    expect(thousand).toBe(one);
    expect(one).toBeLessThanOrEqual(8);
  });
});

describe("feedback (触发反馈)", () => {
  it("records a reported measure and counts it for the credit centre", async () => {
    const report = await slice.execute(
      "measures",
      `mutation ($input: MeasureApplicationInput!) { reportMeasureApplied(input: $input) { measure { code } reportedBy outcome } }`,
      {
        viewer: { ...government, purpose: "PUBLIC_RESOURCE_TRADING" },
        variables: {
          input: {
            measureCode: "P05",
            identifier: IDS.black,
            scenario: "PUBLIC_RESOURCE_TRADING",
            caseNumber: "TENDER-7",
            outcome: "投标资格被拒绝",
            appliedOn: daysAgo(1),
          },
        },
      },
    );
    expect(report.data).toEqual({
      reportMeasureApplied: {
        measure: { code: "P05" },
        reportedBy: "HA-ADMIN-APPROVAL",
        outcome: "投标资格被拒绝",
      },
    });
    const wrongScenario = await slice.execute(
      "measures",
      `mutation ($input: MeasureApplicationInput!) { reportMeasureApplied(input: $input) { id } }`,
      {
        viewer: { ...government, purpose: "PUBLIC_RESOURCE_TRADING" },
        variables: {
          input: {
            measureCode: "P05",
            identifier: IDS.black,
            scenario: "HONORS",
            caseNumber: "X",
            outcome: "x",
            appliedOn: daysAgo(1),
          },
        },
      },
    );
    expect(errorCodes(wrongScenario)).toEqual(["BAD_USER_INPUT"]);
    const centre: SliceViewer = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
    const stats = await slice.execute<{
      measureStats: Array<{ measure: { code: string }; applications: number; subjects: number }>;
    }>(
      "measures",
      `query ($from: Date) { measureStats(from: $from) { measure { code } applications subjects reporters outcomes { outcome count } } }`,
      { viewer: centre, variables: { from: addYears(daysAgo(0), -1) } },
    );
    expect(stats.data!.measureStats).toEqual([
      expect.objectContaining({ measure: { code: "P05" }, applications: 1, subjects: 1 }),
    ]);
    expect(
      errorCodes(
        await slice.execute("measures", `{ measureStats { applications } }`, {
          viewer: { ...government, purpose: "SUPERVISION" },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
  });
});

describe("measures only where their basis applies (JRP art. 14, 「依法依规」)", () => {
  it("restricts exit and high consumption for a 失信被执行人 (B07), never for a non-compliant design (B10)", async () => {
    await recognize(company(910), "BLACK", "S-910");
    await recognize(company(911), "BLACK", "S-911", {
      grounds: "B10_NONCOMPLIANT_DESIGN",
      facts: "提供不符合国家标准的设计方案",
    });
    const answer = await screen([uscc(910), uscc(911)], "HIGH_CONSUMPTION");
    expect(answer.errors).toBeUndefined();
    const [judgementDebtor, design] = answer.data!.screen;
    // The court's consumption restriction forbids (「不得有以下高消费…」); exit restriction is the court's to decide.
    expect(judgementDebtor).toMatchObject({
      decision: "BLOCK",
      measures: [
        { code: "P10", decision: "BLOCK" },
        { code: "P12", decision: "REVIEW" },
      ],
    });
    expect(design).toMatchObject({ decision: "PASS", measures: [] });
    // Other measures still reach every black grounds: B10 is stopped from public-resource trading.
    const trading = await screen([uscc(911)], "PUBLIC_RESOURCE_TRADING");
    expect(trading.data!.screen[0]!.measures.map((measure) => measure.code)).toContain("P05");
  });

  it("shows in the catalogue each measure's decision in the scenario asked about, and its strictest without one", async () => {
    const query = `query ($scenario: Scenario) { measures(list: BLACK, scenario: $scenario) { code decision } }`;
    const decisions = async (scenario: string | null) =>
      Object.fromEntries(
        (
          await slice.execute<{ measures: Array<{ code: string; decision: string }> }>("measures", query, {
            variables: { scenario },
          })
        ).data!.measures.map((measure) => [measure.code, measure.decision]),
      );
    expect(await decisions("PUBLIC_RESOURCE_TRADING")).toEqual({
      P05: "REVIEW",
      P06: "REVIEW",
      P13: "REVIEW",
    });
    expect(await decisions("ADMINISTRATIVE_LICENSING")).toEqual({
      P02: "BLOCK",
      P03: "REVIEW",
      P08: "REVIEW",
      P11: "REVIEW",
    });
    expect(await decisions(null)).toMatchObject({
      P01: "REVIEW",
      P02: "BLOCK",
      P04: "REVIEW",
      P10: "BLOCK",
      P16: "BLOCK",
    });
  });

  it("publishes each measure's grounds in the catalogue", async () => {
    const catalogue = await slice.execute<{ measures: Array<{ code: string; grounds: string[] }> }>(
      "measures",
      `{ measures(list: BLACK) { code grounds } }`,
    );
    const grounds = Object.fromEntries(
      catalogue.data!.measures.map((measure) => [measure.code, measure.grounds]),
    );
    expect(grounds).toMatchObject({ P10: ["B07_REFUSE_JUDGEMENT"], P12: ["B07_REFUSE_JUDGEMENT"], P05: [] });
  });
});

describe("responsible persons at the time (PCIM art. 26 「负有责任的」)", () => {
  it("reaches the representative in office when the organisation was listed, not the one appointed after", async () => {
    const provider: SliceViewer = { role: "PROVIDER", org: "HA-SAMR" };
    const register = (representative: number, relationsSince: string) =>
      slice.execute(
        "subjects",
        `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
        {
          viewer: provider,
          variables: {
            input: { subject: company(912), legalRepresentative: person(representative), relationsSince },
          },
        },
      );
    expect((await register(913, daysAgo(400))).errors).toBeUndefined();
    await recognize(company(912), "BLACK", "S-912");
    expect((await register(914, daysAgo(10))).errors).toBeUndefined();
    // A change dated before the current holder took office is refused.
    expect(errorCodes(await register(915, daysAgo(20)))).toEqual(["BAD_USER_INPUT"]);

    const answer = await screen([citizenId(913), citizenId(914)], "FISCAL_FUNDS", government, "FISCAL_FUNDS");
    const [atTheTime, appointedAfter] = answer.data!.screen;
    expect(atTheTime).toMatchObject({ decision: "REVIEW", measures: [{ code: "P13", decision: "REVIEW" }] });
    expect(atTheTime!.reasons.join("\n")).toMatch(
      new RegExp(`LEGAL_REPRESENTATIVE（任职 ${daysAgo(400)} 至 ${daysAgo(10)}，认定时在任`),
    );
    expect(appointedAfter).toMatchObject({ decision: "PASS", measures: [] });

    const current = await slice.readSubject<{ legalRepresentative: { name: string } | null }>(
      uscc(912),
      { subjects: "legalRepresentative { name }" },
      {
        viewer: { ...government, purpose: "FISCAL_FUNDS" },
      },
    );
    expect(current.data!.subject.legalRepresentative).toEqual({ name: personName("筛查人", 914) });
  });
});
