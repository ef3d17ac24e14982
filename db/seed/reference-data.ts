import { readFile } from "node:fs/promises";
import type { Kysely } from "kysely";
import { parse } from "yaml";
import { z } from "zod";
import path from "node:path";
import { readMeasureCatalog } from "./measure-catalog";
import { RECORD_KINDS } from "../../domain/record-kinds";
import { PACKAGE_ROOT } from "../../platform/package-root";
import type { Database } from "../database";

export const DEFAULT_MEASURES_FILE = path.join(PACKAGE_ROOT, "data", "measures.yaml");
const UNITS_FILE = path.join(PACKAGE_ROOT, "data", "units.yaml");

const unitsSchema = z.object({
  units: z
    .array(
      z.object({
        code: z.string().min(1).max(100),
        name: z.string().min(1).max(200),
        registers: z.array(z.enum(["NATURAL_PERSON", "LEGAL_PERSON", "OTHER_ORGANIZATION"])).default([]),
      }),
    )
    .min(1),
});

/**
 * Loads the catalogs into their tables at every start: the record kinds of PCIM arts. 10-13, the units'
 * names (`data/units.yaml`) and the measure list the credit centre edits (`data/measures.yaml`, or `CREDIT_MEASURES_FILE`), so an edit
 * reaches the database without a migration. A measure dropped from the file stays in the table (past
 * reports refer to it) until removed by hand.
 */
export async function loadReferenceData(
  db: Kysely<Database>,
  measuresFile = DEFAULT_MEASURES_FILE,
): Promise<void> {
  const measures = await readMeasureCatalog(measuresFile);
  await db
    .insertInto("measures")
    .values(measures.map((measure) => ({ ...measure, decisions: JSON.stringify(measure.decisions) })))
    .onConflict((conflict) =>
      conflict.column("code").doUpdateSet((eb) => ({
        kind: eb.ref("excluded.kind"),
        list: eb.ref("excluded.list"),
        title: eb.ref("excluded.title"),
        target: eb.ref("excluded.target"),
        scenarios: eb.ref("excluded.scenarios"),
        decisions: eb.ref("excluded.decisions"),
        grounds: eb.ref("excluded.grounds"),
        basis: eb.ref("excluded.basis"),
        department: eb.ref("excluded.department"),
      })),
    )
    .execute();
  const units = unitsSchema.parse(parse(await readFile(UNITS_FILE, "utf8"))).units;
  await db
    .insertInto("units")
    .values(units)
    .onConflict((conflict) =>
      conflict
        .column("code")
        .doUpdateSet((eb) => ({ name: eb.ref("excluded.name"), registers: eb.ref("excluded.registers") })),
    )
    .execute();
  await db
    .insertInto("record_kinds")
    .values(
      RECORD_KINDS.map((kind) => ({
        code: kind.code,
        name: kind.name,
        category: kind.category,
        default_tier: kind.defaultTier,
        article: kind.article,
      })),
    )
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
