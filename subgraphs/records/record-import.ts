import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import type { Kysely } from "kysely";
import type { Database } from "../../db/database";
import { checkRecordSubmissions, MAX_RECORDS_PER_SUBMISSION, type CheckedRecord, type RecordSubmission } from "../../domain/record-submission";
import type { DomainRules } from "../../platform/config";
import type { InputProblem } from "../../platform/input-problems";
import { listRecordKinds } from "./credit-record.repository";
import { storeRecords, type StoredSubmission } from "./record-submission.service";

/** The columns of a CSV import file; an NDJSON line is a `RecordInput` object instead. */
export const CSV_COLUMNS = [
  "subject_identifier",
  "subject_name",
  "subject_kind",
  "category",
  "kind",
  "severity",
  "tier",
  "title",
  "document_number",
  "decided_on",
  "attributes",
] as const;

type ParsedLine = { line: number; item?: RecordSubmission; problem?: string };

async function* readNdjson(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ParsedLine> {
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line += 1;
    onBytes(Buffer.byteLength(text) + 1);
    if (text.trim() === "") continue;
    try {
      const item: unknown = JSON.parse(text);
      if (typeof item !== "object" || item === null || Array.isArray(item)) yield { line, problem: "each line is one JSON object (a RecordInput)" };
      else yield { line, item: item as RecordSubmission };
    } catch {
      yield { line, problem: "not valid JSON" };
    }
  }
}

async function* readCsv(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ParsedLine> {
  const stream = createReadStream(path);
  stream.on("data", (chunk) => onBytes(chunk.length));
  const parser = stream.pipe(parseCsv({ columns: true, info: true, bom: true, skip_empty_lines: true, trim: true, relax_column_count: false }));
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Record<string, string>; info: { lines: number } }>) {
      const missing = CSV_COLUMNS.filter((column) => !(column in record));
      if (missing.length > 0) {
        yield { line: info.lines, problem: `missing columns ${missing.join(", ")}; the header is ${CSV_COLUMNS.join(",")}` };
        continue;
      }
      let attributes: unknown = {};
      if (record.attributes) {
        try {
          attributes = JSON.parse(record.attributes);
        } catch {
          yield { line: info.lines, problem: "attributes: not valid JSON" };
          continue;
        }
      }
      yield {
        line: info.lines,
        item: {
          subject: { identifier: record.subject_identifier!, name: record.subject_name!, kind: record.subject_kind as RecordSubmission["subject"]["kind"] },
          category: record.category as RecordSubmission["category"],
          kind: record.kind!,
          severity: (record.severity || null) as RecordSubmission["severity"],
          tier: record.tier as RecordSubmission["tier"],
          title: record.title!,
          attributes,
          documentNumber: record.document_number!,
          decidedOn: record.decided_on!,
        },
      };
    }
  } catch (error) {
    yield { line: 0, problem: `CSV could not be read: ${(error as Error).message}` };
  }
}

export type ImportProgress = Readonly<{ bytesRead: number; totalBytes: number; lines: number }>;

export type ImportOutcome =
  | Readonly<{ stored: true; result: StoredSubmission; lines: number }>
  | Readonly<{ stored: false; problems: InputProblem[]; lines: number }>;

/**
 * Imports one file of a provider's records, all or nothing: every line is read and checked first; any
 * bad line (reported with its line number, field and reason) means nothing is stored. Re-importing a
 * file stores nothing twice (provider + document number).
 */
export async function importRecordFile(
  db: Kysely<Database>,
  options: { provider: string; path: string; rules: DomainRules; today: string; onProgress?: (progress: ImportProgress) => void },
): Promise<ImportOutcome> {
  const totalBytes = (await stat(options.path)).size;
  const format = options.path.toLowerCase().endsWith(".csv") ? "csv" : options.path.toLowerCase().endsWith(".ndjson") || options.path.toLowerCase().endsWith(".jsonl") ? "ndjson" : null;
  if (!format) return { stored: false, lines: 0, problems: [{ field: "file", reason: "the file name must end in .ndjson or .csv", code: "BAD_USER_INPUT" }] };
  const catalog = new Map(
    (await listRecordKinds(db)).map((row) => [row.code, { code: row.code, name: row.name, category: row.category, defaultTier: row.default_tier, article: row.article }]),
  );
  let bytesRead = 0;
  let lines = 0;
  const problems: InputProblem[] = [];
  const checked: CheckedRecord[] = [];
  const documents = new Map<string, number>();
  let pending: ParsedLine[] = [];
  const checkPending = () => {
    const result = checkRecordSubmissions(
      pending.map((entry) => entry.item!),
      catalog,
      options.today,
      (index) => `line ${pending[index]!.line}`,
    );
    problems.push(...result.problems);
    for (const [index, record] of result.checked.entries()) {
      const earlier = documents.get(record.documentNumber);
      if (earlier !== undefined) {
        problems.push({ field: `line ${pending[index]!.line}.documentNumber`, reason: `repeats line ${earlier}; one item per document number`, code: "BAD_USER_INPUT" });
      }
      documents.set(record.documentNumber, pending[index]!.line);
    }
    checked.push(...result.checked);
    pending = [];
  };
  const reader = format === "csv" ? readCsv : readNdjson;
  for await (const parsed of reader(options.path, (bytes) => (bytesRead += bytes))) {
    lines = Math.max(lines, parsed.line);
    if (parsed.problem) problems.push({ field: `line ${parsed.line}`, reason: parsed.problem, code: "BAD_USER_INPUT" });
    else pending.push(parsed);
    if (pending.length === MAX_RECORDS_PER_SUBMISSION) checkPending();
    if (lines % 1_000 === 0) options.onProgress?.({ bytesRead, totalBytes, lines });
  }
  if (pending.length > 0) checkPending();
  options.onProgress?.({ bytesRead: totalBytes, totalBytes, lines });
  if (problems.length > 0) return { stored: false, problems, lines };
  if (checked.length === 0) return { stored: false, lines, problems: [{ field: "file", reason: "holds no records", code: "BAD_USER_INPUT" }] };
  return { stored: true, lines, result: await storeRecords(db, options.provider, checked, options.rules) };
}
