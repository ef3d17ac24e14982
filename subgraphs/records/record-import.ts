import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createInterface } from "node:readline";
import { parse as parseCsv } from "csv-parse";
import { checkRecordSubmissions, type CheckedRecord, type RecordSubmission } from "./record-submission.rules";
import type { RecordKind } from "../../domain/record-kinds";
import type { InputProblem } from "../../domain/input-problem";
import type { StoredSubmission } from "./record-submission.service";

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

/** Columns a CSV file may leave out: an administrative penalty's procedure, a 16-17-year-old's self-support attestation. */
export const OPTIONAL_CSV_COLUMNS = ["procedure", "subject_lives_on_own_labour_income"] as const;

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
      if (typeof item !== "object" || item === null || Array.isArray(item))
        yield { line, problem: "each line is one JSON object (a RecordInput)" };
      else yield { line, item: item as RecordSubmission };
    } catch {
      yield { line, problem: "not valid JSON" };
    }
  }
}

async function* readCsv(path: string, onBytes: (bytes: number) => void): AsyncGenerator<ParsedLine> {
  const stream = createReadStream(path);
  stream.on("data", (chunk) => onBytes(chunk.length));
  const parser = stream.pipe(
    parseCsv({
      columns: true,
      info: true,
      bom: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: false,
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{
      record: Record<string, string>;
      info: { lines: number };
    }>) {
      const missing = CSV_COLUMNS.filter((column) => !(column in record));
      if (missing.length > 0) {
        yield {
          line: info.lines,
          problem: `missing columns ${missing.join(", ")}; the header is ${CSV_COLUMNS.join(",")}`,
        };
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
      const selfSupport = record.subject_lives_on_own_labour_income ?? "";
      if (!["", "true", "false"].includes(selfSupport)) {
        yield { line: info.lines, problem: "subject_lives_on_own_labour_income: true, false or empty" };
        continue;
      }
      yield {
        line: info.lines,
        item: {
          subject: {
            identifier: record.subject_identifier!,
            name: record.subject_name!,
            kind: record.subject_kind as RecordSubmission["subject"]["kind"],
          },
          category: record.category as RecordSubmission["category"],
          kind: record.kind!,
          severity: (record.severity || null) as RecordSubmission["severity"],
          tier: record.tier as RecordSubmission["tier"],
          title: record.title!,
          attributes,
          documentNumber: record.document_number!,
          decidedOn: record.decided_on!,
          procedure: (record.procedure || null) as RecordSubmission["procedure"],
          subjectLivesOnOwnLabourIncome: selfSupport === "true",
        },
      };
    }
  } catch (error) {
    yield { line: 0, problem: `CSV could not be read: ${(error as Error).message}` };
  }
}

/** One line of a file, checked: its problems (each naming the line), or the item it holds. */
type CheckedLine = Readonly<{ line: number; problems: InputProblem[]; record: CheckedRecord | null }>;

/**
 * Reads a record file and checks it line by line; a document number repeated anywhere in the file is a
 * problem of the later line. `onBytes` reports the bytes read, for progress.
 */
async function* checkRecordFile(
  path: string,
  catalog: ReadonlyMap<string, RecordKind>,
  today: string,
  onBytes: (bytes: number) => void,
): AsyncGenerator<CheckedLine> {
  const reader = /\.csv$/i.test(path) ? readCsv : readNdjson;
  const documents = new Map<string, number>();
  for await (const parsed of reader(path, onBytes)) {
    if (parsed.problem) {
      yield {
        line: parsed.line,
        problems: [{ field: `line ${parsed.line}`, reason: parsed.problem, code: "BAD_USER_INPUT" }],
        record: null,
      };
      continue;
    }
    const { problems, checked } = checkRecordSubmissions(
      [parsed.item!],
      catalog,
      today,
      () => `line ${parsed.line}`,
    );
    const record = checked[0] ?? null;
    if (record) {
      const earlier = documents.get(record.documentNumber);
      if (earlier !== undefined)
        problems.push({
          field: `line ${parsed.line}.documentNumber`,
          reason: `repeats line ${earlier}; one item per document number`,
          code: "BAD_USER_INPUT",
        });
      else documents.set(record.documentNumber, parsed.line);
    }
    yield { line: parsed.line, problems, record: problems.length === 0 ? record : null };
  }
}

export type ImportProgress = Readonly<
  | { phase: "checking"; bytesRead: number; totalBytes: number; lines: number }
  | { phase: "sending"; sent: number; total: number }
>;

export type ImportOutcome = Readonly<
  /** Nothing was sent: the file has problems (each naming its line). */
  | { status: "refused"; lines: number; problems: InputProblem[] }
  | { status: "imported"; lines: number; accepted: number; created: number }
  /**
   * The file was valid but the service stopped taking it midway: every line up to `storedThroughLine`
   * is stored; lines `failed.from`-`failed.to` are stored or not as `failed.stored` says; nothing after.
   */
  | {
      status: "interrupted";
      lines: number;
      accepted: number;
      created: number;
      storedThroughLine: number | null;
      failed: Readonly<{
        from: number;
        to: number;
        stored: "no" | "unknown";
        reason: string;
        problems: InputProblem[];
      }>;
    }
>;

/** Nothing of a chunk was stored: the service refused it, or was never reached. `problems` name `records[i]`. */
export class ChunkRefusedError extends Error {
  override readonly name = "ChunkRefusedError";

  constructor(
    message: string,
    readonly problems: readonly InputProblem[],
  ) {
    super(message);
  }
}

export type ImportOptions = Readonly<{
  path: string;
  /** The record catalog (`recordKinds`) the service checks against. */
  catalog: ReadonlyMap<string, RecordKind>;
  today: string;
  /**
   * Stores one chunk, all or nothing (`submitRecords` through the gateway). Throws `ChunkRefusedError`
   * when nothing of it was stored; any other error leaves the chunk's fate unknown.
   */
  submit(records: readonly CheckedRecord[]): Promise<Omit<StoredSubmission, "written">>;
  /** Bounds of one chunk: the gateway's body limit and the submission limit. */
  chunk: Readonly<{ maxRecords: number; maxBytes: number }>;
  onProgress?: (progress: ImportProgress) => void;
}>;

/** A checked item as the GraphQL `RecordInput` it is sent as. */
export function toRecordInput(record: CheckedRecord): Record<string, unknown> {
  return {
    subject: { identifier: record.subject.identifier, name: record.subject.name, kind: record.subject.kind },
    category: record.category,
    kind: record.kind,
    severity: record.severity,
    tier: record.tier,
    title: record.title,
    attributes: record.attributes,
    documentNumber: record.documentNumber,
    decidedOn: record.decidedOn,
    procedure: record.procedure,
    subjectLivesOnOwnLabourIncome: record.subjectLivesOnOwnLabourIncome,
  };
}

/**
 * Imports one file of a provider's records through `submit`. The whole file is read and checked first;
 * any bad line (with its line number, field and reason) means nothing is sent. Then the file is read
 * again and sent in chunks, in line order, each stored all or nothing by the service (and audited
 * there like any submission); a second reading that differs from the first (the file changed) stops
 * the import. Re-importing a file stores nothing twice (provider + document number), so after an
 * interruption the same file is simply imported again.
 */
export async function importRecordFile(options: ImportOptions): Promise<ImportOutcome> {
  if (!/\.(csv|ndjson|jsonl)$/i.test(options.path))
    return {
      status: "refused",
      lines: 0,
      problems: [
        { field: "file", reason: "the file name must end in .ndjson or .csv", code: "BAD_USER_INPUT" },
      ],
    };
  const totalBytes = (await stat(options.path)).size;
  let bytesRead = 0;
  let lines = 0;
  let total = 0;
  const problems: InputProblem[] = [];
  for await (const checked of checkRecordFile(
    options.path,
    options.catalog,
    options.today,
    (bytes) => (bytesRead += bytes),
  )) {
    lines = Math.max(lines, checked.line);
    problems.push(...checked.problems);
    if (checked.record) total += 1;
    if (lines % 1_000 === 0) options.onProgress?.({ phase: "checking", bytesRead, totalBytes, lines });
  }
  options.onProgress?.({ phase: "checking", bytesRead: totalBytes, totalBytes, lines });
  if (problems.length > 0) return { status: "refused", lines, problems };
  if (total === 0)
    return {
      status: "refused",
      lines,
      problems: [{ field: "file", reason: "holds no records", code: "BAD_USER_INPUT" }],
    };

  let accepted = 0;
  let created = 0;
  let storedThroughLine: number | null = null;
  let chunk: Array<{ line: number; record: CheckedRecord }> = [];
  let chunkBytes = 0;
  const interrupted = (
    failed: Extract<ImportOutcome, { status: "interrupted" }>["failed"],
  ): ImportOutcome => ({ status: "interrupted", lines, accepted, created, storedThroughLine, failed });
  const send = async (): Promise<ImportOutcome | null> => {
    const from = chunk[0]!.line;
    const to = chunk.at(-1)!.line;
    try {
      const stored = await options.submit(chunk.map((entry) => entry.record));
      accepted += stored.accepted;
      created += stored.created;
      storedThroughLine = to;
    } catch (error) {
      if (!(error instanceof ChunkRefusedError))
        return interrupted({ from, to, stored: "unknown", reason: (error as Error).message, problems: [] });
      const lineOf = (field: string) =>
        field.replace(/^records\[(\d+)\]/, (whole, index: string) =>
          chunk[Number(index)] ? `line ${chunk[Number(index)]!.line}` : whole,
        );
      return interrupted({
        from,
        to,
        stored: "no",
        reason: error.message,
        problems: error.problems.map((problem) => ({ ...problem, field: lineOf(problem.field) })),
      });
    }
    options.onProgress?.({ phase: "sending", sent: accepted, total });
    chunk = [];
    chunkBytes = 0;
    return null;
  };
  for await (const checked of checkRecordFile(options.path, options.catalog, options.today, () => {})) {
    if (!checked.record) {
      if (checked.problems.length === 0) continue;
      return interrupted({
        from: checked.line,
        to: lines,
        stored: "no",
        reason: "the file changed while it was being imported; check it and import it again",
        problems: checked.problems,
      });
    }
    const bytes = Buffer.byteLength(JSON.stringify(toRecordInput(checked.record))) + 1;
    if (
      chunk.length === options.chunk.maxRecords ||
      (chunk.length > 0 && chunkBytes + bytes > options.chunk.maxBytes)
    ) {
      const stopped = await send();
      if (stopped) return stopped;
    }
    chunk.push({ line: checked.line, record: checked.record });
    chunkBytes += bytes;
  }
  return (chunk.length > 0 ? await send() : null) ?? { status: "imported", lines, accepted, created };
}
