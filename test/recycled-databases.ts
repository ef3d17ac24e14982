import type { PGlite } from "@electric-sql/pglite";
import { connectOpenPglite, type DatabaseConnection } from "../db/connect";
import { openPglite, readPgliteTemplate } from "../db/pglite";

/**
 * Everything a suite could change in a database besides its rows: tables, columns and their defaults,
 * constraints, indexes, views, functions, triggers and whether they fire, grants, row security, schemas,
 * extensions, roles and databases. A database handed back with another answer than the template's is closed.
 */
const SCHEMA_FINGERPRINT = `
  select md5(string_agg(item, E'\\n' order by item)) as fingerprint from (
    select 'class ' || n.nspname || '.' || c.relname || ' ' || c.relkind::text || ' ' || coalesce(c.relacl::text, '') || ' ' || c.relrowsecurity as item
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_to%' and n.nspname not like 'pg\\_temp%'
    union all select 'column ' || c.relname || '.' || a.attname || ' ' || a.atttypid || ' ' || a.attnotnull || ' ' || coalesce(pg_get_expr(d.adbin, d.adrelid), '')
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
      left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped
    union all select 'constraint ' || conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) from pg_constraint where connamespace = 'public'::regnamespace
    union all select 'index ' || indexdef from pg_indexes where schemaname = 'public'
    union all select 'view ' || viewname || ' ' || md5(definition) from pg_views where schemaname = 'public'
    union all select 'function ' || p.oid::regprocedure || ' ' || md5(p.prosrc) || ' ' || coalesce(p.proconfig::text, '') || ' ' || coalesce(p.proacl::text, '')
      from pg_proc p join pg_namespace n on n.oid = p.pronamespace where n.nspname not in ('pg_catalog', 'information_schema')
    union all select 'trigger ' || tgrelid::regclass || ' ' || tgname || ' ' || tgenabled::text || ' ' || pg_get_triggerdef(oid) from pg_trigger where not tgisinternal
    union all select 'policy ' || polrelid::regclass || ' ' || polname from pg_policy
    union all select 'rule ' || ev_class::regclass || ' ' || rulename || ' ' || ev_enabled::text from pg_rewrite where ev_class::regclass::text not like 'pg\\_%'
    union all select 'schema ' || nspname || ' ' || coalesce(nspacl::text, '') from pg_namespace
    union all select 'extension ' || extname || ' ' || extversion from pg_extension
    union all select 'role ' || rolname || ' ' || rolsuper || ' ' || rolcanlogin from pg_roles
    union all select 'database ' || datname || ' ' || datallowconn from pg_database
    union all select 'sequence ' || schemaname || '.' || sequencename from pg_sequences
  ) as items`;

/** What a database fresh from the template holds: its schema's fingerprint and each table's rows (JSON, or null). */
type Baseline = Readonly<{ template: Blob; fingerprint: string; tables: ReadonlyArray<Readonly<{ name: string; rows: string | null }>> }>;

async function describeBaseline(client: PGlite, template: Blob): Promise<Baseline> {
  const names = await client.query<{ name: string }>(`select quote_ident(tablename) as name from pg_tables where schemaname = 'public' order by tablename`);
  const tables = [];
  for (const { name } of names.rows) {
    const rows = await client.query<{ rows: string | null }>(`select json_agg(t)::text as rows from ${name} t`);
    tables.push({ name, rows: rows.rows[0]!.rows });
  }
  return { template, fingerprint: await fingerprintOf(client), tables };
}

async function fingerprintOf(client: PGlite): Promise<string> {
  return (await client.query<{ fingerprint: string }>(SCHEMA_FINGERPRINT)).rows[0]!.fingerprint;
}

/**
 * Puts a database back to the template: the suite's open transaction rolled back and its session state
 * (settings, prepared statements, temporary tables, locks, listeners) discarded; every table emptied — the
 * audit's append-only triggers held off for this one transaction — and the template's rows put back,
 * sequences restarted. Throws when the schema is no longer the template's.
 */
async function resetToTemplate(client: PGlite, baseline: Baseline): Promise<void> {
  await client.query("rollback");
  await client.query("discard all");
  await client.transaction(async (transaction) => {
    await transaction.query("set local session_replication_role = replica");
    await transaction.query(`truncate ${baseline.tables.map((table) => table.name).join(", ")} restart identity cascade`);
    for (const table of baseline.tables) {
      if (table.rows !== null) await transaction.query(`insert into ${table.name} overriding system value select * from json_populate_recordset(null::${table.name}, $1::json)`, [table.rows]);
    }
  });
  if ((await fingerprintOf(client)) !== baseline.fingerprint) throw new Error("the database's schema is no longer the template's");
}

/** Databases handed back and put back to the template, ready for the next suite of this worker. */
const ready: PGlite[] = [];
/** Beyond these, a handed-back database is closed (each holds ~100 MB). */
const KEPT_READY = 2;
let baseline: Baseline | undefined;

/**
 * A fresh embedded database from the migrated template, as `connect` opens one for `memory://`, for a suite of
 * the tests. Opening one costs ~0.7 s of CPU (PGlite loading the 40 MB template and starting PostgreSQL), putting
 * one back to the template a few tens of milliseconds: so a worker keeps the databases its suites closed and
 * hands them, emptied, to the next (a late statement of the suite before is refused, as by a closed database).
 * Null when no template was built (then `connect` migrates a new one).
 */
export async function takeTestPglite(): Promise<DatabaseConnection | null> {
  const template = await readPgliteTemplate();
  if (!template) return null;
  if (baseline?.template !== template) {
    for (const stale of ready.splice(0)) await stale.close();
    const client = await openPglite("memory://", template);
    baseline = await describeBaseline(client, template);
    return connectOpenPglite(client, handBack);
  }
  const client = ready.pop() ?? (await openPglite("memory://", template));
  return connectOpenPglite(client, handBack);
}

async function handBack(client: PGlite): Promise<void> {
  const current = baseline;
  try {
    if (!current || client.closed) throw new Error("nothing to put it back to");
    await resetToTemplate(client, current);
    if (ready.length >= KEPT_READY || baseline !== current) throw new Error("enough databases are kept");
    ready.push(client);
  } catch {
    if (!client.closed) await client.close();
  }
}
