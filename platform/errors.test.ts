import { createMongoAbility, ForbiddenError as RoleTableRefusal } from "@casl/ability";
import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { BadUserInputError, INTERNAL_ERROR_MESSAGE, toClientError } from "./errors";

const asClient = (error: unknown) => {
  const logged: unknown[] = [];
  const client = toClientError(
    { message: error instanceof Error ? error.message : String(error) },
    error,
    (internal) => logged.push(internal),
  );
  return { client, logged };
};

describe("the one error boundary (toClientError)", () => {
  it("answers the role table's refusal as FORBIDDEN with its words, and logs nothing as internal", () => {
    let thrown: unknown;
    try {
      RoleTableRefusal.from(createMongoAbility())
        .setMessage("screening is for GOVERNMENT and ORGANIZATION callers with a declared purpose")
        .throwUnlessCan("screen", "Subject");
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RoleTableRefusal);
    expect(asClient(thrown)).toEqual({
      client: {
        message: "screening is for GOVERNMENT and ORGANIZATION callers with a declared purpose",
        extensions: { code: "FORBIDDEN" },
      },
      logged: [],
    });
    // As a resolver's error reaches the boundary: wrapped by GraphQL execution with its path.
    const wrapped = new GraphQLError((thrown as Error).message, {
      path: ["screen"],
      originalError: thrown as Error,
    });
    const formatted = {
      message: wrapped.message,
      path: ["screen"],
      extensions: { code: "INTERNAL_SERVER_ERROR" },
    };
    expect(toClientError(formatted, wrapped, () => expect.unreachable("logged as internal"))).toEqual({
      message: (thrown as Error).message,
      path: ["screen"],
      extensions: { code: "FORBIDDEN" },
    });
  });

  it("keeps a domain error's message and details; masks anything else and hands it to the log", () => {
    expect(
      asClient(new BadUserInputError("input.grounds: not of this list", { argument: "input" })).client,
    ).toEqual({
      message: "input.grounds: not of this list",
      extensions: { argument: "input", code: "BAD_USER_INPUT" },
    });
    const secret = new Error("relation credit_records: row 320812198506150011");
    expect(asClient(secret)).toEqual({
      client: { message: INTERNAL_ERROR_MESSAGE, extensions: { code: "INTERNAL_SERVER_ERROR" } },
      logged: [secret],
    });
  });
});
