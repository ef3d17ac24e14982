/**
 * Resolver → service → repository, one direction (docs/architecture.md): a resolver or reference resolver builds no SQL
 * and reaches no database; what it reads comes through its service, which applies the viewer's policy.
 */
export const RESOLVER_IMPORTS = {
  patterns: [
    { group: ["kysely", "kysely/*"], message: "a resolver builds no SQL: call the slice's service" },
    {
      regex: "\\.repository$",
      message: "a resolver does not call a repository: call the slice's service (it applies the policy)",
    },
    { regex: "(^|/)db/connect$", message: "a resolver reaches no database: call the slice's service" },
  ],
};

/** `….selectFrom(…)` in a resolver (a query builder that came in some other way). */
export const RESOLVER_SYNTAX = [
  {
    selector: "CallExpression[callee.property.name='selectFrom']",
    message: "a resolver builds no SQL: call the slice's service (it applies the policy)",
  },
];
