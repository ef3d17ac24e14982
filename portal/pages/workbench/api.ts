import { graphql } from "../../gql";

/*
 * The service says which steps this viewer may take next (the role table's move rules); the page offers only
 * those, and the service decides again on every move: a refused one (the case moved on meanwhile) is shown.
 */

export const WORKBENCH_OBJECTIONS = graphql(
  `query WorkbenchObjections($state: ObjectionState) { objections(state: $state) { id subject { identifier name } targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }`,
);

export const WORKBENCH_REPAIR_CASES = graphql(
  `query WorkbenchRepairCases($state: RepairState) { repairCases(state: $state) { id subject { identifier name } targetType state commitment appliedOn rectifiedOn dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }`,
);

export const MOVE_OBJECTION = graphql(
  `mutation MoveObjection($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { id state } }`,
);

export const MOVE_REPAIR_CASE = graphql(
  `mutation MoveRepairCase($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { id state } }`,
);

export const CALENDAR_STATUS = graphql(
  `query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }`,
);

export const UNIT_REPORTS = graphql(
  `query UnitReports($quarter: String!) { unitReports(quarter: $quarter) { quarter unit complete entriesRecognized latePushes measuresApplied objectionsCorrected } }`,
);

export const MEASURE_STATS = graphql(
  `query MeasureStats($from: Date, $to: Date) { measureStats(from: $from, to: $to) { measure { code title } applications subjects reporters outcomes { outcome count } } }`,
);

export const PUBLICATION_REVIEWS =
  graphql(`query PublicationReviews($after: String) { publicationReviews(first: 20, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id item provider kind submittedAt subject { identifier name } texts { field text hits { path category label law start end } } } } } }`);

export const DECIDE_PUBLICATION = graphql(
  `mutation DecidePublication($input: PublicationDecisionInput!) { decidePublication(input: $input) { id state } }`,
);
