import type { Kysely } from "kysely";

/**
 * The one connection (or a transaction on it) as the code between slices holds and passes it: the request
 * context, loaders' factories, services, registries' signatures. It names no table itself: SQL is built only by
 * repositories, policies and registries' predicates, each typed with its own slice's database, where naming
 * another slice's table does not compile. Kysely's handle is invariant in its database type (a
 * `Kysely<Database>` is no `Kysely<RecordsDatabase>`), so the handle between slices carries none.
 */
export type Connection = Kysely<any>;
