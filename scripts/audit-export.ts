import { createWriteStream } from "node:fs";
import { parseArgs } from "node:util";
import type { Connection } from "../db/connection";
import { listAuditEvents } from "../subgraphs/audit/audit-event.repository";
import { bootstrap } from "./bootstrap";

const usage = `usage: npm run audit:export -- --from 2026-11-01T00:00:00+08:00 --to 2026-12-01T00:00:00+08:00 [--format ndjson|csv] [--out FILE]
  Writes the audit events of the period (oldest first) with the subjects and categories each disclosed.`;

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      from: { type: "string" },
      to: { type: "string" },
      format: { type: "string", default: "ndjson" },
      out: { type: "string" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
const from = options.from ? new Date(options.from) : null;
const to = options.to ? new Date(options.to) : null;
if (
  !from ||
  !to ||
  Number.isNaN(from.getTime()) ||
  Number.isNaN(to.getTime()) ||
  !["ndjson", "csv"].includes(options.format)
) {
  console.error(usage);
  process.exit(2);
}

const COLUMNS = [
  "id",
  "at",
  "request_id",
  "actor",
  "role",
  "org",
  "purpose",
  "operation_name",
  "operation_type",
  "outcome",
  "error_codes",
  "subjects",
  "categories",
  "consent_ids",
  "client_address",
  "duration_ms",
  "hash",
] as const;
const csvCell = (value: unknown) => {
  const text = Array.isArray(value)
    ? value.join(";")
    : value instanceof Date
      ? value.toISOString()
      : value === null || value === undefined
        ? ""
        : String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

const { connection } = await bootstrap({ seed: false });
const output = options.out ? createWriteStream(options.out) : process.stdout;
let exported = 0;
try {
  if (options.format === "csv") output.write(`${COLUMNS.join(",")}\n`);
  let after: string | null = null;
  for (;;) {
    const rows = await listAuditEvents(connection.db as Connection, { from, to }, after, 5_000);
    if (rows.length === 0) break;
    for (const row of rows) {
      const record = { ...row, subjects: row.subject_identifiers };
      output.write(
        options.format === "csv"
          ? `${COLUMNS.map((column) => csvCell(record[column as keyof typeof record])).join(",")}\n`
          : `${JSON.stringify(Object.fromEntries(COLUMNS.map((column) => [column, record[column as keyof typeof record]])))}\n`,
      );
    }
    exported += rows.length;
    after = rows.at(-1)!.seq;
  }
} finally {
  await connection.close();
  if (output !== process.stdout) output.end();
}
console.error(`exported ${exported} audit events`);
