import type { Deadline, WorkingDayCalendar } from "../../domain/working-days";
import type { ObjectionStateValue } from "./objection.type";
import type { RepairStateValue } from "./repair-case.type";

/** How long a step has, in working days, counted from which day of its case. */
export type DeadlineRule = Readonly<{ workingDays: number; from: "filed_on" | "state_changed_on" }>;

/**
 * Objections (PCIM art. 29, JRP art. 16): the review 10 working days from filing; the provider's
 * verification 5 from its start; the correction published and made known within 3 of being decided.
 * The appeal (PCIM art. 30, JRP art. 17) has no period in the text: a house rule gives the credit
 * authority 10 working days from the appeal, as art. 29 gives the review. Other states have no deadline.
 */
export const OBJECTION_DEADLINES: Readonly<Partial<Record<ObjectionStateValue, DeadlineRule>>> = {
  SUBMITTED: { workingDays: 10, from: "filed_on" },
  UNDER_REVIEW: { workingDays: 10, from: "filed_on" },
  PROVIDER_VERIFYING: { workingDays: 5, from: "state_changed_on" },
  CORRECTED: { workingDays: 3, from: "state_changed_on" },
  APPEALED: { workingDays: 10, from: "state_changed_on" },
};

/**
 * Repair (PCIM art. 32, JRP art. 19): 5 working days of publicity. The provider's written opinion is due
 * 「在规定期限内」, a period the text leaves to be set: a house rule gives it 10 working days from the
 * application; its verification of an objection raised in publicity, 5 (as art. 29 gives a verification).
 */
export const REPAIR_DEADLINES: Readonly<Partial<Record<RepairStateValue, DeadlineRule>>> = {
  APPLIED: { workingDays: 10, from: "state_changed_on" },
  IN_PUBLICITY: { workingDays: 5, from: "state_changed_on" },
  OBJECTED: { workingDays: 5, from: "state_changed_on" },
};

type CaseDates = Readonly<{ filed_on?: string; state_changed_on: string }>;

/** The deadline of a case in a state, or null when that state has none. Never throws for calendar data. */
export function deadlineOf<TState extends string>(
  rules: Readonly<Partial<Record<TState, DeadlineRule>>>,
  state: TState,
  dates: CaseDates,
  calendar: WorkingDayCalendar,
): Deadline | null {
  const rule = rules[state];
  if (!rule) return null;
  const from = rule.from === "filed_on" ? (dates.filed_on ?? dates.state_changed_on) : dates.state_changed_on;
  return calendar.addWorkingDays(from, rule.workingDays);
}

/**
 * The deadline of the step a case moves to. A step that goes on counting the same period from the same
 * day (the review's 10 working days from filing, through SUBMITTED and UNDER_REVIEW) keeps the date the
 * subject was already told when that is later: a notice loaded in between never shortens it.
 */
export function deadlineOfStep<TState extends string>(
  rules: Readonly<Partial<Record<TState, DeadlineRule>>>,
  from: TState,
  to: TState,
  dates: CaseDates,
  told: string | null,
  calendar: WorkingDayCalendar,
): Deadline | null {
  const deadline = deadlineOf(rules, to, dates, calendar);
  const before = rules[from];
  const after = rules[to];
  const sameCount =
    before &&
    after &&
    before.from === "filed_on" &&
    after.from === "filed_on" &&
    before.workingDays === after.workingDays;
  return deadline && sameCount && told
    ? { dueOn: confirmedDeadline(told, deadline.dueOn), provisional: deadline.provisional }
    : deadline;
}

/**
 * A deadline recomputed once the notice of its year is loaded: the official date, but never earlier
 * than the provisional date already told to the subject (docs/api.md "Deadlines never stop a filing").
 */
export function confirmedDeadline(told: string, official: string): string {
  return official > told ? official : told;
}
