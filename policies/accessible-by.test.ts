import { sql } from "kysely";
import type { Connection } from "../db/connection";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chinaDateOf } from "../domain/dates";
import { ROLES, type Purpose, type Role, type Viewer } from "../platform/viewer";
import {
  asCreditRecordPolicy,
  asRelatedEntryPolicy,
  recordAccessFor,
  relatedEntryAccessFor,
} from "../subgraphs/records/credit-record.policy";
import {
  asMeasureApplicationPolicy,
  measureApplicationAccessFor,
} from "../subgraphs/measures/measure-application.policy";
import { listApplicationsBySubjectIds } from "../subgraphs/measures/measure.repository";
import { publicInformation } from "../app/public-information";
import { asSubjectPolicy, subjectAccessFor } from "../subgraphs/subjects/subject.policy";
import { citizenId, daysAgo, uscc } from "../test/fixtures";
import { startTestDatabase, type TestDatabase } from "../test/harness";
import { defineAbilityFor } from "./define-ability-for";

/**
 * The SQL a policy compiles to must select exactly the rows `ability.can` allows, for every role and
 * viewer variant, on a fixture with every tier, status, expiry, provider, owner and consent state.
 */
let database: TestDatabase;
const now = new Date();
const today = chinaDateOf(now);
const SUBJECTS = [citizenId(800), citizenId(801), uscc(802)];
const PROVIDERS = ["P-ONE", "P-TWO"];
const HIDDEN_PERSON = citizenId(803);
const PUBLICATIONS = [null, "PENDING", "PUBLISHED", "REDACTED", "RETURNED"] as const;

beforeAll(async () => {
  database = await startTestDatabase();
  const db = database.connection.db;
  const subjects = await db
    .insertInto("subjects")
    .values(
      SUBJECTS.map((identifier, index) => ({
        identifier,
        name: `fixture ${index}`,
        kind: index < 2 ? ("NATURAL_PERSON" as const) : ("LEGAL_PERSON" as const),
      })),
    )
    .returning(["id", "identifier"])
    .execute();
  let document = 0;
  for (const subject of subjects) {
    for (const tier of ["PUBLIC", "GOVERNMENT", "AUTHORIZED"] as const) {
      for (const [status, expiresOn] of [
        ["ACTIVE", null],
        ["ACTIVE", daysAgo(-30)],
        ["ACTIVE", daysAgo(1)],
        ["CORRECTED", null],
        ["ARCHIVED", daysAgo(-30)],
      ] as const) {
        // Public items in every state of the publication review (policies/publication.ts).
        for (const publication of tier === "PUBLIC" ? PUBLICATIONS : [null])
          for (const provider of PROVIDERS) {
            await db
              .insertInto("credit_records")
              .values({
                subject_id: subject.id,
                subject_identifier: subject.identifier,
                category: "NEGATIVE",
                kind: "ADMINISTRATIVE_PENALTY",
                severity: "GENERAL",
                tier,
                title: "fixture",
                provider,
                document_number: `FX-${document++}`,
                decided_on: daysAgo(100),
                expires_on: expiresOn,
                status,
                publication,
              })
              .execute();
          }
      }
    }
  }
  // A person on file with no public information in force: only government-tier and expired public items.
  const hidden = await db
    .insertInto("subjects")
    .values({ identifier: HIDDEN_PERSON, name: "fixture hidden", kind: "NATURAL_PERSON" })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const [tier, expiresOn] of [
    ["GOVERNMENT", null],
    ["PUBLIC", daysAgo(1)],
  ] as const) {
    await db
      .insertInto("credit_records")
      .values({
        subject_id: hidden.id,
        subject_identifier: HIDDEN_PERSON,
        category: "NEGATIVE",
        kind: "ADMINISTRATIVE_PENALTY",
        severity: "GENERAL",
        tier,
        title: "fixture",
        provider: "P-ONE",
        document_number: `FX-${document++}`,
        decided_on: daysAgo(100),
        expires_on: expiresOn,
        status: "ACTIVE",
      })
      .execute();
  }
  // The organisation's items are entered on the first person's file, as its legal representative's (PCIM art. 26).
  const person = subjects.find((subject) => subject.identifier === SUBJECTS[0])!;
  const organisationItems = await db
    .selectFrom("credit_records")
    .select("id")
    .where("subject_identifier", "=", SUBJECTS[2]!)
    .execute();
  await db
    .insertInto("record_relations")
    .values(
      organisationItems.map((item) => ({
        record_id: item.id,
        related_subject_id: person.id,
        related_subject_identifier: person.identifier,
        relation: "LEGAL_REPRESENTATIVE" as const,
      })),
    )
    .execute();
  const consent = (
    identifier: string,
    grantee: string,
    purpose: Purpose,
    validUntil: Date,
    revoked = false,
  ) => ({
    subject_id: subjects.find((subject) => subject.identifier === identifier)!.id,
    subject_identifier: identifier,
    grantee,
    purpose,
    valid_from: new Date(now.getTime() - 86_400_000),
    valid_until: validUntil,
    evidence_hash: null,
    revoked_at: revoked ? new Date(now.getTime() - 1_000) : null,
  });
  await db
    .insertInto("consents")
    .values([
      consent(SUBJECTS[0]!, "BANK", "CREDIT_LENDING", new Date(now.getTime() + 86_400_000)),
      consent(SUBJECTS[1]!, "BANK", "CREDIT_LENDING", new Date(now.getTime() + 86_400_000), true),
      consent(SUBJECTS[2]!, "BANK", "BUSINESS_COOPERATION", new Date(now.getTime() + 86_400_000)),
      consent(SUBJECTS[1]!, "GOV", "ADMINISTRATIVE_LICENSING", new Date(now.getTime() + 86_400_000)),
    ])
    .execute();
  // Measures applied on list entries (触发反馈): the unit whose entry a measure rested on reads the application.
  const entry = (
    identifier: string,
    unit: string,
    grounds: string,
    status: "ACTIVE" | "REMOVED" = "ACTIVE",
    statusChangedOn: string | null = null,
  ) => ({
    subject_id: subjects.find((subject) => subject.identifier === identifier)!.id,
    subject_identifier: identifier,
    subject_name: "fixture",
    subject_kind: identifier === SUBJECTS[2] ? ("LEGAL_PERSON" as const) : ("NATURAL_PERSON" as const),
    list: "BLACK" as const,
    status,
    grounds,
    facts: "fixture",
    basis: "fixture",
    document_number: `FX-${document++}`,
    recognized_by: unit,
    recognized_on: daysAgo(100),
    valid_until: daysAgo(-600),
    status_changed_on: statusChangedOn,
  });
  await db
    .insertInto("list_entries")
    .values([
      entry(SUBJECTS[2]!, "P-ONE", "B07_REFUSE_JUDGEMENT"),
      entry(SUBJECTS[2]!, "P-TWO", "B10_NONCOMPLIANT_DESIGN"),
      entry(SUBJECTS[0]!, "P-TWO", "B07_REFUSE_JUDGEMENT"),
      entry(SUBJECTS[1]!, "P-ONE", "B07_REFUSE_JUDGEMENT", "REMOVED", daysAgo(50)),
    ])
    .execute();
  const application = (identifier: string, measureCode: string, reportedBy: string, appliedOn: string) => ({
    measure_code: measureCode,
    subject_id: subjects.find((subject) => subject.identifier === identifier)!.id,
    subject_identifier: identifier,
    reported_by: reportedBy,
    case_number: `C-${document++}`,
    outcome: "fixture",
    applied_on: appliedOn,
  });
  await db
    .insertInto("measure_applications")
    .values([
      application(SUBJECTS[2]!, "P05", "BANK", daysAgo(10)),
      application(SUBJECTS[2]!, "P10", "GOV", daysAgo(10)),
      application(SUBJECTS[0]!, "P05", "GOV", daysAgo(10)),
      application(SUBJECTS[1]!, "P05", "BANK", daysAgo(10)),
      application(SUBJECTS[1]!, "P05", "GOV", daysAgo(60)),
      application(SUBJECTS[1]!, "P05", "GOV", daysAgo(200)),
    ])
    .execute();
});
afterAll(async () => database?.stop());

const VIEWERS: Viewer[] = ROLES.flatMap((role: Role) => {
  const base = { role, actor: "tester", org: null, subject: null, purpose: null } as Viewer;
  return [
    base,
    { ...base, org: "BANK", purpose: "CREDIT_LENDING" },
    { ...base, org: "BANK", purpose: "BUSINESS_COOPERATION" },
    { ...base, org: "GOV", purpose: "ADMINISTRATIVE_LICENSING" },
    { ...base, org: "GOV", purpose: "CREDIT_LENDING" },
    { ...base, org: "P-ONE" },
    { ...base, subject: SUBJECTS[0]! },
    { ...base, subject: SUBJECTS[2]! },
  ];
});

describe("accessibleBy: SQL filter = ability.can, every role and viewer", () => {
  it.each(
    VIEWERS.map(
      (viewer) =>
        [
          `${viewer.role} org=${viewer.org} purpose=${viewer.purpose} subject=${viewer.subject}`,
          viewer,
        ] as const,
    ),
  )("CreditRecord: %s", async (_label, viewer) => {
    const scope = { viewer, ability: defineAbilityFor(viewer), now, today };
    const access = recordAccessFor(scope);
    const db = database.connection.db;
    const everything = await db
      .selectFrom("credit_records as record")
      .selectAll("record")
      .select((eb) => access.consentId(eb).as("consent_id"))
      .execute();
    const allowedInMemory = everything
      .filter((row) => scope.ability.can("read", asCreditRecordPolicy(row as never, today)))
      .map((row) => row.id)
      .sort();
    const allowedBySql = (
      await db.selectFrom("credit_records as record").select("record.id").where(access.where).execute()
    )
      .map((row) => row.id)
      .sort();
    expect(allowedBySql).toEqual(allowedInMemory);
  });

  it.each(
    VIEWERS.map(
      (viewer) =>
        [
          `${viewer.role} org=${viewer.org} purpose=${viewer.purpose} subject=${viewer.subject}`,
          viewer,
        ] as const,
    ),
  )("Subject: %s", async (_label, viewer) => {
    const scope = { viewer, ability: defineAbilityFor(viewer), now, today };
    const access = subjectAccessFor(scope, publicInformation);
    const db = database.connection.db;
    const everything = await db
      .selectFrom("subjects as subject")
      .selectAll("subject")
      .select((eb) => [
        access.consentId(eb).as("consent_id"),
        sql<boolean>`${access.publicInformation(eb)}`.as("public_information"),
      ])
      .execute();
    if (viewer.role === "PUBLIC")
      expect(everything.find((row) => row.identifier === HIDDEN_PERSON)!.public_information).toBe(false);
    const allowedInMemory = everything
      .filter((row) => scope.ability.can("read", asSubjectPolicy(row as never)))
      .map((row) => row.id)
      .sort();
    const allowedBySql = (
      await db.selectFrom("subjects as subject").select("subject.id").where(access.where).execute()
    )
      .map((row) => row.id)
      .sort();
    expect(allowedBySql).toEqual(allowedInMemory);
  });

  it("shows the public a person only with public information in force, an organisation always", async () => {
    const viewer: Viewer = { role: "PUBLIC", actor: null, org: null, subject: null, purpose: null };
    const access = subjectAccessFor(
      { viewer, ability: defineAbilityFor(viewer), now, today },
      publicInformation,
    );
    const rows = await database.connection.db
      .selectFrom("subjects as subject")
      .select("subject.identifier")
      .where(access.where)
      .execute();
    expect(rows.map((row) => row.identifier).sort()).toEqual([SUBJECTS[0], SUBJECTS[1], SUBJECTS[2]].sort());
  });

  it.each(
    VIEWERS.map(
      (viewer) =>
        [
          `${viewer.role} org=${viewer.org} purpose=${viewer.purpose} subject=${viewer.subject}`,
          viewer,
        ] as const,
    ),
  )("RelatedEntry: %s", async (_label, viewer) => {
    const scope = { viewer, ability: defineAbilityFor(viewer), now, today };
    const access = relatedEntryAccessFor(scope);
    const entries = () =>
      database.connection.db
        .selectFrom("record_relations as relation")
        .innerJoin("credit_records as record", "record.id", "relation.record_id");
    const everything = await entries()
      .selectAll("record")
      .select("relation.related_subject_identifier")
      .select((eb) => access.consentId(eb).as("consent_id"))
      .execute();
    const allowedInMemory = everything
      .filter((row) => scope.ability.can("read", asRelatedEntryPolicy(row as never, today)))
      .map((row) => row.id)
      .sort();
    const allowedBySql = (await entries().select("record.id").where(access.where).execute())
      .map((row) => row.id)
      .sort();
    expect(allowedBySql).toEqual(allowedInMemory);
  });

  it("opens an organisation's authorized items on a person's file with the organisation's consent, not the person's", async () => {
    const authorizedEntriesFor = async (purpose: Purpose) => {
      const viewer: Viewer = { role: "ORGANIZATION", actor: "bank", org: "BANK", subject: null, purpose };
      const access = relatedEntryAccessFor({ viewer, ability: defineAbilityFor(viewer), now, today });
      const rows = await database.connection.db
        .selectFrom("record_relations as relation")
        .innerJoin("credit_records as record", "record.id", "relation.record_id")
        .select("record.id")
        .where("record.tier", "=", "AUTHORIZED")
        .where(access.where)
        .execute();
      return rows.length;
    };
    // The fixture's BANK holds the person's consent for CREDIT_LENDING and the organisation's for BUSINESS_COOPERATION.
    expect(await authorizedEntriesFor("CREDIT_LENDING")).toBe(0);
    expect(await authorizedEntriesFor("BUSINESS_COOPERATION")).toBe(2 * PROVIDERS.length);
  });

  it.each(
    VIEWERS.map(
      (viewer) =>
        [
          `${viewer.role} org=${viewer.org} purpose=${viewer.purpose} subject=${viewer.subject}`,
          viewer,
        ] as const,
    ),
  )("MeasureApplication: %s", async (_label, viewer) => {
    const scope = { viewer, ability: defineAbilityFor(viewer), now, today };
    const db: Connection = database.connection.db;
    const subjectIds = (await db.selectFrom("subjects").select("id").execute()).map((row) => row.id);
    const everything = await listApplicationsBySubjectIds(db, subjectIds, () => sql<boolean>`true`);
    const allowedInMemory = everything
      .filter((row) => scope.ability.can("read", asMeasureApplicationPolicy(row)))
      .map((row) => row.id)
      .sort();
    const allowedBySql = (
      await listApplicationsBySubjectIds(db, subjectIds, measureApplicationAccessFor(scope))
    )
      .map((row) => row.id)
      .sort();
    expect(allowedBySql).toEqual(allowedInMemory);
  });

  it("gives a unit the applications that rested on its entries: its list and grounds, in force that day", async () => {
    const db: Connection = database.connection.db;
    const subjectIds = (await db.selectFrom("subjects").select("id").execute()).map((row) => row.id);
    const everything = await listApplicationsBySubjectIds(db, subjectIds, () => sql<boolean>`true`);
    const units = Object.fromEntries(
      everything.map((row) => [
        `${row.subject_identifier} ${row.measure_code} ${row.applied_on}`,
        [...row.entry_recognized_by].sort(),
      ]),
    );
    // P10 acts only on B07 entries; an entry off the list, or not yet on it, bears nothing applied then.
    expect(units).toEqual({
      [`${SUBJECTS[2]} P05 ${daysAgo(10)}`]: ["P-ONE", "P-TWO"],
      [`${SUBJECTS[2]} P10 ${daysAgo(10)}`]: ["P-ONE"],
      [`${SUBJECTS[0]} P05 ${daysAgo(10)}`]: ["P-TWO"],
      [`${SUBJECTS[1]} P05 ${daysAgo(10)}`]: [],
      [`${SUBJECTS[1]} P05 ${daysAgo(60)}`]: ["P-ONE"],
      [`${SUBJECTS[1]} P05 ${daysAgo(200)}`]: [],
    });
    const viewer: Viewer = { role: "PROVIDER", actor: "unit", org: "P-ONE", subject: null, purpose: null };
    const readable = await listApplicationsBySubjectIds(
      db,
      subjectIds,
      measureApplicationAccessFor({ viewer, ability: defineAbilityFor(viewer), now, today }),
    );
    expect(readable).toHaveLength(3);
  });

  it("matches nothing when no rule applies", async () => {
    const viewer: Viewer = { role: "AUDITOR", actor: "a", org: null, subject: null, purpose: null };
    const access = recordAccessFor({ viewer, ability: defineAbilityFor(viewer), now, today });
    const rows = await database.connection.db
      .selectFrom("credit_records as record")
      .select("record.id")
      .where(access.where)
      .execute();
    expect(rows).toEqual([]);
  });
});
