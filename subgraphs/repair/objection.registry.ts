import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import type { AccessFilter } from "../../policies/accessible-by";

// The repair slice's published face: what other slices may read of its objections.

/**
 * Per providing unit, one statement: objections that ended in a correction in the period — the item was
 * wrong, incomplete, prohibited or expired (PCIM art. 28, JRP art. 16); `UPHELD` means the item stood and is
 * not counted. `units` compiles the reader's policy over a unit column.
 */
export async function countCorrectedObjectionsByProvider(db: Kysely<Database>, period: Readonly<{ from: string; to: string }>, units: (unitColumn: string) => AccessFilter) {
  return db
    .selectFrom("objections")
    .select((eb) => ["provider as unit", eb.fn.countAll<string>().as("corrected")])
    .where("state", "=", "CORRECTED")
    .where((eb) => eb.between("state_changed_on", period.from, period.to))
    .where(units("objections.provider"))
    .groupBy("provider")
    .execute();
}
