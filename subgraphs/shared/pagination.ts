import { Directive, Field, ObjectType } from "type-graphql";
import { BadUserInputError } from "../../platform/errors";
import { isUuid } from "./ids";

@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection ends." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true, description: "Pass as `after` for the next page." })
  endCursor!: string | null;
}

/** Opaque keyset cursors: the values of the sort key, tagged with the connection's name. */
export function encodeCursor(connection: string, key: readonly string[]): string {
  return Buffer.from(JSON.stringify([connection, ...key])).toString("base64url");
}

const MAX_BIGINT = 2n ** 63n - 1n;

/**
 * What each part of a sort key may be. A cursor is opaque but not signed: checking its parts here keeps a
 * forged one from reaching SQL as a literal PostgreSQL refuses (an internal error instead of the caller's).
 */
const CURSOR_PARTS = {
  // PostgreSQL has no year 0; JavaScript would roll 30 February over into March.
  date: (part: string) =>
    /^(?!0000)\d{4}-\d{2}-\d{2}$/.test(part) &&
    !Number.isNaN(Date.parse(`${part}T00:00:00Z`)) &&
    new Date(`${part}T00:00:00Z`).toISOString().startsWith(part),
  uuid: isUuid,
  bigint: (part: string) => /^\d{1,19}$/.test(part) && BigInt(part) <= MAX_BIGINT,
} satisfies Record<string, (part: string) => boolean>;

export type CursorPart = keyof typeof CURSOR_PARTS;

/** The sort key of a cursor made by `encodeCursor(connection, …)` with parts of the given kinds; BAD_USER_INPUT otherwise. */
export function decodeCursor(connection: string, cursor: string, parts: readonly CursorPart[]): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed[0] === connection && parsed.length === parts.length + 1) {
      const key = parsed.slice(1);
      if (key.every((part, index) => typeof part === "string" && CURSOR_PARTS[parts[index]!](part)))
        return key as string[];
    }
  } catch {
    // falls through to the error below
  }
  throw new BadUserInputError(
    "`after` is not a cursor of this connection; pass the endCursor of the previous page",
    { argument: "after" },
  );
}

export function checkPageSize(first: number, maximum: number): void {
  if (!Number.isInteger(first) || first < 1 || first > maximum) {
    throw new BadUserInputError(`first must be between 1 and ${maximum}`, { argument: "first" });
  }
}
