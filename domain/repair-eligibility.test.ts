import { describe, expect, it } from "vitest";
import { checkRepairEligibility, type RepairHistory, type RepairTarget } from "./repair-eligibility";

const TODAY = "2026-11-20";
const none: RepairHistory = { records: [], blackListings: [], repairs: [] };
const conditionOf = (result: ReturnType<typeof checkRepairEligibility>, article: string) => result.conditions.find((condition) => condition.article.startsWith(article))!;

describe("JRP art. 18: leaving a black list", () => {
  const entry = (recognizedOn: string): RepairTarget => ({ type: "LIST_ENTRY", id: "E", list: "BLACK", grounds: "BLACK:B07", status: "ACTIVE", recognizedOn });
  const history = (listings: string[]): RepairHistory => ({ ...none, blackListings: listings.map((recognizedOn, index) => ({ id: index === 0 ? "E" : `E${index}`, recognizedOn })) });

  it("first listing: eligible six months after recognition, not a day before", () => {
    expect(checkRepairEligibility(entry("2026-05-20"), history(["2026-05-20"]), TODAY).eligible).toBe(true);
    const early = checkRepairEligibility(entry("2026-05-21"), history(["2026-05-21"]), TODAY);
    expect(early).toMatchObject({ eligible: false, earliestOn: "2026-11-21" });
    expect(conditionOf(early, "JRP art. 18(1): first listing").met).toBe(false);
  });

  it("repeat listing: twelve months", () => {
    const repeat = checkRepairEligibility(entry("2026-01-10"), history(["2026-01-10", "2023-03-01"]), TODAY);
    expect(repeat).toMatchObject({ eligible: false, earliestOn: "2027-01-10" });
    expect(conditionOf(repeat, "JRP art. 18(1): repeat listing").met).toBe(false);
  });

  it("a new severe dishonesty restarts the period", () => {
    const severe: RepairHistory = { ...history(["2025-01-01"]), records: [{ id: "R", kind: "VIOLATION", category: "NEGATIVE", severity: "SEVERE", status: "ACTIVE", decidedOn: "2026-09-01" }] };
    expect(checkRepairEligibility(entry("2025-01-01"), severe, TODAY)).toMatchObject({ eligible: false, earliestOn: "2027-03-01" });
  });

  it("only an ACTIVE black-list entry leaves through repair", () => {
    expect(checkRepairEligibility({ ...entry("2020-01-01"), status: "REMOVED" } as RepairTarget, history(["2020-01-01"]), TODAY).eligible).toBe(false);
    expect(checkRepairEligibility({ ...entry("2020-01-01"), list: "RED" } as RepairTarget, history([]), TODAY).eligible).toBe(false);
  });
});

describe("PCIM art. 31: repairing an item", () => {
  const item = (decidedOn = "2025-06-01", kind = "TAX_ARREARS"): RepairTarget => ({ type: "CREDIT_RECORD", id: "T", kind, category: "NEGATIVE", severity: "GENERAL", status: "ACTIVE", decidedOn });
  const record = (decidedOn: string, extra: Partial<RepairHistory["records"][number]> = {}) => ({
    id: `R-${decidedOn}-${extra.kind ?? ""}`,
    kind: "VIOLATION",
    category: "NEGATIVE",
    severity: "GENERAL" as string | null,
    status: "ACTIVE",
    decidedOn,
    ...extra,
  });
  const eligibleBase = () => checkRepairEligibility(item(), { ...none, records: [record("2025-06-01", { id: "T", kind: "TAX_ARREARS" })] }, TODAY);

  it("is eligible when every condition holds", () => {
    expect(eligibleBase()).toMatchObject({ eligible: true, earliestOn: null });
    expect(eligibleBase().conditions.every((condition) => condition.met)).toBe(true);
  });

  it("(1) publicity must have run three months", () => {
    const result = checkRepairEligibility(item("2026-09-01"), none, TODAY);
    expect(conditionOf(result, "PCIM art. 31(1): publicity")).toMatchObject({ met: false, earliestOn: "2026-12-01" });
  });

  it("(1) one year without same-class dishonesty since correction", () => {
    const result = checkRepairEligibility(item("2025-06-01"), { ...none, records: [record("2026-02-01", { kind: "TAX_ARREARS" })] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(1): 1 year")).toMatchObject({ met: false, earliestOn: "2027-02-01" });
  });

  it("(二)1 a severe dishonesty in the last year bars repair", () => {
    const result = checkRepairEligibility(item(), { ...none, records: [record("2026-03-03", { severity: "SEVERE" })] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(1)")).toMatchObject({ met: false, earliestOn: "2027-03-03" });
  });

  it("(二)1 three serious ones in the last year bar repair, two do not", () => {
    const serious = (dates: string[]) => ({ ...none, records: dates.map((date) => record(date, { severity: "SERIOUS" })) });
    expect(conditionOf(checkRepairEligibility(item(), serious(["2026-01-01", "2026-02-01"]), TODAY), "PCIM art. 31(2)(1)").met).toBe(true);
    expect(conditionOf(checkRepairEligibility(item(), serious(["2026-01-01", "2026-02-01", "2026-03-01"]), TODAY), "PCIM art. 31(2)(1)")).toMatchObject({ met: false, earliestOn: "2027-01-01" });
  });

  it("(二)2 bankruptcy proceedings bar repair, with no date", () => {
    const result = checkRepairEligibility(item(), { ...none, records: [record("2026-01-01", { kind: "BANKRUPTCY_PROCEEDING", category: "OTHER", severity: null })] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(2)")).toMatchObject({ met: false, earliestOn: null });
    expect(result.earliestOn).toBeNull();
  });

  it("(二)3 the last repair must be a year ago", () => {
    const result = checkRepairEligibility(item(), { ...none, repairs: [{ completedOn: "2026-04-01", kind: "VIOLATION" }] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(3)")).toMatchObject({ met: false, earliestOn: "2027-04-01" });
  });

  it("(二)4 two repairs in five years bar a third", () => {
    const result = checkRepairEligibility(item(), { ...none, repairs: [{ completedOn: "2022-03-01", kind: "A" }, { completedOn: "2024-05-01", kind: "B" }] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(4)")).toMatchObject({ met: false, earliestOn: "2027-03-01" });
  });

  it("(二)5 the same class repaired once in five years bars it", () => {
    const result = checkRepairEligibility(item(), { ...none, repairs: [{ completedOn: "2023-01-15", kind: "TAX_ARREARS" }] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(5)")).toMatchObject({ met: false, earliestOn: "2028-01-15" });
  });

  it("(二)6 ignored credit reminders or interviews bar repair", () => {
    const result = checkRepairEligibility(item(), { ...none, records: [record("2026-01-01", { kind: "IGNORED_CREDIT_REMINDER", category: "OTHER", severity: null })] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(6)")).toMatchObject({ met: false, earliestOn: null });
  });

  it("(二)7 another legal bar bars repair", () => {
    const result = checkRepairEligibility(item(), { ...none, records: [record("2026-01-01", { kind: "REPAIR_BAR", category: "OTHER", severity: null })] }, TODAY);
    expect(conditionOf(result, "PCIM art. 31(2)(7)")).toMatchObject({ met: false, earliestOn: null });
  });

  it("gives the latest of the dates when only time-bound conditions fail", () => {
    const result = checkRepairEligibility(item("2026-09-01"), { ...none, repairs: [{ completedOn: "2026-04-01", kind: "X" }] }, TODAY);
    expect(result).toMatchObject({ eligible: false, earliestOn: "2027-09-01" });
  });
});
