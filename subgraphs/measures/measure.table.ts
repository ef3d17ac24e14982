import type { ColumnType, Generated, Insertable, Selectable } from "kysely";
import type { DatabaseDefault, DateColumn } from "../../db/column-types";
import type { Decision, ListType, MeasureKind, Scenario } from "../../domain/vocabulary";

/** What a measure decides in one scenario, and the words of its text that decide it (JRP art. 14). */
export type ScenarioDecision = { decision: Exclude<Decision, "PASS">; words: string };

export interface MeasureTable {
  code: string;
  kind: MeasureKind;
  list: ListType;
  title: string;
  /** Whom the measure acts on: the listed subject itself, or its legal representative and responsible persons. */
  target: "SUBJECT" | "RESPONSIBLE_PERSONS";
  scenarios: Scenario[];
  /** The decision in each of `scenarios`: 「限制」 with discretion asks for REVIEW, BLOCK only where the text forbids. */
  decisions: ColumnType<Partial<Record<Scenario, ScenarioDecision>>, string, string>;
  /** The list grounds the measure's legal basis covers; empty = every grounds of its list. */
  grounds: ColumnType<string[], string[] | undefined, string[]>;
  basis: string;
  department: string;
}

export interface MeasureApplicationTable {
  id: Generated<string>;
  measure_code: string;
  subject_id: string;
  /** Records are keyed on identifiers (PCIM art. 15); kept beside the id so policies and screening need no join. */
  subject_identifier: string;
  reported_by: string;
  case_number: string;
  outcome: string;
  applied_on: DateColumn;
  /** When the application was reported, by the service's clock: an entry entered later cannot claim it. */
  created_at: DatabaseDefault<Date>;
  scenario: ColumnType<Scenario | null, Scenario | null | undefined>;
  reported_role: ColumnType<string | null, string | null | undefined>;
}

export type MeasureRow = Selectable<MeasureTable>;
export type MeasureApplicationRow = Selectable<MeasureApplicationTable>;
export type NewMeasureApplicationRow = Insertable<MeasureApplicationTable>;
