import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest } from "../../test/slice";
import type { RegisteredSubject } from "../../domain/subject-ref";
import { registerSubject } from "../subjects/subject.service";
import type { CheckedRecord } from "./record-submission.rules";
import { storeRecords } from "./record-submission.service";

/**
 * Storing a provider's checked items at their own height: one transaction that registers the subjects, inserts
 * each item once per (provider, document number) with its expiry and review state, and enters a legal person's
 * SEVERE items on the file of whoever was its representative on the decision date (PCIM art. 26). A
 * statement that fails leaves nothing behind, not even the subjects it registered. Clock: 20 November 2026.
 */
let slice: SliceTest;
const registered = (
  identifier: string,
  name: string,
  kind: RegisteredSubject["kind"],
): RegisteredSubject => ({ identifier, name, kind, sex: null, birthDate: null, region: null });
const COMPANY = registered(uscc(9601), "存储测试公司", "LEGAL_PERSON");
const PERSON = registered(citizenId(961), personName("个人", 961), "NATURAL_PERSON");
const REPRESENTATIVE = {
  identifier: citizenId(962),
  name: personName("代表", 962),
  kind: "NATURAL_PERSON",
} as const;

const item = (overrides: Partial<CheckedRecord>): CheckedRecord => ({
  subject: COMPANY,
  category: "NEGATIVE",
  kind: "MARKET_ORDER_VIOLATION",
  severity: "GENERAL",
  tier: "PUBLIC",
  title: "虚假宣传",
  attributes: {},
  documentNumber: "STORE-1",
  decidedOn: "2026-03-01",
  procedure: null,
  subjectLivesOnOwnLabourIncome: false,
  ...overrides,
});
const store = (provider: string, records: readonly CheckedRecord[]) =>
  storeRecords(slice.db, provider, records, slice.config.rules);
const count = async (table: "credit_records" | "subjects" | "record_relations") =>
  Number(
    (
      await slice.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  await registerSubject(await slice.context("subjects", { role: "CREDIT_CENTER", org: "HA-CREDIT" }), {
    subject: { identifier: COMPANY.identifier, name: COMPANY.name, kind: COMPANY.kind },
    legalRepresentative: REPRESENTATIVE,
    relationsSince: "2026-01-01",
  });
});
afterAll(async () => slice?.stop());

describe("storeRecords", () => {
  it("writes each item with its expiry and review state, and says whose file it went to", async () => {
    const stored = await store("HA-MKT", [
      item({}),
      item({ documentNumber: "STORE-2", category: "POSITIVE", severity: null, title: "纳税信用A级" }),
      item({ subject: PERSON, documentNumber: "STORE-3", decidedOn: "2026-05-10" }),
      item({ subject: PERSON, documentNumber: "STORE-4", tier: "GOVERNMENT" }),
    ]);
    expect(stored).toMatchObject({ accepted: 4, created: 4 });
    const rows = await slice.db
      .selectFrom("credit_records")
      .select([
        "id",
        "document_number",
        "expires_on",
        "publication",
        "provider",
        "status",
        "subject_identifier",
      ])
      .where("document_number", "like", "STORE-%")
      .orderBy("document_number")
      .execute();
    expect(rows.map((row) => row.id)).toEqual(stored.ids);
    expect(rows.map((row) => [row.document_number, row.expires_on, row.publication, row.status])).toEqual([
      ["STORE-1", "2027-03-01", null, "ACTIVE"],
      ["STORE-2", null, null, "ACTIVE"],
      ["STORE-3", "2027-05-10", "PENDING", "ACTIVE"],
      ["STORE-4", "2027-03-01", null, "ACTIVE"],
    ]);
    expect(new Set(rows.map((row) => row.provider))).toEqual(new Set(["HA-MKT"]));
    const person = await slice.db
      .selectFrom("subjects")
      .select(["id", "identifier"])
      .where("identifier", "=", PERSON.identifier)
      .executeTakeFirstOrThrow();
    expect(stored.written[2]).toEqual({
      subjectId: person.id,
      subjectIdentifier: person.identifier,
      tier: "PUBLIC",
    });
    expect(stored.written[3]!.tier).toBe("GOVERNMENT");
  });

  it("inserts an item once per provider and document number: a resubmission creates nothing and answers the same ids", async () => {
    const first = await slice.db
      .selectFrom("credit_records")
      .select("id")
      .where("document_number", "=", "STORE-1")
      .executeTakeFirstOrThrow();
    const before = await count("credit_records");
    const again = await store("HA-MKT", [item({ title: "改过的标题" })]);
    expect(again).toMatchObject({ accepted: 1, created: 0, ids: [first.id] });
    expect(await count("credit_records")).toBe(before);
    const other = await store("HA-TAX", [item({})]);
    expect(other.created).toBe(1);
    expect(other.ids[0]).not.toBe(first.id);
  });

  it("enters a legal person's SEVERE item on the file of the representative it had on the decision date, and only that", async () => {
    const before = await count("record_relations");
    const stored = await store("HA-MKT", [
      item({ documentNumber: "STORE-S1", severity: "SEVERE", decidedOn: "2026-06-01" }),
      item({ documentNumber: "STORE-S2", severity: "SEVERE", decidedOn: "2025-06-01" }),
      item({ documentNumber: "STORE-S3", severity: "SERIOUS", decidedOn: "2026-06-01" }),
    ]);
    const relations = await slice.db
      .selectFrom("record_relations")
      .select(["record_id", "related_subject_identifier", "relation"])
      .where("record_id", "in", stored.ids)
      .execute();
    expect(relations).toEqual([
      {
        record_id: stored.ids[0],
        related_subject_identifier: REPRESENTATIVE.identifier,
        relation: "LEGAL_REPRESENTATIVE",
      },
    ]);
    expect(await count("record_relations")).toBe(before + 1);
  });

  it("is one transaction: a statement that fails leaves no item and no subject behind", async () => {
    const stranger = registered(uscc(9609), "未登记公司", "LEGAL_PERSON");
    const before = await Promise.all([count("credit_records"), count("subjects")]);
    await expect(
      store("HA-MKT", [
        item({ subject: stranger, documentNumber: "STORE-X1" }),
        item({ subject: stranger, documentNumber: "STORE-X2", decidedOn: "not-a-date" }),
      ]),
    ).rejects.toThrow();
    expect(await Promise.all([count("credit_records"), count("subjects")])).toEqual(before);
  });
});
