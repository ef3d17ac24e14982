import type { ColumnType } from "kysely";

/** A column the database fills in (default or serial) and the application only reads. */
export type DatabaseDefault<T> = ColumnType<T, T | undefined, never>;
/** `date` columns travel as `YYYY-MM-DD` strings on both drivers (see connect.ts). */
export type DateColumn = string;
