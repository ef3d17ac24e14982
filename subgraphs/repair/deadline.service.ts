import type { Transaction } from "kysely";
import type { Connection } from "../../db/connection";
import type { RepairDatabase } from "./repair.database";
import type { StartUpServices } from "../shared/definition";
import {
  confirmedDeadline,
  deadlineOf,
  OBJECTION_DEADLINES,
  REPAIR_DEADLINES,
  type DeadlineRule,
} from "./deadline.rules";
import {
  confirmDeadline,
  insertWorkflowEvent,
  listProvisionalDeadlines,
  type ProvisionalDeadlineRow,
} from "./repair.repository";

/** Who the history names for a recomputation: the credit centre's calendar, not a person. */
const CALENDAR_ACTOR = "calendar";

/**
 * Recounts every provisional deadline whose years now all have their notice loaded, keeping the later
 * of the official date and the date already told (docs/api.md "Deadlines never stop a filing"), and
 * writes a history step saying so. Runs before the repair subgraph serves; returns how many it confirmed.
 */
export async function confirmProvisionalDeadlines(
  db: Connection,
  { calendar, clock, logger }: StartUpServices,
): Promise<number> {
  const pending = await listProvisionalDeadlines(db);
  let confirmed = 0;
  const confirm = async (
    workflow: "OBJECTION" | "REPAIR",
    rules: Readonly<Partial<Record<string, DeadlineRule>>>,
    row: ProvisionalDeadlineRow,
  ) => {
    const recounted = deadlineOf(
      rules,
      row.state,
      { filed_on: row.filed_on ?? undefined, state_changed_on: row.state_changed_on },
      calendar,
    );
    if (!recounted || recounted.provisional) return;
    const dueOn = confirmedDeadline(row.due_on, recounted.dueOn);
    const years = [
      ...new Set(
        [row.state_changed_on, row.filed_on ?? row.state_changed_on, dueOn].map((date) =>
          Number(date.slice(0, 4)),
        ),
      ),
    ].sort();
    const sources = years.map((year) => calendar.yearOf(year).source).join("; ");
    const note =
      dueOn === row.due_on
        ? `deadline ${dueOn} confirmed by the official calendar (${sources})`
        : `deadline moved from ${row.due_on} (provisional) to ${dueOn} by the official calendar (${sources})`;
    await db.transaction().execute(async (trx: Transaction<RepairDatabase>) => {
      if (!(await confirmDeadline(trx, workflow === "OBJECTION" ? "objections" : "repair_cases", row, dueOn)))
        return;
      await insertWorkflowEvent(trx, {
        workflow,
        case_id: row.id,
        from_state: row.state,
        to_state: row.state,
        actor: CALENDAR_ACTOR,
        role: "CREDIT_CENTER",
        note,
        at: clock.now(),
      });
      confirmed += 1;
    });
  };
  for (const row of pending.objections) await confirm("OBJECTION", OBJECTION_DEADLINES, row);
  for (const row of pending.repairCases) await confirm("REPAIR", REPAIR_DEADLINES, row);
  if (confirmed > 0)
    logger.info({ confirmed }, "provisional deadlines recomputed from the official calendar");
  return confirmed;
}
