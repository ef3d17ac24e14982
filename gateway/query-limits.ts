import {
  Kind,
  Lexer,
  parse,
  Source,
  TokenKind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type TypeNode,
  type ValueNode,
} from "graphql";
import { MAX_ITEMS_PER_CALL } from "../domain/limits";
import { MAX_JSON_DEPTH, nestsDeeperThan } from "../platform/json-walk";

/** Limits on one operation, checked on the parsed document before anything executes. */
export type QueryLimits = Readonly<{
  maxTokens: number;
  maxDepth: number;
  maxAliases: number;
  /** Fields counted where fragments expand: the work the operation asks for. */
  maxFields: number;
  maxDirectives: number;
  maxRootFields: number;
  /** Units of work one field may ask for through its costed arguments (`@cost`): a screen of 1,000 identifiers is 1,000. */
  maxFieldCost: number;
  /** Levels of nesting in the variables (JSON), so that nothing recursive downstream can be made to overflow. */
  maxVariableDepth: number;
  /** Brackets (`{`, `[`, `(`) open at once in the document: graphql-js parses (and later walks) it recursively. */
  maxNesting: number;
}>;

export const DEFAULT_QUERY_LIMITS: QueryLimits = Object.freeze({
  maxTokens: 5_000,
  maxDepth: 12,
  maxAliases: 30,
  maxFields: 1_500,
  maxDirectives: 50,
  maxRootFields: 20,
  maxFieldCost: MAX_ITEMS_PER_CALL,
  maxVariableDepth: MAX_JSON_DEPTH,
  maxNesting: 128,
});

/**
 * What the schema says the arguments cost: IBM's GraphQL cost directive (`@cost(weight: N)`, federation's
 * `cost` spec) on an argument definition, read here as N units per item of the list the argument is given
 * (one for a single value). The slice that owns a field declares it in its resolver; the gateway reads it
 * from the supergraph and knows no field by name.
 */
export type ArgumentCosts = Readonly<{
  /** `Type.field` → its costed arguments. */
  arguments: ReadonlyMap<string, ReadonlyArray<Readonly<{ argument: string; weight: number }>>>;
  /** `Type.field` → the named type of its value, to follow the selection down. */
  fieldTypes: ReadonlyMap<string, string>;
  rootTypes: Readonly<Record<"query" | "mutation" | "subscription", string>>;
}>;

export const NO_ARGUMENT_COSTS: ArgumentCosts = {
  arguments: new Map(),
  fieldTypes: new Map(),
  rootTypes: { query: "Query", mutation: "Mutation", subscription: "Subscription" },
};

/** The argument costs a (super)graph's SDL declares with `@cost`. */
export function argumentCostsOf(sdl: string): ArgumentCosts {
  const argumentsByField = new Map<string, Array<{ argument: string; weight: number }>>();
  const fieldTypes = new Map<string, string>();
  const rootTypes = { ...NO_ARGUMENT_COSTS.rootTypes };
  for (const definition of parse(sdl, { noLocation: true }).definitions) {
    if (definition.kind === Kind.SCHEMA_DEFINITION || definition.kind === Kind.SCHEMA_EXTENSION) {
      for (const { operation, type } of definition.operationTypes ?? [])
        rootTypes[operation] = type.name.value;
    }
    const withFields =
      definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
      definition.kind === Kind.OBJECT_TYPE_EXTENSION ||
      definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
      definition.kind === Kind.INTERFACE_TYPE_EXTENSION;
    if (!withFields) continue;
    for (const field of definition.fields ?? []) {
      const coordinate = `${definition.name.value}.${field.name.value}`;
      fieldTypes.set(coordinate, namedTypeOf(field.type));
      for (const argument of field.arguments ?? []) {
        const weight = argument.directives
          ?.find((directive) => directive.name.value === "cost")
          ?.arguments?.find((value) => value.name.value === "weight")?.value;
        if (weight?.kind !== Kind.INT) continue;
        const costed = argumentsByField.get(coordinate) ?? [];
        costed.push({ argument: argument.name.value, weight: Number(weight.value) });
        argumentsByField.set(coordinate, costed);
      }
    }
  }
  return { arguments: argumentsByField, fieldTypes, rootTypes };
}

function namedTypeOf(type: TypeNode): string {
  return type.kind === Kind.NAMED_TYPE ? type.name.value : namedTypeOf(type.type);
}

export type LimitBreach = Readonly<{ limit: keyof QueryLimits; max: number; message: string }>;

/** What one operation asks for, for rate limiting: root fields, aliases and the items of costed arguments. */
export type QueryCheck = Readonly<{ breach: LimitBreach | null; cost: number }>;

class Breach extends Error {
  constructor(readonly breach: LimitBreach) {
    super(breach.message);
  }
}

/**
 * Checks one request's document against the limits: the nesting of the variables and of the document's
 * brackets (both without recursion), tokens while parsing (graphql's own `maxTokens`), then one walk that expands fragment spreads where they are
 * used — so named-fragment fan-out counts in full — and stops as soon as a limit is passed, so a hostile
 * document costs at most the limit's work. Returns the first breach, or null.
 */
export function checkQueryLimits(
  query: string,
  variables: unknown,
  limits: QueryLimits = DEFAULT_QUERY_LIMITS,
  costs: ArgumentCosts = NO_ARGUMENT_COSTS,
): QueryCheck {
  if (nestsDeeperThan(variables, limits.maxVariableDepth)) {
    return {
      breach: {
        limit: "maxVariableDepth",
        max: limits.maxVariableDepth,
        message: `the variables nest deeper than ${limits.maxVariableDepth} levels`,
      },
      cost: 1,
    };
  }
  if (nestsBracketsDeeperThan(query, limits.maxNesting, limits.maxTokens)) {
    return {
      breach: {
        limit: "maxNesting",
        max: limits.maxNesting,
        message: `the document nests brackets deeper than ${limits.maxNesting} levels`,
      },
      cost: 1,
    };
  }
  let document: DocumentNode;
  try {
    document = parse(query, { maxTokens: limits.maxTokens, noLocation: true });
  } catch (error) {
    // graphql-js 16 words it "contains more that N tokens".
    if (/more th\w+ \d+ tokens/i.test(String((error as Error).message))) {
      return {
        breach: {
          limit: "maxTokens",
          max: limits.maxTokens,
          message: `the document has more than ${limits.maxTokens} tokens`,
        },
        cost: 1,
      };
    }
    return { breach: null, cost: 1 };
  }
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions)
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  const counts = { fields: 0, aliases: 0, directives: 0, rootFields: 0, costed: 0 };
  const bump = (
    key: keyof typeof counts,
    limit: "maxFields" | "maxAliases" | "maxDirectives",
    noun: string,
    by = 1,
  ) => {
    counts[key] += by;
    if (counts[key] > limits[limit])
      throw new Breach({
        limit,
        max: limits[limit],
        message: `the operation has more than ${limits[limit]} ${noun}`,
      });
  };
  // The default values of the operation being walked: a variable not sent takes its default (a list there counts in full).
  let defaults = new Map<string, ValueNode>();
  const items = (value: ValueNode): number => {
    if (value.kind === Kind.LIST) return value.values.length;
    if (value.kind === Kind.VARIABLE) {
      const bound = (variables as Record<string, unknown> | undefined)?.[value.name.value];
      if (bound === undefined) {
        const fallback = defaults.get(value.name.value);
        return fallback ? items(fallback) : 0;
      }
      return Array.isArray(bound) ? bound.length : bound === null ? 0 : 1;
    }
    return value.kind === Kind.NULL ? 0 : 1;
  };
  const walk = (
    selectionSet: SelectionSetNode,
    parentType: string | undefined,
    depth: number,
    expanding: ReadonlySet<string>,
  ): void => {
    if (depth > limits.maxDepth)
      throw new Breach({
        limit: "maxDepth",
        max: limits.maxDepth,
        message: `the operation nests deeper than ${limits.maxDepth} levels`,
      });
    for (const selection of selectionSet.selections) {
      bump("directives", "maxDirectives", "directives", selection.directives?.length ?? 0);
      if (selection.kind === Kind.FIELD) {
        bump("fields", "maxFields", "fields (fragments counted where they expand)");
        if (selection.alias) bump("aliases", "maxAliases", "aliases");
        const coordinate = `${parentType}.${selection.name.value}`;
        const costed = (costs.arguments.get(coordinate) ?? []).flatMap(({ argument, weight }) => {
          const given = selection.arguments?.find((candidate) => candidate.name.value === argument);
          return given ? [{ argument, weight, cost: weight * items(given.value) }] : [];
        });
        const fieldCost = costed.reduce((sum, { cost }) => sum + cost, 0);
        if (fieldCost > limits.maxFieldCost) {
          const [only] = costed;
          const message =
            costed.length === 1 && only
              ? `${selection.name.value} takes at most ${Math.floor(limits.maxFieldCost / only.weight)} ${only.argument} per call; split the batch`
              : `${selection.name.value} asks for ${fieldCost} units of work, more than ${limits.maxFieldCost} per call; split the batch`;
          throw new Breach({ limit: "maxFieldCost", max: limits.maxFieldCost, message });
        }
        counts.costed += fieldCost;
        if (selection.selectionSet)
          walk(selection.selectionSet, costs.fieldTypes.get(coordinate), depth + 1, expanding);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        walk(selection.selectionSet, selection.typeCondition?.name.value ?? parentType, depth, expanding);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        if (!fragment || expanding.has(name)) continue;
        bump("directives", "maxDirectives", "directives", fragment.directives?.length ?? 0);
        walk(fragment.selectionSet, fragment.typeCondition.name.value, depth, new Set([...expanding, name]));
      }
    }
  };
  try {
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      bump("directives", "maxDirectives", "directives", definition.directives?.length ?? 0);
      if (definition.selectionSet.selections.length > limits.maxRootFields) {
        return {
          breach: {
            limit: "maxRootFields",
            max: limits.maxRootFields,
            message: `an operation may ask for at most ${limits.maxRootFields} root fields`,
          },
          cost: 1,
        };
      }
      counts.rootFields += definition.selectionSet.selections.length;
      defaults = new Map(
        (definition.variableDefinitions ?? []).flatMap((variable) =>
          variable.defaultValue ? [[variable.variable.name.value, variable.defaultValue]] : [],
        ),
      );
      walk(definition.selectionSet, costs.rootTypes[definition.operation], 1, new Set());
    }
  } catch (error) {
    if (error instanceof Breach) return { breach: error.breach, cost: 1 };
    throw error;
  }
  return { breach: null, cost: Math.max(1, counts.rootFields + counts.aliases + counts.costed) };
}

const OPENING = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const CLOSING = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Whether the first `maxTokens` tokens of a document open more than `maxNesting` brackets at once, read
 * token by token: the parser recurses once per level and overflows the stack on a few thousand. A
 * document that does not lex is left to the parser, which stops at the same place.
 */
function nestsBracketsDeeperThan(query: string, maxNesting: number, maxTokens: number): boolean {
  const lexer = new Lexer(new Source(query));
  let depth = 0;
  try {
    for (
      let token = lexer.advance(), read = 1;
      token.kind !== TokenKind.EOF && read <= maxTokens;
      token = lexer.advance(), read++
    ) {
      if (OPENING.has(token.kind) && ++depth > maxNesting) return true;
      if (CLOSING.has(token.kind)) depth--;
    }
  } catch {
    return false;
  }
  return false;
}
