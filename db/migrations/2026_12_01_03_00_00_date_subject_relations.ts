import { sql, type Kysely } from "kysely";

/**
 * Relations are dated and never overwritten (PCIM art. 26 「负有责任的」): a person answers for
 * an organisation's dishonesty only if they held the role when it was recognised. `valid_from` null is
 * "held since before the project recorded dates" (rows of earlier versions); `valid_to` null is "held now",
 * exclusive otherwise. One current holding per person and role.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable("subject_relations")
    .addColumn("id", "uuid", (column) => column.notNull().defaultTo(sql`gen_random_uuid()`))
    .addColumn("valid_from", "date")
    .addColumn("valid_to", "date")
    .execute();
  await sql`alter table subject_relations drop constraint subject_relations_pk`.execute(db);
  await sql`alter table subject_relations add constraint subject_relations_pk primary key (id)`.execute(db);
  await sql`alter table subject_relations add constraint subject_relations_period check (valid_from is null or valid_to is null or valid_from <= valid_to)`.execute(
    db,
  );
  await sql`create unique index subject_relations_current_idx on subject_relations (organisation_id, person_id, relation) where valid_to is null`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from subject_relations where valid_to is not null`.execute(db);
  await sql`drop index subject_relations_current_idx`.execute(db);
  await sql`alter table subject_relations drop constraint subject_relations_period`.execute(db);
  await sql`alter table subject_relations drop constraint subject_relations_pk`.execute(db);
  await sql`alter table subject_relations add constraint subject_relations_pk primary key (organisation_id, person_id, relation)`.execute(
    db,
  );
  await db.schema
    .alterTable("subject_relations")
    .dropColumn("id")
    .dropColumn("valid_from")
    .dropColumn("valid_to")
    .execute();
}
