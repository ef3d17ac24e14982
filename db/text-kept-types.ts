/**
 * `date` and `bigint` come back as the database wrote them (`YYYY-MM-DD`, a decimal string) from both
 * PostgreSQL and PGlite: a date has no time zone to be shifted by, and a bigint may not fit a number.
 */
export const DATE_OID = 1082;
export const INT8_OID = 20;
export const keepText = (value: string) => value;
