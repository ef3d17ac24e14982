import "reflect-metadata";
import fc from "fast-check";
import { Kind } from "graphql";
import { describe, expect, it } from "vitest";
import { CreditError } from "../../platform/errors";
import { decodeCursor, encodeCursor } from "./pagination";
import { DateScalar, DateTimeScalar } from "./scalars";

/** Property tests for what every caller can send: dates, instants and cursors (issue #8, item 8). */
describe("Date and DateTime scalars", () => {
  it("accept exactly the calendar days written YYYY-MM-DD, and nothing else, with a TypeError that says the format", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 12 }), fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 })).map(([y, m, d]) => `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`)), (text) => {
        const valid = /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) === text;
        if (valid) {
          expect(DateScalar.parseValue(text)).toBe(text);
          expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: text })).toBe(text);
        } else {
          expect(() => DateScalar.parseValue(text)).toThrow(/YYYY-MM-DD|not a calendar date/);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it("refuse non-strings of every kind", () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.object()), (value) => {
        expect(() => DateScalar.parseValue(value)).toThrow(TypeError);
        expect(() => DateTimeScalar.parseValue(value)).toThrow(TypeError);
      }),
    );
  });

  it("round-trip every instant, and refuse strings that are not ISO 8601 date-times", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0001-01-01"), max: new Date("9999-12-31"), noInvalidDate: true }), (instant) => {
        expect(DateTimeScalar.serialize(DateTimeScalar.parseValue(instant.toISOString()))).toBe(instant.toISOString());
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        if (/^\d{4}-\d{2}-\d{2}T/.test(text) && !Number.isNaN(new Date(text).getTime())) return;
        expect(() => DateTimeScalar.parseValue(text)).toThrow(/ISO 8601/);
      }),
    );
  });
});

describe("cursors", () => {
  it("decode to the key they were made from, for their own connection only", () => {
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string(), { minLength: 1, maxLength: 4 }), fc.string(), (connection, key, other) => {
        const cursor = encodeCursor(connection, key);
        expect(decodeCursor(connection, cursor, key.length)).toEqual(key);
        if (other !== connection) expect(() => decodeCursor(other, cursor, key.length)).toThrow(CreditError);
        expect(() => decodeCursor(connection, cursor, key.length + 1)).toThrow(CreditError);
      }),
    );
  });

  it("refuse anything else with BAD_USER_INPUT naming the argument, never another error", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string().map((text) => Buffer.from(text).toString("base64url")), fc.jsonValue().map((value) => Buffer.from(JSON.stringify(value)).toString("base64url"))), (cursor) => {
        try {
          decodeCursor("publicBlacklist", cursor, 2);
        } catch (error) {
          expect(error).toBeInstanceOf(CreditError);
          expect((error as CreditError).code).toBe("BAD_USER_INPUT");
          expect((error as CreditError).extensions.argument).toBe("after");
        }
      }),
      { numRuns: 2_000 },
    );
  });
});
