import { addMonths, addYears } from "./dates";

/** What repair is asked for: a negative item (PCIM art. 31) or a black-list entry (JRP art. 18). */
export type RepairTarget =
  | Readonly<{ type: "CREDIT_RECORD"; id: string; kind: string; category: string; severity: string | null; status: string; decidedOn: string }>
  | Readonly<{ type: "LIST_ENTRY"; id: string; list: string; grounds: string; status: string; recognizedOn: string }>;

/** The subject's history the conditions look at. */
export type RepairHistory = Readonly<{
  /** Negative items and the markers of PCIM art. 31(二) 2, 6, 7 (bankruptcy, ignored reminders, legal bars). */
  records: ReadonlyArray<Readonly<{ id: string; kind: string; category: string; severity: string | null; status: string; decidedOn: string }>>;
  /** Black-list entries, for first or repeat listing. */
  blackListings: ReadonlyArray<Readonly<{ id: string; recognizedOn: string }>>;
  /** Completed repairs with the class (record kind or list grounds) repaired. */
  repairs: ReadonlyArray<Readonly<{ completedOn: string; kind: string }>>;
}>;

export type RepairCondition = Readonly<{ article: string; met: boolean; reason: string; earliestOn: string | null }>;
export type RepairEligibilityResult = Readonly<{ eligible: boolean; conditions: RepairCondition[]; earliestOn: string | null }>;

const latest = (dates: readonly string[]) => [...dates].sort().at(-1) ?? null;
const within = (date: string, from: string, to: string) => date > from && date <= to;

/**
 * JRP art. 18 for leaving a black list; PCIM art. 31 for repairing an item. Every condition is reported,
 * met or not, with its article; a condition that time will satisfy carries `earliestOn`. Conditions that
 * no date cures (bankruptcy, ignored reminders, legal bars) have no `earliestOn`, and neither does the
 * result while one of them fails.
 */
export function checkRepairEligibility(target: RepairTarget, history: RepairHistory, today: string): RepairEligibilityResult {
  const conditions: RepairCondition[] = [];
  const condition = (article: string, met: boolean, reason: string, earliestOn: string | null = null) =>
    conditions.push({ article, met, reason, earliestOn: met ? null : earliestOn });
  const severe = history.records.filter((record) => record.category === "NEGATIVE" && record.severity === "SEVERE" && record.status === "ACTIVE");

  if (target.type === "LIST_ENTRY") {
    condition("JRP art. 18", target.list === "BLACK" && target.status === "ACTIVE", "only an ACTIVE black-list entry can leave the list through repair");
    const repeat = history.blackListings.some((listing) => listing.id !== target.id && listing.recognizedOn < target.recognizedOn);
    const months = repeat ? 12 : 6;
    const lastSevere = latest([target.recognizedOn, ...severe.map((record) => record.decidedOn).filter((date) => date >= target.recognizedOn)])!;
    const clearOn = addMonths(lastSevere, months);
    condition(
      repeat ? "JRP art. 18(1): repeat listing, 12 months" : "JRP art. 18(1): first listing, 6 months",
      clearOn <= today,
      `no new severe dishonesty for ${months} months since ${lastSevere} (${repeat ? "repeat" : "first"} listing)`,
      clearOn,
    );
    condition("JRP art. 18(1)", true, "obligations fully performed and rectified: shown with the application and confirmed in the provider's written opinion");
  } else {
    condition("PCIM art. 31", target.category === "NEGATIVE" && target.status === "ACTIVE", "only an ACTIVE negative item can be repaired");
    const publicityEnds = addMonths(target.decidedOn, 3);
    condition("PCIM art. 31(1): publicity ≥ 3 months", publicityEnds <= today, `published since ${target.decidedOn}; three months end ${publicityEnds}`, publicityEnds);
    const sameClass = history.records.filter((record) => record.category === "NEGATIVE" && record.kind === target.kind && record.decidedOn >= target.decidedOn);
    const cleanFrom = latest(sameClass.map((record) => record.decidedOn)) ?? target.decidedOn;
    condition("PCIM art. 31(1): 1 year without same-class dishonesty", addYears(cleanFrom, 1) <= today, `last ${target.kind} item on ${cleanFrom}`, addYears(cleanFrom, 1));

    const yearAgo = addYears(today, -1);
    const recentSevere = severe.filter((record) => record.id !== target.id && within(record.decidedOn, yearAgo, today));
    const recentSerious = history.records
      .filter((record) => record.category === "NEGATIVE" && record.severity === "SERIOUS" && record.status === "ACTIVE" && within(record.decidedOn, yearAgo, today))
      .map((record) => record.decidedOn)
      .sort();
    const seriousClearOn = recentSerious.length >= 3 ? addYears(recentSerious[recentSerious.length - 3]!, 1) : null;
    const severeClearOn = latest(recentSevere.map((record) => record.decidedOn));
    condition(
      "PCIM art. 31(2)(1)",
      recentSevere.length === 0 && recentSerious.length < 3,
      "no severe dishonesty in the last year and fewer than three serious ones",
      latest([severeClearOn ? addYears(severeClearOn, 1) : "", seriousClearOn ?? ""].filter(Boolean)),
    );
    const active = (kind: string) => history.records.some((record) => record.kind === kind && record.status === "ACTIVE");
    condition("PCIM art. 31(2)(2)", !active("BANKRUPTCY_PROCEEDING"), "not in bankruptcy proceedings");
    const repairs = history.repairs.map((repair) => repair.completedOn).sort();
    const lastRepair = repairs.at(-1) ?? null;
    condition("PCIM art. 31(2)(3)", !lastRepair || addYears(lastRepair, 1) <= today, "last repair at least one year ago", lastRepair ? addYears(lastRepair, 1) : null);
    const fiveYearsAgo = addYears(today, -5);
    const recentRepairs = repairs.filter((date) => within(date, fiveYearsAgo, today));
    condition(
      "PCIM art. 31(2)(4)",
      recentRepairs.length < 2,
      "fewer than two repairs in five years",
      recentRepairs.length >= 2 ? addYears(recentRepairs[recentRepairs.length - 2]!, 5) : null,
    );
    const sameClassRepair = latest(history.repairs.filter((repair) => repair.kind === target.kind && within(repair.completedOn, fiveYearsAgo, today)).map((repair) => repair.completedOn));
    condition("PCIM art. 31(2)(5)", !sameClassRepair, `no ${target.kind} item repaired in the last five years`, sameClassRepair ? addYears(sameClassRepair, 5) : null);
    condition("PCIM art. 31(2)(6)", !active("IGNORED_CREDIT_REMINDER"), "credit reminders and interviews were not ignored");
    condition("PCIM art. 31(2)(7)", !active("REPAIR_BAR"), "no other legal bar to repair");
  }
  const failed = conditions.filter((item) => !item.met);
  const permanent = failed.some((item) => item.earliestOn === null);
  return { eligible: failed.length === 0, conditions, earliestOn: failed.length === 0 || permanent ? null : latest(failed.map((item) => item.earliestOn!)) };
}
