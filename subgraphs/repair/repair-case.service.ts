import { subject as policySubject } from "@casl/ability";
import type { Transaction } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { RepairCaseRow } from "./repair-case.table";
import {
  checkRepairEligibility,
  historyOfUnit,
  withoutFileDetails,
  type RepairTarget,
} from "./repair-eligibility.rules";
import { explainRepairEligibility } from "./repair-explanation.rules";
import { checkTransition, stepsAllowed } from "./workflow.rules";
import { CreditError, NotFoundError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { discloseReadable, recordDisclosed } from "../shared/disclose";
import { isUuid } from "../shared/ids";
import { refuseUnlessAllowed } from "../shared/authorize";
import { repairCaseAccessFor, type ObjectionContext } from "./objection.loaders";
import { deadlineOf, REPAIR_DEADLINES } from "./deadline.rules";
import { loadWorkflowSteps } from "./objection.service";
import { WorkflowStep } from "./objection.type";
import { RepairCase, RepairEligibility, type RepairInput, type RepairStateValue } from "./repair-case.type";
import { REPAIR_STEPS } from "./workflow-transitions";
import {
  archiveRepaired,
  dueOnColumns,
  findRepairCaseById,
  findWorkflowTarget,
  insertRepairCase,
  insertWorkflowEvent,
  listRepairCases,
  loadRepairHistory,
  openRepairCaseFor,
  updateRepairCase,
  type WorkflowTarget,
} from "./repair.repository";

const asRepairPolicy = (
  row: Pick<RepairCaseRow, "subject_identifier" | "provider"> & Partial<Pick<RepairCaseRow, "state">>,
) =>
  policySubject("RepairCase", {
    subjectIdentifier: row.subject_identifier,
    provider: row.provider,
    state: row.state,
  });

function asRepairTarget(target: WorkflowTarget): RepairTarget {
  return target.type === "CREDIT_RECORD"
    ? {
        type: "CREDIT_RECORD",
        id: target.id,
        kind: target.kind,
        category: target.category,
        severity: target.severity,
        status: target.status,
        decidedOn: target.decidedOn,
        publishedOn: target.publishedOn,
        expiresOn: target.validUntil,
      }
    : {
        type: "LIST_ENTRY",
        id: target.id,
        list: target.list!,
        grounds: target.kind,
        status: target.status,
        recognizedOn: target.decidedOn,
        validUntil: target.validUntil,
      };
}

async function loadTarget(context: ObjectionContext, targetId: string): Promise<WorkflowTarget> {
  const target = isUuid(targetId) ? await findWorkflowTarget(context.db, targetId) : null;
  // Whoever may apply for the item's repair (its subject) or review one (its provider, the credit centre) may ask.
  const mayAsk = (item: WorkflowTarget) => {
    const repair = () =>
      asRepairPolicy({ subject_identifier: item.subjectIdentifier, provider: item.provider });
    return context.ability.can("apply", repair()) || context.ability.can("review", repair());
  };
  if (!target || !mayAsk(target))
    throw new NotFoundError("no record or list entry with that id is yours to repair");
  return target;
}

/** A stated rectification day lies between the item's decision and today, or the input is refused. */
function checkRectifiedOn(
  target: WorkflowTarget,
  rectifiedOn: string | null,
  today: string,
  field: string,
  problems: InputProblem[],
): void {
  if (rectifiedOn === null) return;
  if (rectifiedOn > today) problems.push({ field, reason: "lies in the future", code: "BAD_USER_INPUT" });
  else if (rectifiedOn < target.decidedOn)
    problems.push({
      field,
      reason: `lies before the item itself (${target.decidedOn})`,
      code: "BAD_USER_INPUT",
    });
}

async function eligibilityOf(
  context: ObjectionContext,
  target: WorkflowTarget,
  rectifiedOn: string | null,
  unit?: string,
) {
  const history = await loadRepairHistory(context.db, target.subjectIdentifier);
  return checkRepairEligibility(
    asRepairTarget(target),
    unit === undefined ? history : historyOfUnit(history, unit),
    context.today,
    rectifiedOn,
  );
}

/** `repairEligibility`: every condition of JRP art. 18 or PCIM art. 31, each unmet one with its article and earliest date. */
export async function findRepairEligibility(
  context: ObjectionContext,
  targetId: string,
  rectifiedOn: string | null,
): Promise<RepairEligibility> {
  const target = await loadTarget(context, targetId);
  const problems: InputProblem[] = [];
  checkRectifiedOn(target, rectifiedOn, context.today, "rectifiedOn", problems);
  refuseIfProblems(problems, "eligibility question");
  // Who may not read the subject's file (a unit reviewing its own item) is answered from its own items alone.
  const readsFile = context.ability.can(
    "read",
    policySubject("RepairHistory", { subjectIdentifier: target.subjectIdentifier }),
  );
  const result = readsFile
    ? await eligibilityOf(context, target, rectifiedOn)
    : withoutFileDetails(await eligibilityOf(context, target, rectifiedOn, context.viewer.org ?? ""));
  // The answer is derived from the subject's whole history: the audit names whose file it read.
  recordDisclosed(context, {
    subjectId: target.subjectId,
    subjectIdentifier: target.subjectIdentifier,
    entityType: "RepairEligibility",
    tier: "GOVERNMENT",
  });
  return Object.assign(new RepairEligibility(), {
    eligible: result.eligible,
    reasons: result.conditions
      .filter((condition) => !condition.met)
      .map(
        (condition) =>
          `${condition.article}: ${condition.reason}${condition.earliestOn ? ` (from ${condition.earliestOn})` : ""}`,
      ),
    earliestOn: result.earliestOn,
    conditions: result.conditions,
    ...explainRepairEligibility(asRepairTarget(target), result, rectifiedOn),
  });
}

/**
 * A case as the viewer may read it, field by field from the role table (policies/repair-case-fields.ts):
 * whatever a rule does not grant is null — a caller with no rule at all (an objector during publicity)
 * gets the id and state only.
 */
function toRepairCase(
  context: ObjectionContext,
  row: RepairCaseRow,
  today: string,
  steps: RepairCase["history"],
): RepairCase {
  const policy = asRepairPolicy(row);
  const may = (field: string) => context.ability.can("read", policy, field);
  const shown = <T>(field: string, value: T): T | null => (may(field) ? value : null);
  const notes = may("history.note");
  return Object.assign(new RepairCase(), {
    id: row.id,
    subject: shown("subject", { id: row.subject_id }),
    targetId: shown("targetId", row.target_id),
    targetType: shown("targetType", row.target_type),
    state: row.state as RepairStateValue,
    commitment: shown("commitment", row.commitment),
    providerOpinion: shown("providerOpinion", row.provider_opinion),
    appliedOn: shown("appliedOn", row.applied_on),
    rectifiedOn: shown("rectifiedOn", row.rectified_on),
    dueOn: shown("dueOn", row.due_on),
    dueOnProvisional: may("dueOnProvisional") && row.due_on !== null && row.due_on_provisional,
    overdue:
      may("overdue") &&
      row.state !== "IN_PUBLICITY" &&
      row.due_on !== null &&
      today > row.due_on &&
      !["COMPLETED", "REJECTED"].includes(row.state),
    completedOn: shown("completedOn", row.completed_on),
    archivedOriginal: shown("archivedOriginal", row.archived_original),
    history: may("history")
      ? steps.map((step) => (notes ? step : Object.assign(new WorkflowStep(), { ...step, note: null })))
      : [],
    movesAllowed: stepsAllowed(REPAIR_STEPS, row.state as RepairStateValue, (to) =>
      context.ability.can("move", policy, to),
    ),
  });
}

async function discloseCases(
  context: ObjectionContext,
  rows: readonly RepairCaseRow[],
): Promise<RepairCase[]> {
  const stepsById = await loadWorkflowSteps(
    context,
    rows.map((row) => row.id),
  );
  const { today } = context;
  return discloseReadable<RepairCaseRow, RepairCase>(context, rows, {
    entityType: "RepairCase",
    policyOf: asRepairPolicy,
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: () => "AUTHORIZED",
    toType: (row) => toRepairCase(context, row, today, stepsById.get(row.id) ?? []),
  });
}

export async function listSubjectRepairCases(
  context: ObjectionContext,
  subjectId: string,
): Promise<RepairCase[]> {
  return discloseCases(context, await context.loaders.repairCasesBySubjectId.load(subjectId));
}

/** `repairCases`: for the credit centre, providers (their items) and auditors (the register, never the archived original), by state. */
export async function findRepairCases(
  context: ObjectionContext,
  state: RepairStateValue | null,
): Promise<RepairCase[]> {
  refuseUnlessAllowed(
    context.ability,
    "list",
    "RepairCase",
    "the repair register is for the credit centre, providers and auditors",
  );
  return discloseCases(
    context,
    await listRepairCases(context.db, { state, access: repairCaseAccessFor(context) }),
  );
}

/** `applyForRepair`: the subject applies with a written commitment; an ineligible application is refused with every unmet condition. */
export async function applyForRepair(context: ObjectionContext, input: RepairInput): Promise<RepairCase> {
  refuseUnlessAllowed(context.ability, "apply", "RepairCase", "the subject itself applies for repair");
  const target = await loadTarget(context, input.targetId);
  refuseUnlessAllowed(
    context.ability,
    "apply",
    policySubject("RepairCase", { subjectIdentifier: target.subjectIdentifier, provider: target.provider }),
    "you may apply only for your own items",
  );
  const problems: InputProblem[] = [];
  const commitment = input.commitment.trim();
  if (commitment.length < 10 || commitment.length > 5_000)
    problems.push({
      field: "input.commitment",
      reason: "a written commitment of 10 to 5,000 characters is required",
      code: "BAD_USER_INPUT",
    });
  if (await openRepairCaseFor(context.db, target.id))
    problems.push({
      field: "input.targetId",
      reason: "a repair case for this item is already under way",
      code: "BAD_USER_INPUT",
    });
  checkRectifiedOn(target, input.rectifiedOn, context.today, "input.rectifiedOn", problems);
  refuseIfProblems(problems, "repair application");
  const eligibility = await eligibilityOf(context, target, input.rectifiedOn);
  for (const condition of eligibility.conditions.filter((item) => !item.met)) {
    problems.push({
      field: "input.targetId",
      reason: `${condition.article}: ${condition.reason}${condition.earliestOn ? ` (eligible from ${condition.earliestOn})` : ""}`,
      code: "BAD_USER_INPUT",
    });
  }
  refuseIfProblems(problems, "repair application");
  const { today } = context;
  const row = await context.db.transaction().execute(async (trx: Transaction<RepairDatabase>) => {
    const created = await insertRepairCase(trx, {
      subject_id: target.subjectId,
      subject_identifier: target.subjectIdentifier,
      target_id: target.id,
      target_type: target.type,
      target_kind: target.kind,
      provider: target.provider,
      state: "APPLIED",
      commitment,
      evidence: input.evidence ?? null,
      applied_on: today,
      state_changed_on: today,
      rectified_on: input.rectifiedOn,
      ...dueOnColumns(deadlineOf(REPAIR_DEADLINES, "APPLIED", { state_changed_on: today }, context.calendar)),
    });
    await insertWorkflowEvent(trx, {
      workflow: "REPAIR",
      case_id: created.id,
      from_state: null,
      to_state: "APPLIED",
      actor: context.viewer.actor,
      role: context.viewer.role,
      note: null,
      at: context.now,
    });
    return created;
  });
  return (await discloseCases(context, [row]))[0]!;
}

/**
 * `moveRepairCase`: the provider's written opinion, 5 working days of publicity, objections during it,
 * completion by the credit centre once publicity has run: the entry becomes REPAIRED (a record
 * ARCHIVED) and the original is kept in the case for the credit centre alone (auditors read the register).
 */
export async function moveRepairCase(
  context: ObjectionContext,
  id: string,
  to: RepairStateValue,
  note: string | null,
): Promise<RepairCase> {
  const row = isUuid(id) ? await findRepairCaseById(context.db, id) : undefined;
  // An objector during publicity may take that one step on a case it cannot otherwise read (PCIM art. 32).
  const mayMove = row !== undefined && context.ability.can("move", asRepairPolicy(row), to);
  if (!row || (!mayMove && !context.ability.can("read", asRepairPolicy(row))))
    throw new NotFoundError("no repair case with that id is visible to you");
  const check = checkTransition(REPAIR_STEPS, row.state as RepairStateValue, to, mayMove);
  if (!check.allowed) throw new CreditError(check.code, check.reason);
  const { today } = context;
  if (to === "COMPLETED" && row.due_on && today <= row.due_on) {
    throw new CreditError(
      "BAD_USER_INPUT",
      `publicity runs until ${row.due_on} (${REPAIR_DEADLINES.IN_PUBLICITY!.workingDays} working days); complete the repair after it`,
    );
  }
  if ((to === "OPINION_SUPPORTED" || to === "REJECTED") && row.state === "APPLIED" && !note?.trim()) {
    throw new CreditError("BAD_USER_INPUT", "the provider's written opinion is required (note)", {
      problems: [{ field: "note", reason: "write the opinion", code: "BAD_USER_INPUT" }],
    });
  }
  const updated = await context.db.transaction().execute(async (trx: Transaction<RepairDatabase>) => {
    const changes: Parameters<typeof updateRepairCase>[2] = {
      state: to,
      state_changed_on: today,
      ...dueOnColumns(deadlineOf(REPAIR_DEADLINES, to, { state_changed_on: today }, context.calendar)),
    };
    if (row.state === "APPLIED") changes.provider_opinion = note;
    if (to === "COMPLETED") {
      const target = await findWorkflowTarget(trx, row.target_id);
      if (!target) throw new NotFoundError("the item of this case no longer exists");
      changes.archived_original = JSON.stringify(await archiveRepaired(trx, target, today, row.id));
      changes.completed_on = today;
    }
    await insertWorkflowEvent(trx, {
      workflow: "REPAIR",
      case_id: row.id,
      from_state: row.state,
      to_state: to,
      actor: context.viewer.actor,
      role: context.viewer.role,
      note,
      at: context.now,
    });
    return updateRepairCase(trx, row.id, changes);
  });
  context.loaders.stepsByCaseId.clear(row.id);
  return (await discloseCases(context, [updated]))[0] ?? toRepairCase(context, updated, today, []);
}
