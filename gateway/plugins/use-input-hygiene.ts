import { Lexer, Source, TokenKind } from "graphql";
import { CreditError } from "../../platform/errors";
import { walkJson } from "../../platform/json-walk";
import { isUnstorableText } from "../../platform/storable-text";
import type { GatewayPlugin } from "../pipeline";

/**
 * Text PostgreSQL cannot store is refused here, before it reaches any query (or the audit) as an internal error:
 * in the variables, and written inline in the document — raw, or as an escape (`"\u0000"`) in a string literal.
 */
export function useInputHygiene(): GatewayPlugin {
  return async (request, next) => {
    const { query, variables } = request.operation;
    if (query && containsUnstorableText(variables)) {
      throw new CreditError(
        "BAD_USER_INPUT",
        "text may not contain the NUL character (U+0000) or a lone UTF-16 surrogate; remove them from the variables",
        { argument: "variables" },
      );
    }
    if (query && documentHoldsUnstorableText(query)) {
      throw new CreditError(
        "BAD_USER_INPUT",
        "text may not contain the NUL character (U+0000) or a lone UTF-16 surrogate; remove them from the query document",
        { argument: "query" },
      );
    }
    return next();
  };
}

function containsUnstorableText(value: unknown): boolean {
  for (const { key, value: child } of walkJson(value)) {
    if (
      (typeof key === "string" && isUnstorableText(key)) ||
      (typeof child === "string" && isUnstorableText(child))
    )
      return true;
  }
  return false;
}

/**
 * The document's own text, and the value of each string literal as the parser will read it. Lexing is flat (no
 * recursion over what the client nested); a document that does not lex is left to the parser's own error.
 */
function documentHoldsUnstorableText(query: string): boolean {
  if (isUnstorableText(query)) return true;
  const lexer = new Lexer(new Source(query));
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      if (
        (token.kind === TokenKind.STRING || token.kind === TokenKind.BLOCK_STRING) &&
        isUnstorableText(token.value)
      )
        return true;
    }
  } catch {
    return false;
  }
  return false;
}
