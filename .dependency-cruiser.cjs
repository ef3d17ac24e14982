/**
 * The house's import rules (docs/architecture.md, "The ladder"), checked by `npm run lint:deps`.
 *
 * The slices form a ladder: a slice imports another only through that slice's `*.registry.ts`, and only from a
 * lower rung; what a lower slice must know of a higher one is passed to it by app/ (the composition root). A
 * test may set up its fixtures through any slice's own services.
 * A new slice takes the rung its reads need: add it to LADDER. What a process loads at run time (the gateway no
 * subgraph code, a subgraph no gateway code) is checked by `.dependency-cruiser.processes.cjs`.
 */
const LADDER = ["subjects", "records", "lists", "audit", "repair", "measures", "reports"];

const TEST = "\\.test\\.tsx?$";
const any = (names) => `(${names.join("|")})`;

/** One rule per rung: nothing on it imports a slice above it. */
const ladderRules = LADDER.slice(0, -1).map((slice, rung) => ({
  name: `ladder-${slice}`,
  comment: `${slice} is rung ${rung + 1} of ${LADDER.join(" → ")}: it imports no slice above it (app/ passes it what it needs of them)`,
  severity: "error",
  from: { path: `^subgraphs/${slice}/`, pathNot: TEST },
  to: { path: `^subgraphs/${any(LADDER.slice(rung + 1))}/` },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No module reaches itself through its imports (type-only imports included).",
      severity: "error",
      from: { pathNot: TEST },
      to: { circular: true },
    },
    {
      name: "slice-internals",
      comment: "A slice imports another slice only through that slice's published face, its *.registry.ts.",
      severity: "error",
      from: { path: "^subgraphs/([^/]+)/", pathNot: ["^subgraphs/shared/", TEST] },
      to: { path: "^subgraphs/[^/]+/", pathNot: ["^subgraphs/$1/", "^subgraphs/shared/", "\\.registry\\.ts$"] },
    },
    {
      name: "shared-is-no-slice",
      comment:
        "subgraphs/shared/ is what every subgraph is built with, nothing domain-specific: it loads no slice. " +
        "It still names one type of one (the report printer the executor hands the reports subgraph), as a type only.",
      severity: "error",
      from: { path: "^subgraphs/shared/", pathNot: TEST },
      to: { path: "^subgraphs/[^/]+/", pathNot: "^subgraphs/shared/", dependencyTypesNot: ["type-only"] },
    },
    ...ladderRules,
    {
      name: "slice-off-the-ladder",
      comment: `A folder under subgraphs/ is shared/ or a slice on the ladder (${LADDER.join(" → ")}): give a new slice its rung.`,
      severity: "error",
      from: { path: "^subgraphs/[^/]+/", pathNot: `^subgraphs/${any(["shared", ...LADDER])}/` },
      to: {},
    },
    {
      name: "audit-log-loads-neither",
      comment: "The audit log is shared by the gateway and the audit subgraph: it loads neither.",
      severity: "error",
      from: { path: "^audit-log/" },
      to: { path: "^(gateway|subgraphs)/" },
    },
    {
      name: "portal-only-through-domain",
      comment: "The portal is browser code: it reaches the service only through the API, and shares only domain/'s pure rules.",
      severity: "error",
      from: { path: "^portal/", pathNot: TEST },
      // The typed documents' one type import, a package of types alone (nothing to resolve in node_modules).
      to: { pathNot: ["^portal/", "^domain/", "^node_modules/", "^@graphql-typed-document-node/core$"], dependencyTypesNot: ["core"] },
    },
    {
      name: "server-loads-no-portal-code",
      comment: "Server code loads none of the portal's browser code (the build bundles it by file name).",
      severity: "error",
      from: { path: "^(app|audit-log|db|domain|gateway|platform|policies|scripts|subgraphs)/", pathNot: TEST },
      to: { path: "^portal/" },
    },
    {
      name: "domain-is-pure",
      comment: "domain/ holds pure rules: it imports only domain/ (and packages), never db/, platform/ or a slice.",
      severity: "error",
      from: { path: "^domain/", pathNot: TEST },
      to: { pathNot: ["^domain/", "^node_modules/"], dependencyTypesNot: ["core"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Re-reads only the files that changed since the last run.
    cache: { folder: "node_modules/.cache/dependency-cruiser", strategy: "content" },
    exclude: { path: "^(dist|node_modules|bench/node_modules|\\.data)/" },
    // Type-only imports count: a cycle of types is still a cycle, and a slice naming another's types leans on it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { exportsFields: ["exports"], conditionNames: ["import", "require", "node", "default"], extensions: [".ts", ".tsx", ".js", ".json"] },
    moduleSystems: ["es6", "cjs"],
  },
};
