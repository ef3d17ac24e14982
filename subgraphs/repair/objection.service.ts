import { subject as policySubject } from "@casl/ability";
import type { Transaction } from "kysely";
import type { RepairDatabase } from "./repair.database";
import type { ObjectionRow } from "./objection.table";
import type { WorkflowEventRow } from "./workflow-event.table";
import { checkTransition, stepsAllowed } from "./workflow.rules";
import { CreditError, NotFoundError } from "../../platform/errors";
import { refuseIfProblems } from "../../platform/input-problems";
import type { InputProblem } from "../../domain/input-problem";
import { discloseReadable } from "../shared/disclose";
import { isUuid } from "../shared/ids";
import { refuseUnlessAllowed } from "../shared/authorize";
import type { ObjectionContext } from "./objection.loaders";
import { asObjectionPolicy, objectionAccessFor } from "./objection.policy";
import { listObjections } from "./objection.repository";
import { Objection, WorkflowStep, type ObjectionInput, type ObjectionStateValue } from "./objection.type";
import { deadlineOf, deadlineOfStep, OBJECTION_DEADLINES } from "./deadline.rules";
import { OBJECTION_STEPS } from "./workflow-transitions";
import { correctAndNotify } from "./correction-notice.service";
import {
  dueOnColumns,
  findObjectionById,
  findWorkflowTarget,
  insertObjection,
  insertWorkflowEvent,
  OPEN_OBJECTION_STATES,
  updateObjectionState,
} from "./repair.repository";

function toWorkflowSteps(events: readonly WorkflowEventRow[]): WorkflowStep[] {
  return events.map((event) =>
    Object.assign(new WorkflowStep(), {
      from: event.from_state,
      to: event.to_state,
      role: event.role,
      note: event.note,
      at: event.at,
    }),
  );
}

/** The history of each case (objection or repair), batched through the request's loader. */
export async function loadWorkflowSteps(
  context: ObjectionContext,
  caseIds: readonly string[],
): Promise<Map<string, WorkflowStep[]>> {
  const steps = await context.loaders.stepsByCaseId.loadMany(caseIds);
  return new Map(
    caseIds.map((id, index) => [
      id,
      toWorkflowSteps(steps[index] instanceof Error ? [] : (steps[index] as WorkflowEventRow[])),
    ]),
  );
}

function toObjection(
  row: ObjectionRow,
  today: string,
  history: WorkflowStep[] = [],
  movesAllowed: ObjectionStateValue[] = [],
): Objection {
  // A corrected objection is settled (PCIM arts. 28-30, JRP art. 16): its three days to make the correction known are shown, never "overdue".
  const open = (OPEN_OBJECTION_STATES as readonly string[]).includes(row.state);
  return Object.assign(new Objection(), {
    id: row.id,
    subject: { id: row.subject_id },
    targetId: row.target_id,
    targetType: row.target_type,
    ground: row.ground,
    statement: row.statement,
    state: row.state as ObjectionStateValue,
    filedAt: row.filed_at,
    dueOn: row.due_on,
    dueOnProvisional: row.due_on !== null && row.due_on_provisional,
    overdue: open && row.due_on !== null && today > row.due_on,
    history,
    movesAllowed,
  });
}

/** Objections are between the subject, the provider and the credit centre: AUTHORIZED-tier information. */
async function discloseObjections(
  context: ObjectionContext,
  rows: readonly ObjectionRow[],
): Promise<Objection[]> {
  const stepsById = await loadWorkflowSteps(
    context,
    rows.map((row) => row.id),
  );
  const { today } = context;
  return discloseReadable(context, rows, {
    entityType: "Objection",
    policyOf: (row) => asObjectionPolicy(row, stepsById.get(row.id) ?? []),
    subjectIdOf: (row) => row.subject_id,
    subjectIdentifierOf: (row) => row.subject_identifier,
    tierOf: () => "AUTHORIZED",
    toType: (row) => {
      const steps = stepsById.get(row.id) ?? [];
      const policy = asObjectionPolicy(row, steps);
      return toObjection(
        row,
        today,
        steps,
        stepsAllowed(OBJECTION_STEPS, row.state as ObjectionStateValue, (to) =>
          context.ability.can("move", policy, to),
        ),
      );
    },
  });
}

export async function listSubjectObjections(
  context: ObjectionContext,
  subjectId: string,
): Promise<Objection[]> {
  return discloseObjections(context, await context.loaders.objectionsBySubjectId.load(subjectId));
}

export async function resolveObjectionById(context: ObjectionContext, id: string): Promise<Objection | null> {
  const row = await context.loaders.objectionById.load(id);
  return row ? ((await discloseObjections(context, [row]))[0] ?? null) : null;
}

/**
 * `objections`: the worklist of whoever handles objections — the credit centre all, a provider those on
 * its items, the credit authority the appealed ones — oldest first; anyone else gets only its own.
 */
export async function findObjections(
  context: ObjectionContext,
  state: ObjectionStateValue | null,
): Promise<Objection[]> {
  return discloseObjections(
    context,
    await listObjections(context.db, { state, access: objectionAccessFor(context) }),
  );
}

/** `fileObjection`: a subject objects to its own record or list entry, with a ground, a statement and evidence. */
export async function fileObjection(context: ObjectionContext, input: ObjectionInput): Promise<Objection> {
  refuseUnlessAllowed(context.ability, "file", "Objection", "an objection is filed by the subject itself");
  const target = isUuid(input.targetId) ? await findWorkflowTarget(context.db, input.targetId) : null;
  if (
    !target ||
    !context.ability.can(
      "file",
      policySubject("Objection", { subjectIdentifier: target.subjectIdentifier, provider: target.provider }),
    )
  ) {
    throw new NotFoundError("you have no record or list entry with that id");
  }
  const problems: InputProblem[] = [];
  const statement = input.statement.trim();
  if (statement.length === 0 || statement.length > 5_000)
    problems.push({ field: "input.statement", reason: "1 to 5,000 characters", code: "BAD_USER_INPUT" });
  refuseIfProblems(problems, "objection");
  const { today } = context;
  const row = await context.db.transaction().execute(async (trx: Transaction<RepairDatabase>) => {
    const created = await insertObjection(trx, {
      subject_id: target.subjectId,
      subject_identifier: target.subjectIdentifier,
      target_id: target.id,
      target_type: target.type,
      provider: target.provider,
      ground: input.ground,
      statement,
      evidence: input.evidence ?? null,
      state: "SUBMITTED",
      filed_at: context.now,
      filed_on: today,
      state_changed_on: today,
      ...dueOnColumns(
        deadlineOf(
          OBJECTION_DEADLINES,
          "SUBMITTED",
          { filed_on: today, state_changed_on: today },
          context.calendar,
        ),
      ),
    });
    await insertWorkflowEvent(trx, {
      workflow: "OBJECTION",
      case_id: created.id,
      from_state: null,
      to_state: "SUBMITTED",
      actor: context.viewer.actor,
      role: context.viewer.role,
      note: null,
      at: context.now,
    });
    return created;
  });
  return (await discloseObjections(context, [row]))[0]!;
}

/**
 * `moveObjection`: one step of the workflow by the role it belongs to; an invalid step says which steps
 * are possible. CORRECTED stops publication of the item, purges it when the ground was prohibited data, and
 * sends a correction notice to every organisation that read or screened it (correction-notice.service.ts).
 */
export async function moveObjection(
  context: ObjectionContext,
  id: string,
  to: ObjectionStateValue,
  note: string | null,
): Promise<Objection> {
  const row = isUuid(id) ? await findObjectionById(context.db, id) : undefined;
  const policy =
    row && asObjectionPolicy(row, (await loadWorkflowSteps(context, [row.id])).get(row.id) ?? []);
  const visible = policy && (context.ability.can("read", policy) || context.ability.can("review", policy));
  if (!row || !policy || !visible) throw new NotFoundError("no objection with that id is visible to you");
  const check = checkTransition(
    OBJECTION_STEPS,
    row.state as ObjectionStateValue,
    to,
    context.ability.can("move", policy, to),
  );
  if (!check.allowed) throw new CreditError(check.code, check.reason);
  const { today } = context;
  const updated = await context.db.transaction().execute(async (trx: Transaction<RepairDatabase>) => {
    if (to === "CORRECTED") {
      const target = await findWorkflowTarget(trx, row.target_id);
      if (target) await correctAndNotify(trx, context, row, target, note);
    }
    await insertWorkflowEvent(trx, {
      workflow: "OBJECTION",
      case_id: row.id,
      from_state: row.state,
      to_state: to,
      actor: context.viewer.actor,
      role: context.viewer.role,
      note,
      at: context.now,
    });
    return updateObjectionState(trx, row.id, {
      state: to,
      state_changed_on: today,
      ...dueOnColumns(
        deadlineOfStep(
          OBJECTION_DEADLINES,
          row.state as ObjectionStateValue,
          to,
          { filed_on: row.filed_on, state_changed_on: today },
          row.due_on,
          context.calendar,
        ),
      ),
    });
  });
  context.loaders.stepsByCaseId.clear(row.id);
  return (await discloseObjections(context, [updated]))[0] ?? toObjection(updated, today);
}
