import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckedRecord } from "./record-submission.rules";
import { RECORD_KINDS } from "../../domain/record-kinds";
import { citizenId, daysAgo, uscc } from "../../test/fixtures";
import { ChunkRefusedError, importRecordFile, toRecordInput, type ImportOptions } from "./record-import";

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "credit-record-import-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

const catalog = new Map(RECORD_KINDS.map((kind) => [kind.code, kind]));
/** A person's name is Chinese characters only (domain/subject-ref.ts): the number written in them. */
const personName = (n: number) =>
  `导入人${String(n).replace(/\d/g, (digit) => "〇一二三四五六七八九"[Number(digit)]!)}`;
const line = (n: number, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    subject: { identifier: citizenId(n), name: personName(n), kind: "NATURAL_PERSON" },
    category: "NEGATIVE",
    kind: "TAX_ARREARS",
    severity: "GENERAL",
    tier: "PUBLIC",
    title: "欠缴税款",
    documentNumber: `IMP-${n}`,
    decidedOn: daysAgo(3),
    attributes: { amountYuan: 1000 + n },
    ...extra,
  });

async function fileOf(name: string, lines: readonly string[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

/** A service that stores everything and remembers each chunk's document numbers. */
function recordingService(fail?: (chunk: number) => Error | null) {
  const chunks: string[][] = [];
  const submit: ImportOptions["submit"] = async (records: readonly CheckedRecord[]) => {
    const failure = fail?.(chunks.length);
    if (failure) throw failure;
    chunks.push(records.map((record) => record.documentNumber));
    return {
      accepted: records.length,
      created: records.length,
      ids: records.map((_, index) => String(index)),
    };
  };
  return { chunks, submit };
}

const run = (
  path: string,
  submit: ImportOptions["submit"],
  chunk = { maxRecords: 1_000, maxBytes: 512 * 1024 },
) => importRecordFile({ path, catalog, today: daysAgo(0), submit, chunk });

describe("importRecordFile (checked whole, then sent in chunks)", () => {
  it("sends nothing from a file with any bad line, and names each line, field and reason", async () => {
    const path = await fileOf("bad.ndjson", [
      line(1),
      line(2, { decidedOn: "2026-02-30" }),
      "not json",
      line(4, { subject: { identifier: "12345", name: "张某", kind: "NATURAL_PERSON" } }),
      line(5, { attributes: { nested: { Fingerprint: "…" } } }),
      line(6, { documentNumber: "IMP-1" }),
      line(7, { subject: { identifier: uscc(7), name: "x", kind: "COMPANY" } }),
    ]);
    const service = recordingService();
    const outcome = await run(path, service.submit);
    expect(
      outcome.status === "refused" && outcome.problems.map((problem) => [problem.field, problem.code]),
    ).toEqual([
      ["line 2.decidedOn", "BAD_USER_INPUT"],
      ["line 3", "BAD_USER_INPUT"],
      ["line 4.subject.identifier", "INVALID_IDENTIFIER"],
      ["line 5.attributes.nested.<key 0>", "PROHIBITED_DATA"],
      ["line 6.documentNumber", "BAD_USER_INPUT"],
      ["line 7.subject.kind", "BAD_USER_INPUT"],
    ]);
    expect(service.chunks).toEqual([]);
  });

  it("sends a valid file in line order, in chunks bounded by records and by bytes", async () => {
    const path = await fileOf(
      "good.ndjson",
      Array.from({ length: 25 }, (_, index) => line(100 + index)),
    );
    const byCount = recordingService();
    expect(await run(path, byCount.submit, { maxRecords: 10, maxBytes: 1_000_000 })).toEqual({
      status: "imported",
      lines: 25,
      accepted: 25,
      created: 25,
    });
    expect(byCount.chunks.map((chunk) => chunk.length)).toEqual([10, 10, 5]);
    expect(byCount.chunks.flat()).toEqual(Array.from({ length: 25 }, (_, index) => `IMP-${100 + index}`));

    const byBytes = recordingService();
    await run(path, byBytes.submit, { maxRecords: 1_000, maxBytes: 1_500 });
    expect(byBytes.chunks.length).toBeGreaterThan(3);
    expect(byBytes.chunks.flat()).toHaveLength(25);
  });

  it("says which lines are stored when the service refuses a later chunk (by the file's line numbers) or its answer is lost", async () => {
    const path = await fileOf(
      "interrupted.ndjson",
      Array.from({ length: 25 }, (_, index) => line(200 + index)),
    );
    const refused = recordingService((chunk) =>
      chunk === 1
        ? new ChunkRefusedError("BAD_USER_INPUT: submission refused", [
            { field: "records[3].subject.name", reason: "taken", code: "BAD_USER_INPUT" },
          ])
        : null,
    );
    expect(await run(path, refused.submit, { maxRecords: 10, maxBytes: 1_000_000 })).toEqual({
      status: "interrupted",
      lines: 25,
      accepted: 10,
      created: 10,
      storedThroughLine: 10,
      failed: {
        from: 11,
        to: 20,
        stored: "no",
        reason: "BAD_USER_INPUT: submission refused",
        problems: [{ field: "line 14.subject.name", reason: "taken", code: "BAD_USER_INPUT" }],
      },
    });

    const lost = recordingService((chunk) =>
      chunk === 0 ? new Error("the request failed; its answer was lost") : null,
    );
    expect(await run(path, lost.submit, { maxRecords: 10, maxBytes: 1_000_000 })).toMatchObject({
      status: "interrupted",
      storedThroughLine: null,
      failed: { from: 1, to: 10, stored: "unknown" },
    });
  });

  it("reads CSV with its header, and refuses one whose header lacks columns", async () => {
    const csv = await fileOf("good.csv", [
      "subject_identifier,subject_name,subject_kind,category,kind,severity,tier,title,document_number,decided_on,attributes",
      `${uscc(200)},导入公司,LEGAL_PERSON,NEGATIVE,MARKET_ORDER_VIOLATION,SERIOUS,PUBLIC,围标串标,CSV-1,${daysAgo(9)},"{""amountYuan"":5000}"`,
      `${uscc(201)},另一公司,LEGAL_PERSON,POSITIVE,HONOUR_AWARD,,PUBLIC,守合同重信用企业,CSV-2,${daysAgo(9)},`,
    ]);
    const service = recordingService();
    expect(await run(csv, service.submit)).toMatchObject({ status: "imported", accepted: 2 });
    expect(service.chunks).toEqual([["CSV-1", "CSV-2"]]);

    const short = await fileOf("short.csv", ["subject_identifier,subject_name", `${uscc(300)},x`]);
    const outcome = await run(short, service.submit);
    expect(outcome.status === "refused" && outcome.problems[0]!.reason).toMatch(/missing columns/);
  });

  it("applies the catalogue tier, the general procedure and full civil capacity by line, and sends the procedure and attestation on", async () => {
    const decidedOn = daysAgo(3);
    const teen = {
      identifier: citizenId(400, `${Number(decidedOn.slice(0, 4)) - 17}0101`),
      name: "自立青年",
      kind: "NATURAL_PERSON",
    };
    const bad = await fileOf("rules.ndjson", [
      line(401, { kind: "SOCIAL_INSURANCE_ARREARS" }),
      line(402, { kind: "ADMINISTRATIVE_PENALTY", procedure: "SIMPLIFIED" }),
      line(403, { kind: "ADMINISTRATIVE_PENALTY" }),
      line(404, { subject: teen }),
    ]);
    const refused = await run(bad, recordingService().submit);
    expect(refused.status === "refused" && refused.problems.map((problem) => problem.field)).toEqual([
      "line 1.tier",
      "line 2.procedure",
      "line 3.procedure",
      "line 4.subject.identifier",
    ]);

    const csv = await fileOf("rules.csv", [
      "subject_identifier,subject_name,subject_kind,category,kind,severity,tier,title,document_number,decided_on,attributes,procedure,subject_lives_on_own_labour_income",
      `${uscc(410)},处罚公司,LEGAL_PERSON,NEGATIVE,ADMINISTRATIVE_PENALTY,GENERAL,PUBLIC,行政处罚,CSV-P,${decidedOn},,GENERAL,`,
      `${teen.identifier},自立青年,NATURAL_PERSON,NEGATIVE,TAX_ARREARS,GENERAL,PUBLIC,欠缴税款,CSV-T,${decidedOn},,,true`,
    ]);
    const sent: CheckedRecord[] = [];
    expect(
      await run(
        csv,
        async (records) => (
          sent.push(...records), { accepted: records.length, created: records.length, ids: [] }
        ),
      ),
    ).toMatchObject({ status: "imported", accepted: 2 });
    expect(sent.map(toRecordInput)).toEqual([
      expect.objectContaining({
        documentNumber: "CSV-P",
        procedure: "GENERAL",
        subjectLivesOnOwnLabourIncome: false,
      }),
      expect.objectContaining({
        documentNumber: "CSV-T",
        procedure: null,
        subjectLivesOnOwnLabourIncome: true,
      }),
    ]);
  });
});
