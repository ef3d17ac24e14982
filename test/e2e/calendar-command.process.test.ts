import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { statutoryDaysOf } from "../../domain/statutory-holidays";

const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");

/** `npm run calendar -- …` as an operator runs it, against a calendar folder of the test's own. */
async function calendar(
  folder: string,
  args: string[],
  now?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    CREDIT_CALENDAR_DIR: folder,
    NODE_ENV: "development",
  };
  if (now) environment.CREDIT_NOW = now;
  else delete environment.CREDIT_NOW;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      ["--import", "tsx", "scripts/calendar.ts", ...args],
      { cwd: ROOT, env: environment },
    );
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Each test's calendar folder, inside one removed after the suite. */
const folders = mkdtempSync(path.join(tmpdir(), "credit-calendar-"));
afterAll(() => rmSync(folders, { recursive: true, force: true }));
const newCalendarFolder = () => mkdtempSync(path.join(folders, "calendar-"));

function notice(folder: string, body: object): string {
  const file = path.join(folder, "notice.json");
  writeFileSync(file, JSON.stringify(body));
  return file;
}

describe("npm run calendar", () => {
  it("imports a notice that passes every check, and then shows and checks the year as official", async () => {
    const folder = newCalendarFolder();
    const holidays = statutoryDaysOf(2027).map((day) => day.date);
    const file = notice(folder, {
      year: 2027,
      source: "test fixture for 2027 (not the State Council's notice)",
      holidays: [...holidays, "2027-02-11"],
      makeUpWorkdays: ["2027-02-20"],
    });

    expect(await calendar(folder, ["check"], "2026-11-02T09:00:00+08:00")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("no State Council holiday notice loaded for 2027"),
    });
    const imported = await calendar(folder, ["import", file]);
    expect(imported).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("loaded 2027: 20 holidays, 1 make-up working days"),
    });
    expect(JSON.parse(readFileSync(path.join(folder, "2027.json"), "utf8"))).toMatchObject({
      year: 2027,
      makeUpWorkdays: ["2027-02-20"],
    });

    const shown = await calendar(folder, ["show", "2027"]);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(/^2027: official, from test fixture/);
    expect(shown.stdout).toContain("2027-02-09  春节 (in lieu)");
    expect(shown.stdout).toContain("bridges (1): 2027-02-11");
    expect(await calendar(folder, ["check"], "2026-11-02T09:00:00+08:00")).toMatchObject({
      code: 0,
      stdout: expect.stringContaining("2027: official"),
    });
  }, 60_000);

  it("refuses a wrong notice with every problem by date and writes nothing", async () => {
    const folder = newCalendarFolder();
    const holidays = statutoryDaysOf(2027)
      .map((day) => day.date)
      .filter((date) => date !== "2027-10-02");
    const refused = await calendar(folder, [
      "import",
      notice(folder, { year: 2027, source: "draft", holidays, makeUpWorkdays: ["2027-03-03"] }),
    ]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("refused, nothing was written");
    expect(refused.stderr).toContain("2027-03-03: a make-up working day must be a Saturday or Sunday");
    expect(existsSync(path.join(folder, "2027.json"))).toBe(false);
    const broken = await calendar(folder, ["import", notice(folder, { year: 2027, holidays: "1 January" })]);
    expect(broken).toMatchObject({ code: 1, stderr: expect.stringMatching(/source:[\s\S]*holidays:/) });
  }, 60_000);

  it("warns only from 1 November, says what to run, and explains its usage", async () => {
    const folder = newCalendarFolder();
    expect((await calendar(folder, ["check"], "2026-10-31T23:00:00+08:00")).code).toBe(0);
    expect(await calendar(folder, ["check"], "2026-11-01T00:30:00+08:00")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("npm run calendar -- import 2027.json"),
    });
    expect(await calendar(folder, ["show", "20x7"])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("usage: npm run calendar"),
    });
    expect(await calendar(folder, ["frobnicate"])).toMatchObject({ code: 2 });
  }, 60_000);
});

describe("a calendar folder that is not a folder", () => {
  it("counts every year provisionally instead of failing, and an import creates a missing folder", async () => {
    const folder = newCalendarFolder();
    const notAFolder = path.join(folder, "calendar.json");
    writeFileSync(notAFolder, "{}");
    expect(await calendar(notAFolder, ["check"], "2026-06-01T10:00:00+08:00")).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("not a folder"),
    });
    const missing = path.join(folder, "new", "calendar");
    const file = notice(folder, {
      year: 2027,
      source: "test fixture for 2027",
      holidays: statutoryDaysOf(2027).map((day) => day.date),
      makeUpWorkdays: [],
    });
    expect((await calendar(missing, ["import", file])).code).toBe(0);
    expect(existsSync(path.join(missing, "2027.json"))).toBe(true);
  }, 60_000);
});
