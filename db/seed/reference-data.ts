import type { Kysely } from "kysely";
import { RECORD_KINDS } from "../../domain/record-kinds";
import type { Database } from "../database";

/**
 * Loads the catalogs the code defines (record kinds of PCIM arts. 10-13) into their tables at every
 * start, so a new kind in the data file reaches the database without a migration.
 */
export async function loadReferenceData(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto("record_kinds")
    .values(RECORD_KINDS.map((kind) => ({ code: kind.code, name: kind.name, category: kind.category, default_tier: kind.defaultTier, article: kind.article })))
    .onConflict((conflict) =>
      conflict.column("code").doUpdateSet((eb) => ({
        name: eb.ref("excluded.name"),
        category: eb.ref("excluded.category"),
        default_tier: eb.ref("excluded.default_tier"),
        article: eb.ref("excluded.article"),
      })),
    )
    .execute();
}
