import "reflect-metadata";
import { buildSubgraphSchema, printSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type NonEmptyArray } from "type-graphql";
import { refuseProhibitedInput } from "./prohibited-input";
import { DateTimeScalar } from "./scalars";

/** The federation version every subgraph links; changing it here changes it for all of them. */
const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible", "@cost"])`;

export type SubgraphSchemaOptions<TContext> = Readonly<{
  resolvers: NonEmptyArray<Function>;
  orphanedTypes?: Function[];
  /** `__resolveReference` per entity type; each must go through a per-request loader. */
  references?: Record<string, { __resolveReference: (reference: never, context: TContext) => unknown }>;
}>;

export type BuiltSubgraph = Readonly<{ schema: GraphQLSchema; sdl: string }>;

/**
 * Builds a federation 2 subgraph from type-graphql classes: type-graphql generates the schema (types
 * given explicitly, since esbuild emits no decorator metadata), `@apollo/subgraph` adds `_entities` and
 * `_service`, and the reference resolvers are merged in. Every mutation refuses prohibited data first.
 */
export async function buildSubgraph<TContext>(
  options: SubgraphSchemaOptions<TContext>,
): Promise<BuiltSubgraph> {
  const typeGraphqlSchema = await buildSchema({
    resolvers: options.resolvers,
    orphanedTypes: options.orphanedTypes ?? [],
    skipCheck: true,
    validate: false,
    scalarsMap: [{ type: Date, scalar: DateTimeScalar }],
    globalMiddlewares: [refuseProhibitedInput],
  });
  const resolvers = createResolversMap(typeGraphqlSchema) as GraphQLResolverMap<unknown>;
  for (const [typeName, reference] of Object.entries(options.references ?? {})) {
    resolvers[typeName] = {
      ...(resolvers[typeName] as object),
      ...reference,
    } as GraphQLResolverMap<unknown>[string];
  }
  const schema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeGraphqlSchema)}`),
    resolvers,
  });
  return { schema, sdl: printSubgraphSchema(schema) };
}
