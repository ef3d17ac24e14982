import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecordFile } from "../../subgraphs/records/record-import";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
let folder: string;
beforeAll(async () => {
  federation = await startTestFederation();
  folder = await mkdtemp(join(tmpdir(), "credit-import-"));
});
afterAll(async () => federation?.stop());

const line = (n: number, extra: Record<string, unknown> = {}) => ({
  subject: { identifier: citizenId(n), name: `导入人${n}`, kind: "NATURAL_PERSON" },
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

const runImport = (path: string, provider = "HA-TAX") =>
  importRecordFile(federation.connection.db, { provider, path, rules: federation.config.rules, today: federation.today() });

const recordCount = async () =>
  Number((await federation.connection.db.selectFrom("credit_records").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

describe("npm run import (all or nothing, by line, idempotent)", () => {
  it("stores nothing from a file with any bad line and names each bad line, field and reason", async () => {
    const path = join(folder, "bad.ndjson");
    await writeFile(path, [line(1), line(2), "not json", line(4, { subject: { identifier: "12345", name: "x", kind: "NATURAL_PERSON" } }), line(5, { attributes: { nested: { Fingerprint: "…" } } })].map((item) => (typeof item === "string" ? item : JSON.stringify(item))).join("\n"));
    const before = await recordCount();
    const outcome = await runImport(path);
    expect(outcome.stored).toBe(false);
    expect(!outcome.stored && outcome.problems.map((problem) => [problem.field, problem.code])).toEqual([
      ["line 3", "BAD_USER_INPUT"],
      ["line 4.subject.identifier", "INVALID_IDENTIFIER"],
      ["line 5.attributes.nested.<key 0>", "PROHIBITED_DATA"],
    ]);
    expect(await recordCount()).toBe(before);
  });

  it("imports NDJSON and CSV, and a second import of the same file adds nothing", async () => {
    const ndjson = join(folder, "good.ndjson");
    await writeFile(ndjson, Array.from({ length: 25 }, (_, index) => JSON.stringify(line(100 + index))).join("\n") + "\n");
    const csv = join(folder, "good.csv");
    await writeFile(
      csv,
      [
        "subject_identifier,subject_name,subject_kind,category,kind,severity,tier,title,document_number,decided_on,attributes",
        `${uscc(200)},导入公司,LEGAL_PERSON,NEGATIVE,MARKET_ORDER_VIOLATION,SERIOUS,PUBLIC,围标串标,CSV-1,${daysAgo(9)},"{""amountYuan"":5000}"`,
        `${uscc(201)},另一公司,LEGAL_PERSON,POSITIVE,HONOUR_AWARD,,PUBLIC,守合同重信用企业,CSV-2,${daysAgo(9)},`,
      ].join("\n"),
    );
    const before = await recordCount();
    const first = await runImport(ndjson);
    expect(first).toMatchObject({ stored: true, result: { accepted: 25, created: 25 } });
    expect(await runImport(csv)).toMatchObject({ stored: true, result: { accepted: 2, created: 2 } });
    expect(await recordCount()).toBe(before + 27);
    expect(await runImport(ndjson)).toMatchObject({ stored: true, result: { accepted: 25, created: 0 } });
    expect(await runImport(csv)).toMatchObject({ stored: true, result: { created: 0 } });
    expect(await recordCount()).toBe(before + 27);

    const viaGateway = await federation.query<{ subject: { records: Array<{ title: string; provider: string }> } }>(
      `query ($id: String!) { subject(identifier: $id) { records { title provider } } }`,
      { variables: { id: uscc(200) } },
    );
    expect(viaGateway.data!.subject.records).toEqual([{ title: "围标串标", provider: "HA-TAX" }]);
  });

  it("refuses a CSV whose header lacks columns", async () => {
    const path = join(folder, "short.csv");
    await writeFile(path, `subject_identifier,subject_name\n${uscc(300)},x\n`);
    const outcome = await runImport(path);
    expect(!outcome.stored && outcome.problems[0]!.reason).toMatch(/missing columns/);
  });
});
