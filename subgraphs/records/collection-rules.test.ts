import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { errorCodes, type GraphQLResult } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

/**
 * What may be collected at all, through the gateway: the catalogue's tier or stricter (PCIM arts. 8, 18),
 * administrative penalties of the general procedure only (art. 12(9)), and natural persons with full
 * civil capacity on the date of the information (art. 2). Each refusal stores nothing.
 */

let slice: SliceTest;
let provider: SliceViewer;
let centre: SliceViewer;

beforeAll(async () => {
  // Ages are counted to the day: the suite runs on a fixed date.
  slice = await startSliceTest({ now: "2026-11-18T10:00:00+08:00" });
  provider = { role: "PROVIDER", org: "HA-RULES" };
  centre = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
});
afterAll(async () => slice?.stop());

const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted ids } }`;
const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`;

type Row = Record<string, unknown>;
const person = (n: number, birth?: string) => ({
  identifier: citizenId(n, birth),
  name: personName("规则人", n),
  kind: "NATURAL_PERSON",
});
const company = (n: number) => ({ identifier: uscc(n), name: `规则公司${n}`, kind: "LEGAL_PERSON" });
const record = (subject: Row, documentNumber: string, extra: Row = {}) => ({
  subject,
  category: "NEGATIVE",
  kind: "TAX_ARREARS",
  severity: "GENERAL",
  tier: "PUBLIC",
  title: "欠缴税款",
  documentNumber,
  decidedOn: "2026-11-01",
  ...extra,
});
const entry = (subject: Row, documentNumber: string, extra: Row = {}) => ({
  subject,
  list: "BLACK",
  grounds: "B07_REFUSE_JUDGEMENT",
  facts: "拒不履行生效判决",
  basis: "淮安市守信联合激励和失信联合惩戒实施办法",
  documentNumber,
  recognizedOn: "2026-11-01",
  ...extra,
});

const submit = (records: Row[]) =>
  slice.execute<{ submitRecords: { accepted: number; ids: string[] } }>("records", SUBMIT, {
    viewer: provider,
    variables: { records },
  });
const recognize = (input: Row) =>
  slice.execute<{ recognizeListEntry: { id: string } }>("lists", RECOGNIZE, {
    viewer: provider,
    variables: { input },
  });

function problemsOf(
  result: Pick<GraphQLResult<unknown>, "errors">,
): Array<{ field: string; reason: string }> {
  expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
  return result.errors![0]!.extensions!.problems as Array<{ field: string; reason: string }>;
}

async function storedDocuments(...documentNumbers: string[]): Promise<string[]> {
  const db = slice.db;
  const [records, entries] = await Promise.all([
    db
      .selectFrom("credit_records")
      .select("document_number")
      .where("document_number", "in", documentNumbers)
      .execute(),
    db
      .selectFrom("list_entries")
      .select("document_number")
      .where("document_number", "in", documentNumbers)
      .execute(),
  ]);
  return [...records, ...entries].map((row) => row.document_number).sort();
}

describe("catalogue tiers: the kind's tier or stricter, never wider (PCIM arts. 8, 18)", () => {
  it("refuses a wider tier naming the field and the catalogue tier, and stores nothing of the batch", async () => {
    const result = await submit([
      record(company(1), "TIER-1", { kind: "SOCIAL_INSURANCE_ARREARS", title: "欠缴社会保险费" }),
      record(company(1), "TIER-2"),
    ]);
    const [problem, ...rest] = problemsOf(result);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      field: "records[0].tier",
      reason: expect.stringContaining("is GOVERNMENT"),
    });
    expect(await storedDocuments("TIER-1", "TIER-2")).toEqual([]);
  });

  it("accepts the catalogue tier and every stricter one", async () => {
    const result = await submit([
      record(company(2), "TIER-3", { kind: "SOCIAL_INSURANCE_ARREARS", tier: "GOVERNMENT" }),
      record(company(2), "TIER-4", { kind: "SOCIAL_INSURANCE_ARREARS", tier: "AUTHORIZED" }),
      record(company(2), "TIER-5", { tier: "GOVERNMENT" }),
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitRecords.accepted).toBe(3);
  });

  it("keeps a natural person's basic information AUTHORIZED (PCIM arts. 10(1), 21): never published", async () => {
    const basic = { category: "BASIC", kind: "QUALIFICATION", severity: null, title: "职业资格证书" };
    const refused = await submit([
      record(person(3), "BASIC-1", { ...basic, tier: "PUBLIC" }),
      record(person(3), "BASIC-2", { ...basic, tier: "GOVERNMENT" }),
    ]);
    expect(problemsOf(refused).map((problem) => problem.field)).toEqual([
      "records[0].tier",
      "records[1].tier",
    ]);
    expect(problemsOf(refused)[0]!.reason).toContain("about a natural person");
    expect(await storedDocuments("BASIC-1", "BASIC-2")).toEqual([]);

    expect(
      (await submit([record(person(3), "BASIC-3", { ...basic, tier: "AUTHORIZED" })])).errors,
    ).toBeUndefined();
    const published = await slice.readSubject<{ records: unknown[] } | null>(person(3).identifier, {
      records: "records { id }",
    });
    expect(published.data?.subject?.records ?? []).toEqual([]);
    expect(
      (await submit([record(company(3), "BASIC-4", { ...basic, tier: "PUBLIC", title: "建筑业企业资质" })]))
        .errors,
    ).toBeUndefined();
  });

  it("publishes both catalogue tiers of a kind in recordKinds", async () => {
    const kinds = await slice.execute<{
      recordKinds: Array<{ code: string; defaultTier: string; naturalPersonTier: string }>;
    }>("records", `{ recordKinds { code defaultTier naturalPersonTier } }`);
    const byCode = new Map(kinds.data!.recordKinds.map((kind) => [kind.code, kind]));
    expect(byCode.get("QUALIFICATION")).toEqual({
      code: "QUALIFICATION",
      defaultTier: "PUBLIC",
      naturalPersonTier: "AUTHORIZED",
    });
    expect(byCode.get("PERSON_REGISTRATION")).toMatchObject({
      defaultTier: "AUTHORIZED",
      naturalPersonTier: "AUTHORIZED",
    });
    expect(byCode.get("ADMINISTRATIVE_PENALTY")).toMatchObject({
      defaultTier: "PUBLIC",
      naturalPersonTier: "PUBLIC",
    });
  });
});

describe("administrative penalties: general procedure only (PCIM art. 12(9))", () => {
  const penalty = { kind: "ADMINISTRATIVE_PENALTY", title: "行政处罚决定书" };

  it("refuses a simplified-procedure penalty and one that does not state its procedure", async () => {
    const result = await submit([
      record(company(10), "PROC-1", { ...penalty, procedure: "SIMPLIFIED" }),
      record(company(10), "PROC-2", penalty),
      record(company(10), "PROC-3", { procedure: "GENERAL" }),
    ]);
    expect(problemsOf(result)).toEqual([
      { field: "records[0].procedure", reason: expect.stringContaining("简易程序"), code: "BAD_USER_INPUT" },
      { field: "records[1].procedure", reason: expect.stringContaining("GENERAL"), code: "BAD_USER_INPUT" },
      {
        field: "records[2].procedure",
        reason: expect.stringContaining("only an administrative penalty"),
        code: "BAD_USER_INPUT",
      },
    ]);
    expect(await storedDocuments("PROC-1", "PROC-2", "PROC-3")).toEqual([]);
  });

  it("accepts a general-procedure penalty", async () => {
    expect(
      (await submit([record(company(11), "PROC-4", { ...penalty, procedure: "GENERAL" })])).data!
        .submitRecords.accepted,
    ).toBe(1);
  });
});

describe("natural persons: full civil capacity on the date of the information (PCIM art. 2, 民法典 arts. 17-18)", () => {
  it("refuses a child's record, attested or not, and stores nothing", async () => {
    const child = person(20, "20150301");
    const result = await submit([
      record(child, "AGE-1"),
      record(child, "AGE-2", { subjectLivesOnOwnLabourIncome: true }),
    ]);
    const problems = problemsOf(result);
    expect(problems.map((problem) => problem.field)).toEqual([
      "records[0].subject.identifier",
      "records[1].subject.identifier",
    ]);
    expect(problems[0]!.reason).toContain("was 11 on decidedOn 2026-11-01");
    expect(await storedDocuments("AGE-1", "AGE-2")).toEqual([]);
    const subjects = await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", child.identifier)
      .execute();
    expect(subjects).toEqual([]);
  });

  it("counts the age on decidedOn, to the day: 18 on the birthday", async () => {
    const turning = person(21, "20081101");
    const dayBefore = await submit([record(turning, "AGE-3", { decidedOn: "2026-10-31" })]);
    expect(problemsOf(dayBefore)).toEqual([
      expect.objectContaining({
        field: "records[0].subject.identifier",
        reason: expect.stringContaining("was 17"),
      }),
    ]);
    expect((await submit([record(turning, "AGE-4", { decidedOn: "2026-11-01" })])).errors).toBeUndefined();
    // An adult today whose information dates from before 18 is still refused.
    const adultNow = person(22, "20080301");
    expect(problemsOf(await submit([record(adultNow, "AGE-5", { decidedOn: "2026-01-15" })]))[0]!.field).toBe(
      "records[0].subject.identifier",
    );
  });

  it("accepts a 16- or 17-year-old only with the provider's attestation of living on their own labour income", async () => {
    const seventeen = person(23, "20090601");
    expect(problemsOf(await submit([record(seventeen, "AGE-6")]))[0]!.reason).toContain(
      "subjectLivesOnOwnLabourIncome",
    );
    expect(
      (await submit([record(seventeen, "AGE-6", { subjectLivesOnOwnLabourIncome: true })])).errors,
    ).toBeUndefined();
    const fifteen = person(24, "20110601");
    expect(
      problemsOf(await submit([record(fifteen, "AGE-7", { subjectLivesOnOwnLabourIncome: true })]))[0]!.field,
    ).toBe("records[0].subject.identifier");
    expect(await storedDocuments("AGE-6", "AGE-7")).toEqual(["AGE-6"]);
  });

  it("refuses the attestation for an organisation", async () => {
    expect(
      problemsOf(await submit([record(company(25), "AGE-8", { subjectLivesOnOwnLabourIncome: true })])),
    ).toEqual([expect.objectContaining({ field: "records[0].subjectLivesOnOwnLabourIncome" })]);
  });

  it("refuses to list a child, and lists a 17-year-old only with the attestation", async () => {
    const child = person(30, "20150301");
    const black = await recognize(entry(child, "LIST-1"));
    expect(problemsOf(black)).toEqual([
      expect.objectContaining({
        field: "input.subject.identifier",
        reason: expect.stringContaining("recognizedOn 2026-11-01"),
      }),
    ]);
    const red = await recognize({
      ...entry(child, "LIST-2"),
      list: "RED",
      grounds: "R04_COUNTY_HONOUR",
      subjectLivesOnOwnLabourIncome: true,
    });
    expect(problemsOf(red)[0]!.field).toBe("input.subject.identifier");

    const seventeen = person(31, "20090601");
    expect(problemsOf(await recognize(entry(seventeen, "LIST-3")))[0]!.field).toBe(
      "input.subject.identifier",
    );
    expect(
      (await recognize(entry(seventeen, "LIST-3", { subjectLivesOnOwnLabourIncome: true }))).errors,
    ).toBeUndefined();
    expect(await storedDocuments("LIST-1", "LIST-2", "LIST-3")).toEqual(["LIST-3"]);

    const listed = await slice.readSubject<unknown>(child.identifier, { subjects: "id" }, { viewer: centre });
    expect(listed.data?.subject ?? null).toBeNull();
  });
});
