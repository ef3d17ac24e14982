import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { z } from "zod";
import { PACKAGE_ROOT } from "./package-root";
import { checkYearArrangement, WorkingDayCalendar, type YearArrangement } from "../domain/working-days";

/** data/calendar: one State Council notice a file, YYYY.json. */
export const DEFAULT_CALENDAR_DIR = path.join(PACKAGE_ROOT, "data", "calendar");

const arrangementSchema = z.object({
  year: z.number().int(),
  source: z.string(),
  holidays: z.array(z.string()),
  makeUpWorkdays: z.array(z.string()),
});

export class CalendarFileError extends Error {
  override readonly name = "CalendarFileError";
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`${file}:\n${problems.map((problem) => `  ${problem}`).join("\n")}`);
  }
}

/** Reads and checks one notice file; `CalendarFileError` lists every problem by date. */
export function readYearArrangement(file: string): YearArrangement {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CalendarFileError(file, [`not readable JSON: ${(error as Error).message}`]);
  }
  const parsed = arrangementSchema.safeParse(raw);
  if (!parsed.success)
    throw new CalendarFileError(
      file,
      parsed.error.issues.map((issue) => `${issue.path.join(".") || "file"}: ${issue.message}`),
    );
  const problems = checkYearArrangement(parsed.data);
  if (problems.length > 0) throw new CalendarFileError(file, problems);
  return parsed.data;
}

export type LoadedCalendar = Readonly<{
  calendar: WorkingDayCalendar;
  /** Files that were refused, with why: their years count as provisional until they are fixed. */
  refused: readonly CalendarFileError[];
}>;

/**
 * Every YYYY.json in the folder as official years. A file that fails its checks is left out (its year is
 * provisional, never an error for a filing) and reported, for the start-up log.
 */
export function loadWorkingDayCalendar(folder = DEFAULT_CALENDAR_DIR): LoadedCalendar {
  const arrangements: YearArrangement[] = [];
  const refused: CalendarFileError[] = [];
  if (existsSync(folder) && !statSync(folder).isDirectory())
    return {
      calendar: new WorkingDayCalendar(),
      refused: [new CalendarFileError(folder, ["not a folder: every year counts as provisional"])],
    };
  const files = existsSync(folder)
    ? readdirSync(folder)
        .filter((name) => /^\d{4}\.json$/.test(name))
        .sort()
    : [];
  for (const name of files) {
    const file = path.join(folder, name);
    try {
      const arrangement = readYearArrangement(file);
      if (`${arrangement.year}.json` !== name)
        throw new CalendarFileError(file, [
          `describes ${arrangement.year}; name it ${arrangement.year}.json`,
        ]);
      arrangements.push(arrangement);
    } catch (error) {
      if (!(error instanceof CalendarFileError)) throw error;
      refused.push(error);
    }
  }
  return { calendar: new WorkingDayCalendar(arrangements), refused };
}

/** Checks a notice file and writes it as `folder/YYYY.json` (atomically); returns what was written. */
export function importYearArrangement(
  file: string,
  folder = DEFAULT_CALENDAR_DIR,
): { arrangement: YearArrangement; written: string; replaced: boolean } {
  const arrangement = readYearArrangement(file);
  mkdirSync(folder, { recursive: true });
  const written = path.join(folder, `${arrangement.year}.json`);
  const replaced = existsSync(written);
  const body = {
    year: arrangement.year,
    source: arrangement.source,
    holidays: [...arrangement.holidays].sort(),
    makeUpWorkdays: [...arrangement.makeUpWorkdays].sort(),
  };
  const temporary = `${written}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify(body, null, 2)}\n`);
  renameSync(temporary, written);
  return { arrangement, written, replaced };
}
