import type { MeasureRow, ScenarioDecision } from "./measure.table";
import type { Decision, ListType, Scenario } from "../../domain/vocabulary";
import { addYears } from "../../domain/dates";
import { findListGround } from "../../domain/list-grounds";
import { entryInForce } from "../lists/list-entry.registry";

/** Order of decisions: the strictest applicable one wins (docs/api.md). */
const RANK: Record<Decision, number> = { PASS: 0, GREEN_CHANNEL: 1, REVIEW: 2, BLOCK: 3 };

export type ScreeningEntry = Readonly<{
  list: ListType;
  status: string;
  grounds: string;
  recognizedBy: string;
  recognizedOn: string;
  documentNumber: string;
  validUntil: string | null;
  statusChangedOn: string | null;
}>;

/** A black-list entry of an organisation the screened person answers for (PCIM art. 26). */
export type ResponsibleEntry = ScreeningEntry &
  Readonly<{
    organisationName: string;
    organisationIdentifier: string;
    relation: string;
    relationPeriod: string;
  }>;

export type Screening = Readonly<{ decision: Decision; reasons: string[]; measures: MeasureRow[] }>;

const NO_ENTRY_IN_FORCE = "无红黑名单记录 (no red or black list entry in force)";

/**
 * An identifier that cannot be screened (docs/api.md "Screening never fails open"): REVIEW, never PASS,
 * so a counter that reads only `decision` still stops.
 */
export function undecidableScreening(rule: string): Screening & { error: string } {
  return {
    decision: "REVIEW",
    reasons: [`无法筛查 (cannot be screened)：标识码有误，请核对后重新筛查 (${rule})`],
    measures: [],
    error: `INVALID_IDENTIFIER: ${rule}`,
  };
}

/** The lists' one definition of an entry in force, over a screening entry's fields. */
const inForce = (entry: ScreeningEntry, today: string) =>
  entryInForce.test({ status: entry.status, valid_until: entry.validUntil }, today);

const LIST_NAME: Record<ListType, string> = { RED: "红名单 (red list)", BLACK: "黑名单 (black list)" };

/**
 * The day a black-list entry left the list by repair or expiry, if it did: the exits that put a subject
 * under focused monitoring. An entry removed (taken off as wrong, by its unit) never does.
 */
function exitedOn(entry: ScreeningEntry, today: string): string | null {
  if (entry.list !== "BLACK") return null;
  if (entry.status === "ACTIVE") return inForce(entry, today) ? null : entry.validUntil;
  if (entry.status === "REPAIRED" || entry.status === "EXPIRED")
    return entry.statusChangedOn ?? entry.validUntil;
  return null;
}

function describeEntry(entry: ScreeningEntry): string {
  const ground = findListGround(entry.list, entry.grounds);
  const grounds = ground ? `${ground.code} ${ground.name}（${ground.article}）` : entry.grounds;
  return `${LIST_NAME[entry.list]}：${grounds}；认定单位 ${entry.recognizedBy}，文书 ${entry.documentNumber}，认定日期 ${entry.recognizedOn}${entry.validUntil ? `，有效期至 ${entry.validUntil}` : ""}`;
}

/**
 * What a measure decides in a scenario, as its text decides it (data/measures.yaml). A measure asked about
 * outside its scenarios is a caller's bug, not a PASS.
 */
export function decisionIn(measure: MeasureRow, scenario: Scenario): ScenarioDecision {
  const decided = measure.decisions[scenario];
  if (!decided) throw new Error(`measure ${measure.code} names no decision for ${scenario}`);
  return decided;
}

/** The strictest decision a measure takes in any of its scenarios. */
export function strictestDecision(measure: MeasureRow): ScenarioDecision["decision"] {
  return measure.scenarios
    .map((scenario) => decisionIn(measure, scenario).decision)
    .reduce((strictest, next) => (RANK[next] > RANK[strictest] ? next : strictest));
}

function describeMeasure(measure: MeasureRow, scenario: Scenario): string {
  const { decision, words } = decisionIn(measure, scenario);
  return `措施 ${measure.code} ${measure.title} → ${decision}（「${words}」；依据 ${measure.basis}，实施部门 ${measure.department}）`;
}

/**
 * Decides one screened subject in one scenario: its list entries in force bring the measures of their
 * list that apply in the scenario and target the subject; black-list entries of organisations it answers
 * for bring the measures that target responsible persons. Each measure decides as its text does in this
 * scenario and the strictest decision wins; each reason says list, grounds, unit, document, and each
 * measure with the words that decide it and its basis. For a supervising body
 * (`showsMonitoring`), a black list left by repair or expiry within the last year adds a "focused
 * monitoring" reason (CZ annex 2 §4.2): a supervision matter, never told to banks, employers or the public. A subject with no credit file is told in the
 * same words as one with no entry in force, so that screening is no test of whether a file exists.
 */
export function decideScreening(
  entries: readonly ScreeningEntry[],
  responsible: readonly ResponsibleEntry[],
  catalog: readonly MeasureRow[],
  scenario: Scenario,
  today: string,
  showsMonitoring: boolean,
): Screening {
  const reasons: string[] = [];
  const applied = new Map<string, MeasureRow>();
  // 「依法依规」 (JRP art. 14): a measure acts only on entries whose grounds its legal basis covers.
  const applicable = (entry: ScreeningEntry, target: MeasureRow["target"]) =>
    catalog.filter(
      (measure) =>
        measure.list === entry.list &&
        measure.target === target &&
        measure.scenarios.includes(scenario) &&
        (measure.grounds.length === 0 || measure.grounds.includes(entry.grounds)),
    );

  for (const entry of entries.filter((candidate) => inForce(candidate, today))) {
    reasons.push(describeEntry(entry));
    const measures = applicable(entry, "SUBJECT");
    if (measures.length === 0)
      reasons.push(`本场景（${scenario}）无适用该名单的措施 (no measure in this scenario)`);
    for (const measure of measures) applied.set(measure.code, measure);
  }
  for (const entry of responsible.filter(
    (candidate) => candidate.list === "BLACK" && inForce(candidate, today),
  )) {
    reasons.push(
      `作为 ${entry.organisationName}（${entry.organisationIdentifier}）的 ${entry.relation}（${entry.relationPeriod}，认定时在任，PCIM art. 26）：该单位列入${describeEntry(entry)}`,
    );
    for (const measure of applicable(entry, "RESPONSIBLE_PERSONS")) applied.set(measure.code, measure);
  }
  const rank = (measure: MeasureRow) => RANK[decisionIn(measure, scenario).decision];
  const measures = [...applied.values()].sort((a, b) => rank(b) - rank(a) || a.code.localeCompare(b.code));
  reasons.push(...measures.map((measure) => describeMeasure(measure, scenario)));

  const recentExit = entries
    .map((entry) => exitedOn(entry, today))
    .filter((date): date is string => date !== null && date <= today && addYears(date, 1) > today)
    .sort()
    .at(-1);
  if (
    showsMonitoring &&
    recentExit &&
    !entries.some((entry) => entry.list === "BLACK" && inForce(entry, today))
  ) {
    reasons.push(`重点关注 (focused monitoring)：${recentExit} 退出黑名单未满一年（CZ annex 2 §4.2）`);
  }
  if (reasons.length === 0) reasons.push(NO_ENTRY_IN_FORCE);
  const decision = measures
    .map((measure) => decisionIn(measure, scenario).decision)
    .reduce<Decision>((strictest, next) => (RANK[next] > RANK[strictest] ? next : strictest), "PASS");
  return { decision, reasons, measures };
}
