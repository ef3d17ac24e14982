import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateSeed } from "../db/seed/generate";
import { chinaDateOf } from "../domain/dates";
import { PACKAGE_ROOT } from "../platform/package-root";
import { createProgressBar } from "../platform/progress";
import { bootstrap } from "./bootstrap";

const usage =
  "usage: npm run seed -- --subjects N   (deterministic for N; re-running adds nothing already there)";
let subjects: number;
try {
  const { values } = parseArgs({ options: { subjects: { type: "string" } } });
  subjects = Number(values.subjects);
  if (!Number.isInteger(subjects) || subjects < 1)
    throw new Error("--subjects must be a positive whole number");
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}

const { config, connection } = await bootstrap({
  seed: false,
  developmentOnly:
    "npm run seed is refused when NODE_ENV=production (and an unset NODE_ENV is production): it loads fictitious subjects, records and black-list entries. Load it into a development or test database (NODE_ENV=development).",
});
const bar = createProgressBar(`seed ${subjects.toLocaleString("en")} subjects`);
const started = performance.now();
try {
  const result = await generateSeed(connection.db, {
    subjects,
    today: chinaDateOf(config.clock.now()),
    rules: config.rules,
    onProgress: (progress) =>
      bar.update(progress.subjects, subjects, `${progress.rows.toLocaleString("en")} rows`),
  });
  const seconds = (performance.now() - started) / 1000;
  const rate = Math.round(result.rows / seconds);
  bar.finish(`${result.rows.toLocaleString("en")} rows`);
  console.log(
    `loaded ${result.subjects.toLocaleString("en")} subjects, ${result.rows.toLocaleString("en")} rows in ${seconds.toFixed(1)} s on ${connection.kind}: ${rate.toLocaleString("en")} rows/s`,
  );
  const folder = path.join(PACKAGE_ROOT, "bench", "results");
  await mkdir(folder, { recursive: true });
  await writeFile(
    path.join(folder, `seed-${connection.kind}-${subjects}.json`),
    `${JSON.stringify({ benchmark: "seed load", database: connection.kind, subjects: result.subjects, rows: result.rows, seconds, rowsPerSecond: rate, at: new Date().toISOString() }, null, 2)}\n`,
  );
} finally {
  await connection.close();
}
