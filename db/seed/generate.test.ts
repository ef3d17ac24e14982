import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasFullCivilCapacityOn } from "../../domain/civil-capacity";
import { chinaDateOf } from "../../domain/dates";
import { checkIdentifier } from "../../domain/identifiers";
import { catalogueTierOf, RECORD_KINDS, tiersAllowedBy } from "../../domain/record-kinds";
import { loadConfig } from "../../platform/config";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { generateSeed } from "./generate";

let database: TestDatabase;
const today = chinaDateOf(new Date());
beforeAll(async () => {
  database = await startTestDatabase();
});
afterAll(async () => database?.stop());

describe("generateSeed", () => {
  it("loads N valid, realistic subjects with records and list entries, and a second run adds nothing", async () => {
    const rules = loadConfig({ NODE_ENV: "test" }).rules;
    const first = await generateSeed(database.connection.db, { subjects: 3_000, today, rules });
    const db = database.connection.db;
    const subjects = await db.selectFrom("subjects").select(["identifier", "kind"]).execute();
    expect(subjects).toHaveLength(3_000);
    for (const subject of subjects) {
      expect(
        checkIdentifier(subject.identifier, subject.kind === "NATURAL_PERSON" ? "CITIZEN_ID" : "USCC", today)
          .valid,
      ).toBe(true);
    }
    const personRecords = await db
      .selectFrom("credit_records")
      .innerJoin("subjects", "subjects.id", "credit_records.subject_id")
      .select([
        "credit_records.kind",
        "credit_records.tier",
        "credit_records.decided_on",
        "subjects.kind as subject_kind",
        "subjects.birth_date",
      ])
      .execute();
    const catalog = new Map(RECORD_KINDS.map((kind) => [kind.code, kind]));
    const breaches = personRecords.filter(
      (row) =>
        !tiersAllowedBy(catalogueTierOf(catalog.get(row.kind)!, row.subject_kind)).includes(row.tier) ||
        (row.birth_date !== null && !hasFullCivilCapacityOn(row.birth_date, row.decided_on, false)),
    );
    expect(breaches).toEqual([]);
    const count = async (table: "credit_records" | "list_entries" | "subject_relations") =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as("n"))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const records = await count("credit_records");
    expect(records / 3_000).toBeGreaterThan(4);
    const negative = await db
      .selectFrom("credit_records")
      .select((eb) => eb.fn.count<string>("subject_id").distinct().as("n"))
      .where("category", "=", "NEGATIVE")
      .executeTakeFirstOrThrow();
    expect(Number(negative.n) / 3_000).toBeGreaterThan(0.03);
    expect(Number(negative.n) / 3_000).toBeLessThan(0.08);
    const lists = await db.selectFrom("list_entries").select(["list", "status"]).execute();
    const black = lists.filter((entry) => entry.list === "BLACK").length / 3_000;
    const red = lists.filter((entry) => entry.list === "RED").length / 3_000;
    expect(black).toBeGreaterThan(0.004);
    expect(black).toBeLessThan(0.02);
    expect(red).toBeGreaterThan(0.01);
    expect(red).toBeLessThan(0.035);
    expect(new Set(lists.map((entry) => entry.status))).toEqual(new Set(["ACTIVE", "EXPIRED", "REMOVED"]));
    expect(await count("subject_relations")).toBe(300);

    const second = await generateSeed(database.connection.db, { subjects: 3_000, today, rules });
    expect(second.rows).toBe(first.rows);
    expect(await count("credit_records")).toBe(records);
  });
});
