import { readdir } from "node:fs/promises";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Migrator, type Kysely, type Migration, type MigrationProvider } from "kysely";
import { PACKAGE_ROOT, RUNNING_COMPILED } from "../platform/package-root";
import type { Database } from "./database";

/** The TypeScript sources, or the one-file-per-migration bundles `npm run build` writes beside the others. */
const MIGRATIONS_FOLDER = RUNNING_COMPILED
  ? path.join(PACKAGE_ROOT, "dist", "migrations")
  : path.join(PACKAGE_ROOT, "db", "migrations");

export class MigrationError extends Error {
  override readonly name = "MigrationError";
}

/**
 * Kysely's FileMigrationProvider, but importing from this module so that whichever loader runs the
 * application (tsx, vitest) also compiles the TypeScript migrations.
 */
const folderMigrationProvider: MigrationProvider = {
  async getMigrations() {
    const migrations: Record<string, Migration> = {};
    for (const file of (await readdir(MIGRATIONS_FOLDER)).sort()) {
      const match = /^(\d{4}_\d{2}_\d{2}_\d{2}_\d{2}_\d{2}_[a-z0-9_]+)\.(ts|js)$/.exec(file);
      if (!match?.[1]) continue;
      const url = pathToFileURL(path.join(MIGRATIONS_FOLDER, file)).href;
      migrations[match[1]] = (await import(/* @vite-ignore */ url)) as Migration;
    }
    return migrations;
  },
};

/** Brings the schema up to the newest migration in `db/migrations/`; the same files run on both databases. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: folderMigrationProvider });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((result) => result.status === "Error");
  if (error || failed) {
    throw new MigrationError(`migration ${failed?.migrationName ?? "(setup)"} failed: ${String(error)}`, {
      cause: error,
    });
  }
  return results.filter((result) => result.status === "Success").map((result) => result.migrationName);
}

/** Brings the schema up to (and including) migration `name` only: for tests of a migration over data written before it. */
export async function migrateUpTo(db: Kysely<Database>, name: string): Promise<void> {
  const migrator = new Migrator({ db, provider: folderMigrationProvider });
  const { error, results = [] } = await migrator.migrateTo(name);
  const failed = results.find((result) => result.status === "Error");
  if (error || failed)
    throw new MigrationError(`migration ${failed?.migrationName ?? "(setup)"} failed: ${String(error)}`, {
      cause: error,
    });
}
