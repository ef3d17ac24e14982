import { GraphQLScalarType, Kind } from "graphql";
import { GraphQLJSON } from "graphql-scalars";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The years a Date or DateTime argument may fall in. Credit information starts with birth dates in
 * citizen IDs (the 1900s) and runs to open-ended validity ("until 9999-12-31"); anything outside is a
 * typo that PostgreSQL would refuse (year 0) or JavaScript could not print back (year 10000 and on).
 */
export const ACCEPTED_YEARS = Object.freeze({ first: 1900, last: 9999 });

const outsideAcceptedYears = (year: number) => year < ACCEPTED_YEARS.first || year > ACCEPTED_YEARS.last;
const acceptedRange = `${ACCEPTED_YEARS.first}-01-01 to ${ACCEPTED_YEARS.last}-12-31`;

function parseIsoDate(value: unknown): string {
  if (typeof value !== "string" || !ISO_DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new TypeError(`a Date is written YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`);
  }
  if (new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
    throw new TypeError(`${value} is not a calendar date`);
  }
  return value;
}

function parseDateArgument(value: unknown): string {
  const date = parseIsoDate(value);
  if (outsideAcceptedYears(Number(date.slice(0, 4))))
    throw new TypeError(`${date} is out of range; dates from ${acceptedRange} are accepted`);
  return date;
}

/** A calendar day, `YYYY-MM-DD` (docs/api.md); travels as the same string the database returns. Arguments must lie in `ACCEPTED_YEARS`. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: "Date",
  description: "A calendar day, YYYY-MM-DD.",
  serialize: (value) => parseIsoDate(value),
  parseValue: (value) => parseDateArgument(value),
  parseLiteral: (ast) => parseDateArgument(ast.kind === Kind.STRING ? ast.value : undefined),
});

function parseDateTime(value: unknown): Date {
  const date = typeof value === "string" ? new Date(value) : undefined;
  if (!date || Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(String(value))) {
    throw new TypeError(`a DateTime is ISO 8601, e.g. 2026-01-31T08:00:00Z`);
  }
  return date;
}

function parseDateTimeArgument(value: unknown): Date {
  const date = parseDateTime(value);
  if (outsideAcceptedYears(date.getUTCFullYear()))
    throw new TypeError(`a DateTime is out of range; instants from ${acceptedRange} (UTC) are accepted`);
  return date;
}

/** An instant, ISO 8601 (docs/api.md); arguments must lie in `ACCEPTED_YEARS` (UTC). */
export const DateTimeScalar = new GraphQLScalarType<Date, string>({
  name: "DateTime",
  description: "An instant, ISO 8601 with a time zone.",
  serialize: (value) => (value instanceof Date ? value : parseDateTime(value)).toISOString(),
  parseValue: (value) => parseDateTimeArgument(value),
  parseLiteral: (ast) => parseDateTimeArgument(ast.kind === Kind.STRING ? ast.value : undefined),
});

export const JSONScalar = GraphQLJSON;
