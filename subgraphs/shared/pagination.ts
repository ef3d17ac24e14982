import { Directive, Field, ObjectType } from "type-graphql";
import { BadUserInputError } from "../../platform/errors";

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

export function decodeCursor(connection: string, cursor: string, length: number): string[] {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parsed) && parsed[0] === connection && parsed.length === length + 1 && parsed.every((part) => typeof part === "string")) {
      return parsed.slice(1) as string[];
    }
  } catch {
    // falls through to the error below
  }
  throw new BadUserInputError("`after` is not a cursor of this connection; pass the endCursor of the previous page", { argument: "after" });
}

export function checkPageSize(first: number, maximum: number): void {
  if (!Number.isInteger(first) || first < 1 || first > maximum) {
    throw new BadUserInputError(`first must be between 1 and ${maximum}`, { argument: "first" });
  }
}
