import { parseArgs } from "node:util";
import { chinaDateOf } from "../domain/dates";
import { createProgressBar } from "../platform/progress";
import { CSV_COLUMNS, importRecordFile } from "../subgraphs/records/record-import";
import { bootstrap } from "./bootstrap";

const usage = `usage: npm run import -- --provider ORG FILE
  FILE is .ndjson (one RecordInput object per line) or .csv with the header
  ${CSV_COLUMNS.join(",")}
  All or nothing: a file with any bad line stores nothing; re-importing a file does not duplicate.`;

let provider: string | undefined;
let file: string | undefined;
try {
  const { values, positionals } = parseArgs({ options: { provider: { type: "string" } }, allowPositionals: true });
  provider = values.provider;
  file = positionals[0];
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!provider || !file) {
  console.error(usage);
  process.exit(2);
}

const { config, connection } = await bootstrap({ seed: false });
const bar = createProgressBar(`import ${file}`);
try {
  const outcome = await importRecordFile(connection.db, {
    provider,
    path: file,
    rules: config.rules,
    today: chinaDateOf(config.clock.now()),
    onProgress: ({ bytesRead, totalBytes, lines }) => bar.update(bytesRead, totalBytes, `${lines.toLocaleString("en")} lines`),
  });
  if (!outcome.stored) {
    bar.finish(`${outcome.lines.toLocaleString("en")} lines checked`);
    for (const problem of outcome.problems.slice(0, 1_000)) {
      const [where, ...field] = problem.field.split(".");
      console.error(`${where}${field.length > 0 ? `: ${field.join(".")}` : ""}: ${problem.reason}`);
    }
    if (outcome.problems.length > 1_000) console.error(`… and ${outcome.problems.length - 1_000} more problems`);
    console.error(`${outcome.problems.length} problem(s); nothing was stored. Fix the lines above and import the file again.`);
    process.exitCode = 1;
  } else {
    bar.finish(`${outcome.lines.toLocaleString("en")} lines`);
    const { accepted, created } = outcome.result;
    console.log(`imported ${accepted} records for ${provider}: ${created} new, ${accepted - created} already stored`);
  }
} finally {
  await connection.close();
}
