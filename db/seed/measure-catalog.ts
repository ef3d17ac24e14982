import { readFile } from "node:fs/promises";
import { parse } from "yaml";
import { z } from "zod";
import { LIST_GROUNDS } from "../../domain/list-grounds";
import type { Scenario } from "../../domain/vocabulary";
import type { MeasureRow } from "../../subgraphs/measures/measure.table";

const SCENARIOS = [
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "PROJECT_APPROVAL",
  "PUBLIC_EMPLOYMENT",
  "HONORS",
  "CREDIT_LENDING",
  "HIGH_CONSUMPTION",
] as const;

const scenarioDecisionSchema = z.object({
  decision: z.enum(["BLOCK", "REVIEW", "GREEN_CHANNEL"]),
  words: z.string().min(1, "quote the words of the text that decide it"),
});

const measureSchema = z.object({
  code: z.string().regex(/^[A-Z][A-Z0-9_]{1,19}$/, "a code is upper-case letters and digits, e.g. P05"),
  kind: z.enum(["REWARD", "PUNISHMENT"]),
  list: z.enum(["RED", "BLACK"]),
  title: z.string().min(1),
  target: z.enum(["SUBJECT", "RESPONSIBLE_PERSONS"]),
  grounds: z.array(z.string()).default([]),
  scenarios: z
    .partialRecord(z.enum(SCENARIOS), scenarioDecisionSchema)
    .refine((scenarios) => Object.keys(scenarios).length > 0, "name at least one scenario"),
  basis: z.string().min(1),
  department: z.string().min(1),
});

const catalogSchema = z
  .object({ measures: z.array(measureSchema).min(1) })
  .refine(
    (catalog) => new Set(catalog.measures.map((measure) => measure.code)).size === catalog.measures.length,
    "measure codes must be unique",
  )
  .refine(
    (catalog) =>
      catalog.measures.every((measure) => (measure.kind === "REWARD") === (measure.list === "RED")),
    "rewards follow the red list, punishments the black list",
  )
  .superRefine((catalog, context) => {
    catalog.measures.forEach((measure, index) => {
      for (const [scenario, { decision }] of Object.entries(measure.scenarios)) {
        if ((decision === "GREEN_CHANNEL") !== (measure.list === "RED")) {
          context.addIssue({
            code: "custom",
            path: ["measures", index, "scenarios", scenario, "decision"],
            message: `a ${measure.list} list measure does not decide ${decision}: red measures give GREEN_CHANNEL, black ones BLOCK or REVIEW`,
          });
        }
      }
    });
  })
  .superRefine((catalog, context) => {
    catalog.measures.forEach((measure, index) => {
      const known: readonly string[] = LIST_GROUNDS[measure.list].map((ground) => ground.code);
      for (const grounds of measure.grounds.filter((code) => !known.includes(code))) {
        context.addIssue({
          code: "custom",
          path: ["measures", index, "grounds"],
          message: `${grounds} is not a ${measure.list} list grounds; use one of ${known.join(", ")}`,
        });
      }
    });
  });

export class MeasureCatalogError extends Error {
  override readonly name = "MeasureCatalogError";
}

/** Reads the measure list the credit centre edits (data/measures.yaml), naming every problem with its path. */
export async function readMeasureCatalog(file: string): Promise<MeasureRow[]> {
  const parsed = catalogSchema.safeParse(parse(await readFile(file, "utf8")));
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join(".") || "(file)"}: ${issue.message}`,
    );
    throw new MeasureCatalogError(`${file} is not a valid measure list:\n${problems.join("\n")}`);
  }
  return parsed.data.measures.map(({ scenarios, ...measure }) => ({
    ...measure,
    scenarios: Object.keys(scenarios) as Scenario[],
    decisions: scenarios,
  }));
}
