import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDateOf } from "../../domain/dates";
import { defineAbilityFor } from "../../policies/define-ability-for";
import { ROLES, type Role, type Viewer } from "../../platform/viewer";
import { citizenId } from "../../test/fixtures";
import { startTestDatabase, type TestDatabase } from "../../test/harness";
import { asObjectionPolicy, objectionAccessFor } from "./objection.policy";
import { ObjectionState } from "./objection.type";

/**
 * The SQL the Objection policy compiles to selects exactly the objections `ability.can` allows, for every
 * role and viewer variant, over every state, two subjects, two providers, with and without an appeal in
 * the history (the credit authority's condition).
 */
let database: TestDatabase;
const now = new Date();
const today = chinaDateOf(now);
const SUBJECTS = [citizenId(850), citizenId(851)];
const PROVIDERS = ["P-ONE", "P-TWO"];

beforeAll(async () => {
  database = await startTestDatabase();
  const db = database.connection.db;
  const subjects = await db
    .insertInto("subjects")
    .values(
      SUBJECTS.map((identifier, index) => ({
        identifier,
        name: `fixture ${index}`,
        kind: "NATURAL_PERSON" as const,
      })),
    )
    .returning(["id", "identifier"])
    .execute();
  for (const subject of subjects) {
    for (const provider of PROVIDERS) {
      for (const state of Object.keys(ObjectionState)) {
        for (const appealed of [false, true]) {
          const row = await db
            .insertInto("objections")
            .values({
              subject_id: subject.id,
              subject_identifier: subject.identifier,
              target_id: crypto.randomUUID(),
              target_type: "CREDIT_RECORD",
              provider,
              ground: "WRONG_OR_INCOMPLETE",
              statement: "fixture",
              evidence: null,
              state,
              filed_on: "2026-11-02",
              state_changed_on: "2026-11-02",
              due_on: null,
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await db
            .insertInto("workflow_events")
            .values({
              workflow: "OBJECTION",
              case_id: row.id,
              from_state: null,
              to_state: "SUBMITTED",
              actor: "s",
              role: "SUBJECT",
              note: null,
              at: now,
            })
            .execute();
          if (appealed)
            await db
              .insertInto("workflow_events")
              .values({
                workflow: "OBJECTION",
                case_id: row.id,
                from_state: "UPHELD",
                to_state: "APPEALED",
                actor: "s",
                role: "SUBJECT",
                note: null,
                at: now,
              })
              .execute();
        }
      }
    }
  }
});
afterAll(async () => database?.stop());

const VIEWERS: Viewer[] = ROLES.flatMap((role: Role) => {
  const base = { role, actor: "tester", org: null, subject: null, purpose: null } as Viewer;
  return [
    base,
    { ...base, org: "P-ONE" },
    { ...base, org: "GOV", purpose: "SUPERVISION" },
    { ...base, subject: SUBJECTS[0]! },
  ];
});

describe("Objection: SQL filter = ability.can, every role and viewer", () => {
  it.each(
    VIEWERS.map((viewer) => [`${viewer.role} org=${viewer.org} subject=${viewer.subject}`, viewer] as const),
  )("%s", async (_label, viewer) => {
    const scope = { viewer, ability: defineAbilityFor(viewer), now, today };
    const db = database.connection.db;
    const everything = await db.selectFrom("objections").selectAll().execute();
    const steps = await db.selectFrom("workflow_events").select(["case_id", "to_state"]).execute();
    const historyOf = (id: string) =>
      steps.filter((step) => step.case_id === id).map((step) => ({ to: step.to_state }));
    const allowedInMemory = everything
      .filter((row) => scope.ability.can("read", asObjectionPolicy(row, historyOf(row.id))))
      .map((row) => row.id)
      .sort();
    const allowedBySql = (
      await db.selectFrom("objections").select("id").where(objectionAccessFor(scope)).execute()
    )
      .map((row) => row.id)
      .sort();
    expect(allowedBySql).toEqual(allowedInMemory);
    if (viewer.role === "CREDIT_AUTHORITY") expect(allowedBySql).toHaveLength(everything.length / 2);
  });
});
