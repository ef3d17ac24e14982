import { sql, type Kysely } from "kysely";
import type { Connection } from "../../db/connection";
import type { SubjectsDatabase } from "./subjects.database";
import type { SubjectRelationKind, SubjectRelationRow, SubjectRow, SubjectUpdate } from "./subject.table";
import type { SubjectKind } from "../../domain/vocabulary";
import type { RegisteredSubject } from "../../domain/subject-ref";
import type { SubjectAccess, VisibleSubjectRow } from "./subject.policy";

/** Subjects the request may read (filtered in SQL), with the consent the viewer holds for each, if any. */
export async function listVisibleSubjects(
  db: Kysely<SubjectsDatabase>,
  by: "id" | "identifier",
  keys: readonly string[],
  access: SubjectAccess,
): Promise<VisibleSubjectRow[]> {
  if (keys.length === 0) return [];
  return db
    .selectFrom("subjects as subject")
    .selectAll("subject")
    .select((eb) => [
      access.consentId(eb).as("consent_id"),
      sql<boolean>`${access.publicInformation(eb)}`.as("public_information"),
    ])
    .where(`subject.${by}`, "in", keys)
    .where(access.where)
    .execute() as Promise<VisibleSubjectRow[]>;
}

/**
 * Organisations (legal persons and other organisations, never natural persons) whose name contains `name`,
 * among those the request may read; by name, at most `limit`.
 */
export async function searchVisibleOrganisations(
  db: Kysely<SubjectsDatabase>,
  name: string,
  limit: number,
  access: SubjectAccess,
): Promise<VisibleSubjectRow[]> {
  const pattern = `%${name.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return db
    .selectFrom("subjects as subject")
    .selectAll("subject")
    .select((eb) => [
      access.consentId(eb).as("consent_id"),
      sql<boolean>`${access.publicInformation(eb)}`.as("public_information"),
    ])
    .where("subject.kind", "in", ["LEGAL_PERSON", "OTHER_ORGANIZATION"])
    .where("subject.name", "ilike", pattern)
    .where(access.where)
    .orderBy("subject.name")
    .orderBy("subject.identifier")
    .limit(limit)
    .execute() as Promise<VisibleSubjectRow[]>;
}

/**
 * Registers subjects named by a submission (insert the unknown, keep the known as they are) and returns
 * every one by identifier. This is the ingestion path's one write into `subjects`: records and lists call
 * it inside their own transaction so that a submission is stored whole or not at all.
 */
export async function registerSubjects(
  connection: Connection,
  subjects: ReadonlyArray<RegisteredSubject>,
): Promise<Map<string, SubjectRow>> {
  const db: Kysely<SubjectsDatabase> = connection;
  const unique = [...new Map(subjects.map((subject) => [subject.identifier, subject])).values()];
  if (unique.length === 0) return new Map();
  for (let start = 0; start < unique.length; start += 2_000) {
    await db
      .insertInto("subjects")
      .values(
        unique.slice(start, start + 2_000).map((subject) => ({
          identifier: subject.identifier,
          name: subject.name,
          kind: subject.kind,
          sex: subject.sex,
          birth_date: subject.birthDate,
          region: subject.region,
        })),
      )
      .onConflict((conflict) => conflict.column("identifier").doNothing())
      .execute();
  }
  const rows = await listSubjectsByIdentifiers(
    db,
    unique.map((subject) => subject.identifier),
  );
  return new Map(rows.map((row) => [row.identifier, row]));
}

export async function listSubjectsByIdentifiers(
  db: Kysely<SubjectsDatabase>,
  identifiers: readonly string[],
): Promise<SubjectRow[]> {
  const rows: SubjectRow[] = [];
  for (let start = 0; start < identifiers.length; start += 5_000) {
    rows.push(
      ...(await db
        .selectFrom("subjects")
        .selectAll()
        .where("identifier", "in", identifiers.slice(start, start + 5_000))
        .execute()),
    );
  }
  return rows;
}

/** Legal representatives, principals and responsible persons of the given organisations (PCIM art. 26), past and present, with their periods. */
export async function listResponsiblePersons(connection: Connection, organisationIds: readonly string[]) {
  const db: Kysely<SubjectsDatabase> = connection;
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom("subject_relations as relation")
    .innerJoin("subjects as person", "person.id", "relation.person_id")
    .select([
      "relation.organisation_id",
      "relation.relation",
      "relation.valid_from",
      "relation.valid_to",
      "person.id as person_id",
      "person.identifier as person_identifier",
      "person.name as person_name",
    ])
    .where("relation.organisation_id", "in", organisationIds)
    .execute();
}

/** The facts JRP art. 8 publishes with a list entry: the subject, its employer's name, its legal representative's name. */
export async function findDisclosureFacts(connection: Connection, subjectId: string) {
  const db: Kysely<SubjectsDatabase> = connection;
  return db
    .selectFrom("subjects as subject")
    .leftJoin("subjects as employer", "employer.identifier", "subject.employer_identifier")
    .select([
      "subject.sex",
      "subject.birth_date",
      "subject.state_employee",
      "subject.employer_identifier",
      "subject.registered_address",
      "subject.nature",
      "subject.superior_unit",
      "employer.name as employer_name",
    ])
    .select((eb) =>
      eb
        .selectFrom("subject_relations as relation")
        .innerJoin("subjects as person", "person.id", "relation.person_id")
        .select("person.name")
        .whereRef("relation.organisation_id", "=", "subject.id")
        .where("relation.relation", "=", "LEGAL_REPRESENTATIVE")
        .where("relation.valid_to", "is", null)
        .limit(1)
        .as("legal_representative_name"),
    )
    .where("subject.id", "=", subjectId)
    .executeTakeFirstOrThrow();
}

export async function updateSubjectDetails(
  db: Kysely<SubjectsDatabase>,
  id: string,
  details: SubjectUpdate,
): Promise<void> {
  if (Object.keys(details).length === 0) return;
  await db.updateTable("subjects").set(details).where("id", "=", id).execute();
}

/** An organisation's current holdings of the given roles. */
export async function listCurrentRelations(
  db: Kysely<SubjectsDatabase>,
  organisationId: string,
  kinds: readonly SubjectRelationKind[],
) {
  if (kinds.length === 0) return [];
  return db
    .selectFrom("subject_relations")
    .select(["id", "person_id", "relation", "valid_from"])
    .where("organisation_id", "=", organisationId)
    .where("relation", "in", kinds)
    .where("valid_to", "is", null)
    .execute();
}

/**
 * Sets who holds the given roles of an organisation as of `since`: a current holding of those roles not in
 * the new set ends that day, a new one begins that day, one that stays is untouched; other roles are left
 * alone. History is never deleted (PCIM art. 26 looks at who held the role when).
 */
export async function replaceRelations(
  db: Kysely<SubjectsDatabase>,
  organisationId: string,
  kinds: readonly SubjectRelationKind[],
  relations: ReadonlyArray<{ personId: string; relation: SubjectRelationKind }>,
  since: string,
): Promise<void> {
  const current = await listCurrentRelations(db, organisationId, kinds);
  const key = (personId: string, relation: string) => `${personId}\u0000${relation}`;
  const wanted = new Set(relations.map((relation) => key(relation.personId, relation.relation)));
  const held = new Set(current.map((row) => key(row.person_id, row.relation)));
  const ended = current.filter((row) => !wanted.has(key(row.person_id, row.relation))).map((row) => row.id);
  if (ended.length > 0)
    await db.updateTable("subject_relations").set({ valid_to: since }).where("id", "in", ended).execute();
  const begun = [
    ...new Map(
      relations
        .filter((relation) => !held.has(key(relation.personId, relation.relation)))
        .map((relation) => [key(relation.personId, relation.relation), relation]),
    ).values(),
  ];
  if (begun.length === 0) return;
  await db
    .insertInto("subject_relations")
    .values(
      begun.map((relation) => ({
        organisation_id: organisationId,
        person_id: relation.personId,
        relation: relation.relation,
        valid_from: since,
      })),
    )
    .execute();
}

/** An organisation's current relations (who holds each role today). */
export async function listRelationsByOrganisationIds(
  db: Kysely<SubjectsDatabase>,
  organisationIds: readonly string[],
): Promise<SubjectRelationRow[]> {
  if (organisationIds.length === 0) return [];
  return db
    .selectFrom("subject_relations")
    .selectAll()
    .where("organisation_id", "in", organisationIds)
    .where("valid_to", "is", null)
    .orderBy("relation")
    .execute();
}

/** Which of these identifiers have a credit file (id by identifier), in one statement. */
export async function listKnownIdentifiers(
  connection: Connection,
  identifiers: readonly string[],
): Promise<Map<string, string>> {
  const db: Kysely<SubjectsDatabase> = connection;
  if (identifiers.length === 0) return new Map();
  const rows = await db
    .selectFrom("subjects")
    .select(["id", "identifier"])
    .where("identifier", "in", identifiers)
    .execute();
  return new Map(rows.map((row) => [row.identifier, row.id]));
}

/** The units' names by code (data/units.yaml). */
export async function listUnits(connection: Connection, codes: readonly string[]) {
  const db: Kysely<SubjectsDatabase> = connection;
  if (codes.length === 0) return [];
  return db.selectFrom("units").select(["code", "name"]).where("code", "in", codes).execute();
}

/**
 * The relations between persons and organisations, with the person's identifier, as a derived table for
 * another slice's one-statement read (`.as(alias)`): its columns `person_identifier`, `organisation_id`,
 * `relation`, `valid_from`, `valid_to`.
 */
export function personRelations(connection: Connection) {
  const db: Kysely<SubjectsDatabase> = connection;
  return db
    .selectFrom("subjects as person")
    .innerJoin("subject_relations as held", "held.person_id", "person.id")
    .select([
      "person.identifier as person_identifier",
      "held.organisation_id",
      "held.relation",
      "held.valid_from",
      "held.valid_to",
    ]);
}

/** Consents that were revoked, as a derived table (`id`, `revoked_at`) for the audit's abuse rules. */
export function revokedConsents(connection: Connection) {
  const db: Kysely<SubjectsDatabase> = connection;
  return db.selectFrom("consents").select(["id", "revoked_at"]).where("revoked_at", "is not", null);
}

/** The units that are registering authorities for a kind of subject (data/units.yaml). */
export async function listRegistrars(db: Kysely<SubjectsDatabase>, kind: SubjectKind): Promise<string[]> {
  const rows = await db
    .selectFrom("units")
    .select("code")
    .where(sql<boolean>`${kind} = any(registers)`)
    .execute();
  return rows.map((row) => row.code);
}
