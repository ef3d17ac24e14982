import { addMonths, nextDay } from "../../domain/dates";
import { entryInForce } from "../lists/list-entry.registry";
import { recordCurrent } from "../records/credit-record.registry";

/** What repair is asked for: a negative item (PCIM art. 31) or a black-list entry (JRP art. 18). */
/** The record kinds that bar a repair though they are not negative (PCIM art. 31(2)(2), (6), (7)): the history reads them too. */
export const REPAIR_BARRING_KINDS = [
  "BANKRUPTCY_PROCEEDING",
  "IGNORED_CREDIT_REMINDER",
  "REPAIR_BAR",
] as const;

export type RepairTarget =
  | Readonly<{
      type: "CREDIT_RECORD";
      id: string;
      kind: string;
      category: string;
      severity: string | null;
      status: string;
      decidedOn: string;
      /** When the item was published on the platform (submitted, or the decision if later): publicity counts from it. */
      publishedOn: string;
      expiresOn: string | null;
    }>
  | Readonly<{
      type: "LIST_ENTRY";
      id: string;
      list: string;
      grounds: string;
      status: string;
      recognizedOn: string;
      validUntil: string | null;
    }>;

/**
 * The subject's history the conditions look at. `provider` is the unit that provided the record, recognised the
 * listing or provided the repaired item (unknown: no unit's own).
 */
export type RepairHistory = Readonly<{
  /** Negative items and the markers of PCIM art. 31(二) 2, 6, 7 (bankruptcy, ignored reminders, legal bars). */
  records: ReadonlyArray<
    Readonly<{
      id: string;
      kind: string;
      category: string;
      severity: string | null;
      status: string;
      decidedOn: string;
      provider?: string;
    }>
  >;
  /** Black-list entries, for first or repeat listing and restarts; REMOVED ones (taken off as wrong) never count. */
  blackListings: ReadonlyArray<
    Readonly<{ id: string; recognizedOn: string; status: string; provider?: string }>
  >;
  /** Completed repairs with the class (record kind or list grounds) repaired. */
  repairs: ReadonlyArray<Readonly<{ completedOn: string; kind: string; provider?: string }>>;
}>;

/**
 * The history as one unit knows it: its own records, listings and repaired items only. What a unit that may not
 * read the subject's file is told is decided on this alone, so that no answer to it changes with another unit's
 * hidden item (not even one yes or no).
 */
export function historyOfUnit(history: RepairHistory, unit: string): RepairHistory {
  return {
    records: history.records.filter((record) => record.provider === unit),
    blackListings: history.blackListings.filter((listing) => listing.provider === unit),
    repairs: history.repairs.filter((repair) => repair.provider === unit),
  };
}

/**
 * `ITEM` conditions concern only the item asked about; `FILE` conditions read the subject's other
 * information (other providers' items, listings, repairs), which not every asker may learn.
 */
export type ConditionScope = "ITEM" | "FILE";
export type RepairCondition = Readonly<{
  article: string;
  met: boolean;
  reason: string;
  earliestOn: string | null;
  scope: ConditionScope;
}>;
export type RepairEligibilityResult = Readonly<{
  eligible: boolean;
  conditions: RepairCondition[];
  earliestOn: string | null;
}>;

const latest = (dates: readonly string[]) => [...dates].sort().at(-1) ?? null;

/**
 * The first day on which a period of `months` after `from` has run: 民法典 arts. 201-202 — the day of the
 * event is not counted, the period ends on the corresponding day of its last month, and is over the next
 * day (six months after 1 May end on 1 November; the condition is met on 2 November).
 */
export function periodRunsOutOn(from: string, months: number): string {
  return nextDay(addMonths(from, months));
}

/**
 * JRP art. 18 for leaving a black list; PCIM art. 31 for repairing an item, the periods counted from
 * `rectifiedOn` — the day the obligations were performed or the rectification completed, which the
 * applicant states with evidence (「其后」, 「自纠正之日起」); without it those conditions are unmet. JRP art.
 * 18(3) (other major repentance accepted by the provider) is the provider's judgement, not a date: it is
 * not decided here. Every condition is reported, met or not, with its article; a condition that time will
 * satisfy carries `earliestOn`. Conditions that
 * no date cures (bankruptcy, ignored reminders, legal bars) have no `earliestOn`, and neither does the
 * result while one of them fails.
 */
export function checkRepairEligibility(
  target: RepairTarget,
  history: RepairHistory,
  today: string,
  rectifiedOn: string | null,
): RepairEligibilityResult {
  const conditions: RepairCondition[] = [];
  const condition = (
    article: string,
    met: boolean,
    reason: string,
    earliestOn: string | null = null,
    scope: ConditionScope = "FILE",
  ) => conditions.push({ article, met, reason, earliestOn: met ? null : earliestOn, scope });
  const severe = history.records.filter(
    (record) => record.category === "NEGATIVE" && record.severity === "SEVERE" && record.status === "ACTIVE",
  );
  const stated = (article: string) =>
    condition(
      article,
      rectifiedOn !== null,
      "state the day the obligations were fully performed or the rectification completed (rectifiedOn), with evidence: the periods count from it",
      null,
      "ITEM",
    );

  if (target.type === "LIST_ENTRY") {
    // 「在黑名单信息使用期限内」: an entry past its validity is out of use already — nothing to repair.
    condition(
      "JRP art. 18",
      target.list === "BLACK" &&
        entryInForce.test({ status: target.status, valid_until: target.validUntil }, today),
      "only a black-list entry in force (within its validity) leaves the list through repair; expired or removed information is out of use",
      null,
      "ITEM",
    );
    stated("JRP art. 18(1)-(2): performed or rectified");
    // An earlier entry removed (taken off as wrong) is no listing: 「初次列入」 counts the listings that stood.
    const stood = history.blackListings.filter(
      (listing) => listing.id !== target.id && listing.status !== "REMOVED",
    );
    const repeat = stood.some((listing) => listing.recognizedOn < target.recognizedOn);
    const months = repeat ? 12 : 6;
    if (rectifiedOn !== null) {
      // 「在其后…内再未发生严重失信行为」: counted from rectification; a new severe item or black listing restarts it.
      const restartedOn = latest(
        [
          rectifiedOn,
          ...severe.map((record) => record.decidedOn),
          ...stood.map((listing) => listing.recognizedOn),
        ].filter((date) => date >= rectifiedOn),
      )!;
      const clearOn = periodRunsOutOn(restartedOn, months);
      condition(
        repeat ? "JRP art. 18(2): repeat listing, 12 months" : "JRP art. 18(1): first listing, 6 months",
        clearOn <= today,
        `no new severe dishonesty in the ${months} months after ${restartedOn}${restartedOn === rectifiedOn ? " (rectification)" : " (a new severe dishonesty after rectification restarted the count)"}; ${repeat ? "repeat" : "first"} listing`,
        clearOn,
      );
    }
  } else {
    // 「在其失信信息使用期限内」: an expired or corrected item is out of use already — nothing to repair.
    condition(
      "PCIM art. 31",
      target.category === "NEGATIVE" &&
        recordCurrent.test({ status: target.status, expires_on: target.expiresOn }, today),
      "only a negative item still in use can be repaired; expired, corrected or archived information is out of use",
      null,
      "ITEM",
    );
    const publicityRunsOut = periodRunsOutOn(target.publishedOn, 3);
    condition(
      "PCIM art. 31(1): publicity ≥ 3 months",
      publicityRunsOut <= today,
      `published since ${target.publishedOn}; three full months have run on ${publicityRunsOut}`,
      publicityRunsOut,
      "ITEM",
    );
    stated("PCIM art. 31(1): corrected");
    if (rectifiedOn !== null) {
      // 「自纠正之日起，1年内未再发生同类失信行为」: a same-class item after the correction restarts the year.
      const sameClass = history.records.filter(
        (record) =>
          record.id !== target.id &&
          record.category === "NEGATIVE" &&
          record.kind === target.kind &&
          record.decidedOn >= rectifiedOn,
      );
      const restartedOn = latest([rectifiedOn, ...sameClass.map((record) => record.decidedOn)])!;
      const cleanOn = periodRunsOutOn(restartedOn, 12);
      condition(
        "PCIM art. 31(1): 1 year without same-class dishonesty",
        cleanOn <= today,
        `no ${target.kind} item in the year after ${restartedOn}${restartedOn === rectifiedOn ? " (correction)" : ""}`,
        cleanOn,
      );
    }

    // 「1年内」, 「5年内」: an event still counts while the period after it has not run (民法典 arts. 201-202).
    const stillWithin = (date: string, months: number) =>
      date <= today && periodRunsOutOn(date, months) > today;
    const recentSevere = severe.filter(
      (record) => record.id !== target.id && stillWithin(record.decidedOn, 12),
    );
    const recentSerious = history.records
      .filter(
        (record) =>
          record.category === "NEGATIVE" &&
          record.severity === "SERIOUS" &&
          record.status === "ACTIVE" &&
          stillWithin(record.decidedOn, 12),
      )
      .map((record) => record.decidedOn)
      .sort();
    const seriousClearOn =
      recentSerious.length >= 3 ? periodRunsOutOn(recentSerious[recentSerious.length - 3]!, 12) : null;
    const severeClearOn = latest(recentSevere.map((record) => record.decidedOn));
    condition(
      "PCIM art. 31(2)(1)",
      recentSevere.length === 0 && recentSerious.length < 3,
      "no severe dishonesty in the last year and fewer than three serious ones",
      latest([severeClearOn ? periodRunsOutOn(severeClearOn, 12) : "", seriousClearOn ?? ""].filter(Boolean)),
    );
    const active = (kind: string) =>
      history.records.some((record) => record.kind === kind && record.status === "ACTIVE");
    condition("PCIM art. 31(2)(2)", !active("BANKRUPTCY_PROCEEDING"), "not in bankruptcy proceedings");
    const repairs = history.repairs.map((repair) => repair.completedOn).sort();
    const lastRepair = repairs.at(-1) ?? null;
    condition(
      "PCIM art. 31(2)(3)",
      !lastRepair || !stillWithin(lastRepair, 12),
      "last repair at least one year ago",
      lastRepair ? periodRunsOutOn(lastRepair, 12) : null,
    );
    const recentRepairs = repairs.filter((date) => stillWithin(date, 60));
    condition(
      "PCIM art. 31(2)(4)",
      recentRepairs.length < 2,
      "fewer than two repairs in five years",
      recentRepairs.length >= 2 ? periodRunsOutOn(recentRepairs[recentRepairs.length - 2]!, 60) : null,
    );
    const sameClassRepair = latest(
      history.repairs
        .filter((repair) => repair.kind === target.kind && stillWithin(repair.completedOn, 60))
        .map((repair) => repair.completedOn),
    );
    condition(
      "PCIM art. 31(2)(5)",
      !sameClassRepair,
      `no ${target.kind} item repaired in the last five years`,
      sameClassRepair ? periodRunsOutOn(sameClassRepair, 60) : null,
    );
    condition(
      "PCIM art. 31(2)(6)",
      !active("IGNORED_CREDIT_REMINDER"),
      "credit reminders and interviews were not ignored",
    );
    condition("PCIM art. 31(2)(7)", !active("REPAIR_BAR"), "no other legal bar to repair");
  }
  return resultOf(conditions);
}

function resultOf(conditions: RepairCondition[]): RepairEligibilityResult {
  const failed = conditions.filter((item) => !item.met);
  const permanent = failed.some((item) => item.earliestOn === null);
  return {
    eligible: failed.length === 0,
    conditions,
    earliestOn: failed.length === 0 || permanent ? null : latest(failed.map((item) => item.earliestOn!)),
  };
}

/**
 * The answer for an asker who may not read the subject's file (the item's provider), computed on its own items
 * alone (`historyOfUnit`): the conditions on the item in full, and one yes or no for the rest of what the unit
 * itself provided — no article, reason or date, and nothing that another unit's item could change (least
 * disclosure, PIPL art. 6). The subject and the credit centre get the whole answer.
 */
export function withoutFileDetails(result: RepairEligibilityResult): RepairEligibilityResult {
  const file = result.conditions.filter((item) => item.scope === "FILE");
  if (file.length === 0) return result;
  const fileMet = file.every((item) => item.met);
  const summary: RepairCondition = {
    article: "PCIM art. 31 / JRP art. 18: the subject's other credit information",
    met: fileMet,
    reason: fileMet
      ? "as far as your unit's own items on this subject show, the remaining conditions are met; other units' items are not considered here — the subject and the credit centre see the whole answer"
      : "your unit's own items on this subject do not meet the remaining conditions now; the subject and the credit centre see which, and what other units' items add",
    earliestOn: null,
    scope: "FILE",
  };
  return resultOf([...result.conditions.filter((item) => item.scope === "ITEM"), summary]);
}
