import "reflect-metadata";
import fc from "fast-check";
import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { CreditError } from "../../platform/errors";
import { decodeCursor, encodeCursor, type CursorPart } from "./pagination";
import { DateScalar, DateTimeScalar } from "./scalars";

/** Property tests for what every caller can send: dates, instants and cursors. */
describe("Date and DateTime scalars", () => {
  it.each([
    "0000-01-01T00:00:00Z",
    "1899-12-31T23:59:59Z",
    "9999-12-31T23:00:00-08:00",
    "+010000-01-01T00:00:00Z",
  ])("refuse the instant %s as an argument, outside 1900-9999 (UTC)", (text) => {
    expect(() => DateTimeScalar.parseValue(text)).toThrow(/out of range|ISO 8601/);
    expect(() => DateTimeScalar.parseLiteral({ kind: Kind.STRING, value: text })).toThrow(
      /out of range|ISO 8601/,
    );
  });

  it("still print dates and instants outside the accepted arguments (they bound what callers send, not what is stored)", () => {
    expect(DateScalar.serialize("1899-12-31")).toBe("1899-12-31");
    expect(DateTimeScalar.serialize(new Date("1899-12-31T00:00:00Z"))).toBe("1899-12-31T00:00:00.000Z");
    expect(() => DateScalar.parseValue("1899-12-31")).toThrow(/out of range/);
  });

  it("accept exactly the calendar days written YYYY-MM-DD, and nothing else, with a TypeError that says the format", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 12 }),
          fc
            .tuple(
              fc.integer({ min: 0, max: 9999 }),
              fc.integer({ min: 0, max: 13 }),
              fc.integer({ min: 0, max: 32 }),
            )
            .map(
              ([y, m, d]) =>
                `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`,
            ),
        ),
        (text) => {
          const valid =
            /^\d{4}-\d{2}-\d{2}$/.test(text) &&
            !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) &&
            new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
          if (valid && Number(text.slice(0, 4)) >= 1900) {
            expect(DateScalar.parseValue(text)).toBe(text);
            expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: text })).toBe(text);
          } else if (valid) {
            expect(() => DateScalar.parseValue(text)).toThrow(
              /out of range; dates from 1900-01-01 to 9999-12-31/,
            );
          } else {
            expect(() => DateScalar.parseValue(text)).toThrow(/YYYY-MM-DD|not a calendar date/);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it("refuse non-strings of every kind", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object()),
        (value) => {
          expect(() => DateScalar.parseValue(value)).toThrow(TypeError);
          expect(() => DateTimeScalar.parseValue(value)).toThrow(TypeError);
        },
      ),
    );
  });

  it("round-trip every instant, and refuse strings that are not ISO 8601 date-times", () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date("1900-01-01"),
          max: new Date("9999-12-31T23:59:59.999Z"),
          noInvalidDate: true,
        }),
        (instant) => {
          expect(DateTimeScalar.serialize(DateTimeScalar.parseValue(instant.toISOString()))).toBe(
            instant.toISOString(),
          );
        },
      ),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(new Date(text).getTime())) return;
        expect(() => DateTimeScalar.parseValue(text)).toThrow(/ISO 8601/);
      }),
    );
  });
});

const cursorPart = {
  date: fc
    .date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true })
    .map((instant) => instant.toISOString().slice(0, 10)),
  uuid: fc.uuid(),
  bigint: fc.bigInt({ min: 0n, max: 2n ** 63n - 1n }).map(String),
};

describe("cursors", () => {
  it("decode to the key they were made from, for their own connection only", () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc
          .array(fc.constantFrom("date", "uuid", "bigint") as fc.Arbitrary<CursorPart>, {
            minLength: 1,
            maxLength: 4,
          })
          .chain((parts) => fc.tuple(fc.constant(parts), fc.tuple(...parts.map((part) => cursorPart[part])))),
        fc.string(),
        (connection, [parts, key], other) => {
          const cursor = encodeCursor(connection, key);
          expect(decodeCursor(connection, cursor, parts)).toEqual(key);
          if (other !== connection) expect(() => decodeCursor(other, cursor, parts)).toThrow(CreditError);
          expect(() => decodeCursor(connection, cursor, [...parts, "uuid"])).toThrow(CreditError);
        },
      ),
    );
  });

  it("refuse anything else with BAD_USER_INPUT naming the argument, never another error", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((text) => Buffer.from(text).toString("base64url")),
          fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString("base64url")),
        ),
        (cursor) => {
          try {
            decodeCursor("publicBlacklist", cursor, ["date", "uuid"]);
          } catch (error) {
            expect(error).toBeInstanceOf(CreditError);
            expect((error as CreditError).code).toBe("BAD_USER_INPUT");
            expect((error as CreditError).extensions.argument).toBe("after");
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it.each([
    [
      "a date PostgreSQL has no year for",
      ["0000-01-01", "00000000-0000-4000-8000-000000000000"],
      ["date", "uuid"],
    ],
    ["a day that does not exist", ["2026-02-30", "00000000-0000-4000-8000-000000000000"], ["date", "uuid"]],
    ["text where a uuid goes", ["2026-01-01", "garbage"], ["date", "uuid"]],
    ["a sequence number past bigint", ["9223372036854775808"], ["bigint"]],
    ["a negative sequence number", ["-1"], ["bigint"]],
  ] as const)("refuse a well-formed cursor with %s before it reaches SQL", (_case, key, parts) => {
    expect(() => decodeCursor("c", encodeCursor("c", key), parts)).toThrow(/endCursor of the previous page/);
  });
});
