import { describe, expect, it } from "vitest";
import {
  checkRepairEligibility,
  withoutFileDetails,
  type RepairHistory,
  type RepairTarget,
} from "./repair-eligibility.rules";

const TODAY = "2026-11-20";
const none: RepairHistory = { records: [], blackListings: [], repairs: [] };
const conditionOf = (result: ReturnType<typeof checkRepairEligibility>, article: string) =>
  result.conditions.find((condition) => condition.article.startsWith(article))!;

describe("JRP art. 18: leaving a black list, counted from rectification (「其后」)", () => {
  const entry = (
    recognizedOn: string,
    extra: Partial<Extract<RepairTarget, { type: "LIST_ENTRY" }>> = {},
  ): RepairTarget => ({
    type: "LIST_ENTRY",
    id: "E",
    list: "BLACK",
    grounds: "BLACK:B07",
    status: "ACTIVE",
    recognizedOn,
    validUntil: "2029-01-01",
    ...extra,
  });
  const history = (listings: Array<[string, string?]>): RepairHistory => ({
    ...none,
    blackListings: listings.map(([recognizedOn, status = "ACTIVE"], index) => ({
      id: index === 0 ? "E" : `E${index}`,
      recognizedOn,
      status,
    })),
  });

  it.each([
    // [case, listed on, rectified on, earlier listings, eligible, earliest]
    [
      "first listing, rectified 20 days ago: six months after performance",
      "2026-05-01",
      "2026-10-31",
      [],
      false,
      "2027-05-01",
    ],
    ["first listing, rectified 7 months ago", "2026-01-10", "2026-04-20", [], true, null],
    [
      "first listing, the six months end today (1 May to 20 November): met the day after",
      "2026-01-10",
      "2026-05-20",
      [],
      false,
      "2026-11-21",
    ],
    ["first listing, the six months ended yesterday", "2026-01-10", "2026-05-19", [], true, null],
    ["repeat listing: twelve months", "2026-01-10", "2026-04-20", [["2023-03-01"]], false, "2027-04-21"],
    [
      "an earlier listing removed as wrong is no listing",
      "2026-01-10",
      "2026-04-20",
      [["2023-03-01", "REMOVED"]],
      true,
      null,
    ],
  ] as const)("%s", (_case, listedOn, rectifiedOn, earlier, eligible, earliestOn) => {
    const result = checkRepairEligibility(
      entry(listedOn),
      history([[listedOn], ...earlier.map((listing) => [...listing] as [string, string?])]),
      TODAY,
      rectifiedOn,
    );
    expect(result).toMatchObject({ eligible, earliestOn });
  });

  it("counts from rectification, not from the listing: an old listing rectified last month is not eligible", () => {
    expect(
      checkRepairEligibility(entry("2024-01-01"), history([["2024-01-01"]]), TODAY, "2026-10-20"),
    ).toMatchObject({ eligible: false, earliestOn: "2027-04-21" });
  });

  it("without the day of rectification, says what to state and is not eligible", () => {
    const result = checkRepairEligibility(entry("2024-01-01"), history([["2024-01-01"]]), TODAY, null);
    expect(result).toMatchObject({ eligible: false, earliestOn: null });
    expect(conditionOf(result, "JRP art. 18(1)-(2): performed or rectified")).toMatchObject({
      met: false,
      reason: expect.stringContaining("rectifiedOn"),
    });
  });

  it("a new severe dishonesty or a new black listing after rectification restarts the count", () => {
    const severe: RepairHistory = {
      ...history([["2025-01-01"]]),
      records: [
        {
          id: "R",
          kind: "VIOLATION",
          category: "NEGATIVE",
          severity: "SEVERE",
          status: "ACTIVE",
          decidedOn: "2026-09-01",
        },
      ],
    };
    expect(checkRepairEligibility(entry("2025-01-01"), severe, TODAY, "2025-03-01")).toMatchObject({
      eligible: false,
      earliestOn: "2027-03-02",
    });
    expect(
      checkRepairEligibility(
        entry("2025-01-01"),
        history([["2025-01-01"], ["2026-08-01"]]),
        TODAY,
        "2025-03-01",
      ),
    ).toMatchObject({ eligible: false, earliestOn: "2027-02-02" });
  });

  it("only a black-list entry in force leaves through repair: removed, red or expired information is out of use", () => {
    expect(
      checkRepairEligibility(
        entry("2020-01-01", { status: "REMOVED" }),
        history([["2020-01-01"]]),
        TODAY,
        "2020-02-01",
      ).eligible,
    ).toBe(false);
    expect(
      checkRepairEligibility(entry("2020-01-01", { list: "RED" }), history([]), TODAY, "2020-02-01").eligible,
    ).toBe(false);
    const expired = checkRepairEligibility(
      entry("2020-01-01", { validUntil: "2023-01-01" }),
      history([["2020-01-01"]]),
      TODAY,
      "2020-02-01",
    );
    expect(conditionOf(expired, "JRP art. 18")).toMatchObject({ met: false, earliestOn: null });
    expect(expired.eligible).toBe(false);
  });
});

describe("PCIM art. 31: repairing an item", () => {
  const item = (
    decidedOn = "2025-06-01",
    kind = "TAX_ARREARS",
    extra: Partial<Extract<RepairTarget, { type: "CREDIT_RECORD" }>> = {},
  ): RepairTarget => ({
    type: "CREDIT_RECORD",
    id: "T",
    kind,
    category: "NEGATIVE",
    severity: "GENERAL",
    status: "ACTIVE",
    decidedOn,
    publishedOn: decidedOn,
    expiresOn: "2028-06-01",
    ...extra,
  });
  /** Corrected the day after the decision unless a test says otherwise. */
  const RECTIFIED = "2025-06-02";
  const record = (decidedOn: string, extra: Partial<RepairHistory["records"][number]> = {}) => ({
    id: `R-${decidedOn}-${extra.kind ?? ""}`,
    kind: "VIOLATION",
    category: "NEGATIVE",
    severity: "GENERAL" as string | null,
    status: "ACTIVE",
    decidedOn,
    ...extra,
  });
  const eligibleBase = () =>
    checkRepairEligibility(
      item(),
      { ...none, records: [record("2025-06-01", { id: "T", kind: "TAX_ARREARS" })] },
      TODAY,
      RECTIFIED,
    );

  it("is eligible when every condition holds", () => {
    expect(eligibleBase()).toMatchObject({ eligible: true, earliestOn: null });
    expect(eligibleBase().conditions.every((condition) => condition.met)).toBe(true);
  });

  it("(1) publicity must have run three full months from publication: not on the day they end, the day after (「期满3个月以上」)", () => {
    const result = checkRepairEligibility(item("2026-09-01"), none, TODAY, "2026-09-02");
    expect(conditionOf(result, "PCIM art. 31(1): publicity")).toMatchObject({
      met: false,
      earliestOn: "2026-12-02",
    });
    expect(
      conditionOf(
        checkRepairEligibility(item("2026-08-19"), none, TODAY, "2026-08-20"),
        "PCIM art. 31(1): publicity",
      ).met,
    ).toBe(true);
    expect(
      conditionOf(
        checkRepairEligibility(item("2026-08-20"), none, TODAY, "2026-08-21"),
        "PCIM art. 31(1): publicity",
      ).met,
    ).toBe(false);
  });

  it("(1) one year without same-class dishonesty from the day of correction (「自纠正之日起」), restarted by a same-class item", () => {
    const corrected = checkRepairEligibility(item("2025-06-01"), none, TODAY, "2026-03-10");
    expect(conditionOf(corrected, "PCIM art. 31(1): 1 year")).toMatchObject({
      met: false,
      earliestOn: "2027-03-11",
    });
    const restarted = checkRepairEligibility(
      item("2025-06-01"),
      { ...none, records: [record("2026-02-01", { kind: "TAX_ARREARS" })] },
      TODAY,
      "2025-07-01",
    );
    expect(conditionOf(restarted, "PCIM art. 31(1): 1 year")).toMatchObject({
      met: false,
      earliestOn: "2027-02-02",
    });
  });

  it("(1) an expired or corrected item is out of use: nothing to repair", () => {
    for (const extra of [{ expiresOn: "2026-11-19" }, { status: "CORRECTED" }]) {
      const result = checkRepairEligibility(item("2025-06-01", "TAX_ARREARS", extra), none, TODAY, RECTIFIED);
      expect(conditionOf(result, "PCIM art. 31")).toMatchObject({ met: false, earliestOn: null });
      expect(result).toMatchObject({ eligible: false, earliestOn: null });
    }
  });

  it("(二)1 a severe dishonesty in the last year bars repair", () => {
    const result = checkRepairEligibility(
      item(),
      { ...none, records: [record("2026-03-03", { severity: "SEVERE" })] },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(1)")).toMatchObject({ met: false, earliestOn: "2027-03-04" });
  });

  it("(二)1 three serious ones in the last year bar repair, two do not", () => {
    const serious = (dates: string[]) => ({
      ...none,
      records: dates.map((date) => record(date, { severity: "SERIOUS" })),
    });
    expect(
      conditionOf(
        checkRepairEligibility(item(), serious(["2026-01-01", "2026-02-01"]), TODAY, RECTIFIED),
        "PCIM art. 31(2)(1)",
      ).met,
    ).toBe(true);
    expect(
      conditionOf(
        checkRepairEligibility(item(), serious(["2026-01-01", "2026-02-01", "2026-03-01"]), TODAY, RECTIFIED),
        "PCIM art. 31(2)(1)",
      ),
    ).toMatchObject({ met: false, earliestOn: "2027-01-02" });
  });

  it("(二) a bar holds through the day its year ends and lifts the day after (民法典 arts. 201-202)", () => {
    const onTheDay = {
      ...none,
      records: [record("2025-11-20", { severity: "SEVERE" })],
      repairs: [{ completedOn: "2025-11-20", kind: "X" }],
    };
    const result = checkRepairEligibility(item(), onTheDay, TODAY, RECTIFIED);
    expect(conditionOf(result, "PCIM art. 31(2)(1)")).toMatchObject({ met: false, earliestOn: "2026-11-21" });
    expect(conditionOf(result, "PCIM art. 31(2)(3)")).toMatchObject({ met: false, earliestOn: "2026-11-21" });
    const dayBefore = {
      ...none,
      records: [record("2025-11-19", { severity: "SEVERE" })],
      repairs: [{ completedOn: "2025-11-19", kind: "X" }],
    };
    expect(checkRepairEligibility(item(), dayBefore, TODAY, RECTIFIED)).toMatchObject({ eligible: true });
  });

  it("(1) publicity counts from publication: an item stored late is published from that day", () => {
    const late = checkRepairEligibility(
      item("2025-06-01", "TAX_ARREARS", { publishedOn: "2026-10-01" }),
      none,
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(late, "PCIM art. 31(1): publicity")).toMatchObject({
      met: false,
      earliestOn: "2027-01-02",
    });
  });

  it("(二)2 bankruptcy proceedings bar repair, with no date", () => {
    const result = checkRepairEligibility(
      item(),
      {
        ...none,
        records: [record("2026-01-01", { kind: "BANKRUPTCY_PROCEEDING", category: "OTHER", severity: null })],
      },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(2)")).toMatchObject({ met: false, earliestOn: null });
    expect(result.earliestOn).toBeNull();
  });

  it("(二)3 the last repair must be a year ago", () => {
    const result = checkRepairEligibility(
      item(),
      { ...none, repairs: [{ completedOn: "2026-04-01", kind: "VIOLATION" }] },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(3)")).toMatchObject({ met: false, earliestOn: "2027-04-02" });
  });

  it("(二)4 two repairs in five years bar a third", () => {
    const result = checkRepairEligibility(
      item(),
      {
        ...none,
        repairs: [
          { completedOn: "2022-03-01", kind: "A" },
          { completedOn: "2024-05-01", kind: "B" },
        ],
      },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(4)")).toMatchObject({ met: false, earliestOn: "2027-03-02" });
  });

  it("(二)5 the same class repaired once in five years bars it", () => {
    const result = checkRepairEligibility(
      item(),
      { ...none, repairs: [{ completedOn: "2023-01-15", kind: "TAX_ARREARS" }] },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(5)")).toMatchObject({ met: false, earliestOn: "2028-01-16" });
  });

  it("(二)6 ignored credit reminders or interviews bar repair", () => {
    const result = checkRepairEligibility(
      item(),
      {
        ...none,
        records: [
          record("2026-01-01", { kind: "IGNORED_CREDIT_REMINDER", category: "OTHER", severity: null }),
        ],
      },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(6)")).toMatchObject({ met: false, earliestOn: null });
  });

  it("(二)7 another legal bar bars repair", () => {
    const result = checkRepairEligibility(
      item(),
      { ...none, records: [record("2026-01-01", { kind: "REPAIR_BAR", category: "OTHER", severity: null })] },
      TODAY,
      RECTIFIED,
    );
    expect(conditionOf(result, "PCIM art. 31(2)(7)")).toMatchObject({ met: false, earliestOn: null });
  });

  it("gives the latest of the dates when only time-bound conditions fail", () => {
    // Publicity runs out 2026-12-02, the last repair's year 2027-04-01, the year from correction 2027-09-16.
    const result = checkRepairEligibility(
      item("2026-09-01"),
      { ...none, repairs: [{ completedOn: "2026-04-01", kind: "X" }] },
      TODAY,
      "2026-09-15",
    );
    expect(result).toMatchObject({ eligible: false, earliestOn: "2027-09-16" });
  });

  it("for an asker who may not read the file: the item's own conditions in full, the rest as one yes or no without dates", () => {
    const bankrupt = checkRepairEligibility(
      item("2026-09-01"),
      {
        ...none,
        records: [record("2026-01-01", { kind: "BANKRUPTCY_PROCEEDING", category: "OTHER", severity: null })],
      },
      TODAY,
      "2026-09-02",
    );
    const least = withoutFileDetails(bankrupt);
    expect(least.conditions.map((condition) => condition.article)).toEqual([
      "PCIM art. 31",
      "PCIM art. 31(1): publicity ≥ 3 months",
      "PCIM art. 31(1): corrected",
      "PCIM art. 31 / JRP art. 18: the subject's other credit information",
    ]);
    expect(least.conditions.at(-1)).toMatchObject({ met: false, earliestOn: null });
    expect(least).toMatchObject({ eligible: false, earliestOn: null });
    expect(withoutFileDetails(eligibleBase())).toMatchObject({ eligible: true, earliestOn: null });
    // Only its own item's dates: publicity runs out on 2 December, nothing about the file.
    const waiting = withoutFileDetails(checkRepairEligibility(item("2026-09-01"), none, TODAY, "2025-09-01"));
    expect(waiting).toMatchObject({ eligible: false, earliestOn: "2026-12-02" });
  });
});

/** Rows of the articles that the clause tests above leave out: each boundary on both sides. */
describe("boundary rows of JRP art. 18 and PCIM art. 31 (today 2026-11-20)", () => {
  const entry = (recognizedOn: string, validUntil = "2029-01-01"): RepairTarget => ({
    type: "LIST_ENTRY",
    id: "E",
    list: "BLACK",
    grounds: "BLACK:B07",
    status: "ACTIVE",
    recognizedOn,
    validUntil,
  });
  const listings = (target: string, earlier: Array<[string, string]>): RepairHistory => ({
    ...none,
    blackListings: [
      { id: "E", recognizedOn: target, status: "ACTIVE" },
      ...earlier.map(([recognizedOn, status], index) => ({ id: `E${index}`, recognizedOn, status })),
    ],
  });
  const severeOn = (decidedOn: string, status = "ACTIVE") => ({
    id: `S-${decidedOn}`,
    kind: "FRAUD",
    category: "NEGATIVE",
    severity: "SEVERE",
    status,
    decidedOn,
  });

  it.each([
    // [case, target listed, valid until, rectified, history, eligible, earliest]
    [
      "repeat listing, the twelve months end today: met tomorrow",
      "2025-06-01",
      "2029-01-01",
      "2025-11-20",
      listings("2025-06-01", [["2023-03-01", "ACTIVE"]]),
      false,
      "2026-11-21",
    ],
    [
      "repeat listing, the twelve months ended yesterday",
      "2025-06-01",
      "2029-01-01",
      "2025-11-19",
      listings("2025-06-01", [["2023-03-01", "ACTIVE"]]),
      true,
      null,
    ],
    [
      "an earlier listing that expired still stood: repeat",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      listings("2026-01-10", [["2023-03-01", "EXPIRED"]]),
      false,
      "2027-04-21",
    ],
    [
      "an earlier listing repaired still stood: repeat",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      listings("2026-01-10", [["2023-03-01", "REPAIRED"]]),
      false,
      "2027-04-21",
    ],
    [
      "a severe dishonesty before rectification does not restart the count",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      { ...listings("2026-01-10", []), records: [severeOn("2026-03-01")] },
      true,
      null,
    ],
    [
      "a severe dishonesty after rectification restarts it from its day",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      { ...listings("2026-01-10", []), records: [severeOn("2026-06-01")] },
      false,
      "2026-12-02",
    ],
    [
      "a severe item since corrected restarts nothing",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      { ...listings("2026-01-10", []), records: [severeOn("2026-06-01", "CORRECTED")] },
      true,
      null,
    ],
    [
      "a new black listing after rectification restarts it",
      "2026-01-10",
      "2029-01-01",
      "2026-04-20",
      listings("2026-01-10", [["2026-07-01", "ACTIVE"]]),
      false,
      "2027-01-02",
    ],
    [
      "valid until today: still in force, repairable",
      "2025-01-10",
      "2026-11-20",
      "2025-03-01",
      listings("2025-01-10", []),
      true,
      null,
    ],
    [
      "valid until yesterday: out of use",
      "2025-01-10",
      "2026-11-19",
      "2025-03-01",
      listings("2025-01-10", []),
      false,
      null,
    ],
  ] as const)(
    "JRP art. 18: %s",
    (_case, listedOn, validUntil, rectifiedOn, history, eligible, earliestOn) => {
      expect(
        checkRepairEligibility(entry(listedOn, validUntil), history as RepairHistory, TODAY, rectifiedOn),
      ).toMatchObject({ eligible, earliestOn });
    },
  );

  const item = (extra: Partial<Extract<RepairTarget, { type: "CREDIT_RECORD" }>> = {}): RepairTarget => ({
    type: "CREDIT_RECORD",
    id: "T",
    kind: "TAX_ARREARS",
    category: "NEGATIVE",
    severity: "GENERAL",
    status: "ACTIVE",
    decidedOn: "2025-06-01",
    publishedOn: "2025-06-01",
    expiresOn: "2028-06-01",
    ...extra,
  });
  const repairs = (...done: Array<[string, string]>): RepairHistory => ({
    ...none,
    repairs: done.map(([completedOn, kind]) => ({ completedOn, kind })),
  });

  it.each([
    // [case, item, history, article, met, earliest]
    ["expires today: still in use", item({ expiresOn: "2026-11-20" }), none, "PCIM art. 31", true, null],
    [
      "archived (repaired before): out of use",
      item({ status: "ARCHIVED" }),
      none,
      "PCIM art. 31",
      false,
      null,
    ],
    [
      "(二)1 a severe item since corrected does not bar",
      item(),
      { ...none, records: [severeOn("2026-03-03", "CORRECTED")] },
      "PCIM art. 31(2)(1)",
      true,
      null,
    ],
    [
      "(二)1 a severe item of a year ago today still bars",
      item(),
      { ...none, records: [severeOn("2025-11-20")] },
      "PCIM art. 31(2)(1)",
      false,
      "2026-11-21",
    ],
    [
      "(二)4 two repairs, the first five years ago today: still bars",
      item(),
      repairs(["2021-11-20", "A"], ["2024-05-01", "B"]),
      "PCIM art. 31(2)(4)",
      false,
      "2026-11-21",
    ],
    [
      "(二)4 two repairs, the first five years and a day ago: met",
      item(),
      repairs(["2021-11-19", "A"], ["2024-05-01", "B"]),
      "PCIM art. 31(2)(4)",
      true,
      null,
    ],
    [
      "(二)5 the same class repaired five years ago today: still bars",
      item(),
      repairs(["2021-11-20", "TAX_ARREARS"]),
      "PCIM art. 31(2)(5)",
      false,
      "2026-11-21",
    ],
    [
      "(二)5 the same class repaired five years and a day ago: met",
      item(),
      repairs(["2021-11-19", "TAX_ARREARS"]),
      "PCIM art. 31(2)(5)",
      true,
      null,
    ],
    [
      "(二)5 another class repaired recently does not bar this one",
      item(),
      repairs(["2024-11-19", "VIOLATION"]),
      "PCIM art. 31(2)(5)",
      true,
      null,
    ],
    [
      "(二)3 the last repair a year ago today: still bars",
      item(),
      repairs(["2025-11-20", "VIOLATION"]),
      "PCIM art. 31(2)(3)",
      false,
      "2026-11-21",
    ],
  ] as const)("PCIM art. 31: %s", (_case, target, history, article, met, earliestOn) => {
    const result = checkRepairEligibility(target, history as RepairHistory, TODAY, "2025-06-02");
    expect(result.conditions.find((condition) => condition.article === article)).toMatchObject({
      met,
      earliestOn,
    });
  });
});
