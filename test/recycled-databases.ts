import { stat } from "node:fs/promises";
import type { PGlite } from "@electric-sql/pglite";
import { Kysely } from "kysely";
import { connectOpenPglite, type DatabaseConnection } from "../db/connect";
import type { Database } from "../db/database";
import { migrateToLatest } from "../db/migrate";
import { openPglite, PGLITE_TEMPLATE_FILE, pgliteDialect, readPgliteTemplate } from "../db/pglite";
import { loadReferenceData } from "../db/seed/reference-data";

/**
 * Everything a suite could change in a database besides its rows: tables and their storage options, columns
 * with their types, lengths and defaults, constraints, indexes, views, functions, triggers (the foreign keys'
 * own too) and whether they fire, grants and default grants, row security, rules, schemas, extensions, roles,
 * databases and their settings, sequences and their options, comments, extended statistics, large objects, and
 * whether the planner has statistics (ANALYZE) on any table. A database handed back with another answer than
 * the baseline's is closed.
 */
const SCHEMA_FINGERPRINT = `
  select md5(string_agg(item, E'\\n' order by item)) as fingerprint from (
    select 'class ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') || ' ' || c.relrowsecurity || ' ' || coalesce(c.reloptions::text, '') as item
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_to%' and n.nspname not like 'pg\\_temp%'
    union all select 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped
    union all select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
    union all select 'index ' || indexdef from pg_indexes where schemaname = 'public'
    union all select 'view ' || viewname || ' ' || md5(definition) from pg_views where schemaname = 'public'
    union all select 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) || ' ' || coalesce(p.proconfig::text, '') || ' ' || coalesce(p.proacl::text, '')
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')
    union all select 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text || ' ' || pg_get_triggerdef(oid) from pg_trigger
    union all select 'policy ' || polrelid::regclass || ' ' || polname from pg_policy
    union all select 'rule ' || ev_class::regclass || ' ' || rulename || ' ' || ev_enabled::text from pg_rewrite where ev_class::regclass::text not like 'pg\\_%'
    union all select 'schema ' || nspname || ' ' || coalesce(nspacl::text, '') from pg_namespace
    union all select 'extension ' || extname || ' ' || extversion from pg_extension
    union all select 'role ' || rolname || ' ' || rolsuper || ' ' || rolcanlogin from pg_roles
    union all select 'database ' || datname || ' ' || datallowconn from pg_database
    union all select 'sequence ' || schemaname || '.' || sequencename || ' ' || start_value || ' ' || min_value || ' ' || max_value || ' ' || increment_by || ' ' || cycle || ' ' || cache_size from pg_sequences
    union all select 'database setting ' || setdatabase || ' ' || setrole || ' ' || setconfig::text from pg_db_role_setting
    union all select 'default grant ' || defaclrole || ' ' || defaclnamespace || ' ' || defaclobjtype::text || ' ' || defaclacl::text from pg_default_acl
    union all select 'comment ' || classoid::regclass || ' ' || objoid || ' ' || objsubid || ' ' || md5(description) from pg_description where objoid >= 16384
    union all select 'extended statistics ' || stxname from pg_statistic_ext
    union all select 'large objects ' || count(*) from pg_largeobject_metadata
    union all select 'planner statistics ' || count(*) from pg_statistic where starelid >= 16384
  ) as items`;

/**
 * What a suite's database holds before the suite: its schema's fingerprint, each table's rows (JSON, or null
 * when empty), each sequence's last value (null when never used), and the one statement that names the tables no
 * longer so.
 */
type Baseline = Readonly<{
  fingerprint: string;
  tables: ReadonlyArray<Readonly<{ name: string; rows: string | null }>>;
  sequences: ReadonlyArray<Readonly<{ name: string; lastValue: string | null }>>;
  changedTables: string;
}>;

async function describeBaseline(client: PGlite): Promise<Baseline> {
  const names = await client.query<{ name: string }>(
    `select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const tables = [];
  for (const { name } of names.rows) {
    const rows = await client.query<{ rows: string | null }>(
      `select json_agg(t)::text as rows from ${name} t`,
    );
    tables.push({ name, rows: rows.rows[0]!.rows });
  }
  const sequences = await client.query<{ name: string; lastValue: string | null }>(
    `select format('%I.%I', schemaname, sequencename) as name, last_value::text as "lastValue" from pg_sequences`,
  );
  // An empty table changed if it holds a row; a table with rows if they are not the same rows.
  const changedTables = tables
    .map(({ name, rows }, index) =>
      rows === null
        ? `select ${index} as changed where exists (select from ${name})`
        : `select ${index} where (select json_agg(t)::text from ${name} t) is distinct from ${quoteLiteral(rows)}`,
    )
    .join(" union all ");
  return { fingerprint: await fingerprintOf(client), tables, sequences: sequences.rows, changedTables };
}

function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

async function fingerprintOf(client: PGlite): Promise<string> {
  return (await client.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT)).rows[0]!.fingerprint;
}

/**
 * Puts a database back to the baseline: the suite's open transaction rolled back and its session state
 * (settings, prepared statements, temporary tables, locks, listeners) discarded; every table whose rows changed
 * emptied — the audit's append-only triggers held off for this one transaction — and its baseline rows put
 * back (with any table the emptying cascaded to), every sequence set back to where the baseline left it. Throws
 * when the schema is no longer the baseline's.
 */
async function resetToBaseline(client: PGlite, baseline: Baseline): Promise<void> {
  await client.query("rollback");
  await client.query("discard all");
  await client.transaction(async (transaction) => {
    await transaction.query("set local session_replication_role = replica");
    const changed = (await transaction.query<{ changed: number }>(baseline.changedTables)).rows.map(
      (row) => baseline.tables[row.changed]!,
    );
    if (changed.length > 0)
      await transaction.query(`truncate ${changed.map((table) => table.name).join(", ")} cascade`);
    for (const table of baseline.tables) {
      if (table.rows === null) continue;
      const empty = (
        await transaction.query<{ empty: boolean }>(`select not exists (select from ${table.name}) as empty`)
      ).rows[0]!.empty;
      if (empty)
        await transaction.query(
          `insert into ${table.name} overriding system value select * from json_populate_recordset(null::${table.name}, $1::json)`,
          [table.rows],
        );
    }
    for (const { name, lastValue } of baseline.sequences) {
      if (lastValue === null) await transaction.query(`alter sequence ${name} restart`);
      else await transaction.query(`select setval($1, $2::bigint, true)`, [name, lastValue]);
    }
  });
  if ((await fingerprintOf(client)) !== baseline.fingerprint)
    throw new Error("the database's schema is no longer the baseline's");
}

/** A database opened from the template made what `startTestDatabase` makes: migrated, the reference catalogues loaded. */
async function openMigrated(template: Blob): Promise<PGlite> {
  const client = await openPglite("memory://", template);
  const db = new Kysely<Database>({ dialect: pgliteDialect(client) });
  await migrateToLatest(db);
  await loadReferenceData(db);
  return client;
}

/** Databases handed back and put back to the baseline, ready for the next suite of this worker. */
const ready: PGlite[] = [];
/** Beyond these, a handed-back database is closed (each holds ~100 MB). */
const KEPT_READY = 2;
/** The baseline of the template build it was described from (a rebuilt template starts a new one). */
let baseline: { templateVersion: string; described: Promise<Baseline> } | undefined;

/**
 * A fresh embedded database for a suite of the tests, as `startTestDatabase` makes one: opened from the migrated
 * template, migrated, the reference catalogues loaded. Making one costs ~0.8 s of CPU (PGlite loading the 40 MB
 * template and starting PostgreSQL, then the migration check and the catalogues), putting one back a few tens of
 * milliseconds: so a worker keeps the databases its suites closed and hands them, put back, to the next (a late
 * statement of the suite before is refused, as by a closed database). Null when no template was built (then
 * `connect` migrates a new one).
 */
export async function takeTestPglite(): Promise<DatabaseConnection | null> {
  const template = await readPgliteTemplate();
  const built = await stat(PGLITE_TEMPLATE_FILE).catch(() => undefined);
  if (!template || !built) return null;
  const templateVersion = `${built.mtimeMs}:${built.size}`;
  if (baseline?.templateVersion !== templateVersion) {
    for (const stale of ready.splice(0)) await stale.close();
    const described = openMigrated(template).then(async (client) => {
      const description = await describeBaseline(client);
      ready.push(client);
      return description;
    });
    baseline = { templateVersion, described };
    described.catch(() => {
      if (baseline?.described === described) baseline = undefined;
    });
  }
  const current = baseline;
  await current.described;
  const client = ready.pop() ?? (await openMigrated(template));
  return connectOpenPglite(client, (handed) => handBack(handed, current));
}

async function handBack(client: PGlite, describedFor: NonNullable<typeof baseline>): Promise<void> {
  try {
    if (client.closed) return;
    await resetToBaseline(client, await describedFor.described);
    if (ready.length >= KEPT_READY || baseline !== describedFor) throw new Error("not kept");
    ready.push(client);
  } catch {
    if (!client.closed) await client.close();
  }
}
