/**
 * The process rules of `.dependency-cruiser.cjs` (the gateway process loads no subgraph code, a subgraph process no
 * gateway code), on what a process really loads: without type-only imports, which TypeScript erases.
 */
const structure = require("./.dependency-cruiser.cjs");

const TEST = "\\.test\\.tsx?$";

const processRules = [
    {
      name: "gateway-process-loads-no-subgraph",
      comment: "The gateway process (npm run gateway) loads no subgraph code, directly or through anything it imports.",
      severity: "error",
      from: { path: "^(scripts/gateway\\.ts|gateway/)", pathNot: TEST },
      to: { path: "^subgraphs/", reachable: true },
    },
    {
      name: "subgraph-process-loads-no-gateway",
      comment: "A subgraph process (npm run subgraph) loads no gateway code, directly or through anything it imports.",
      severity: "error",
      from: { path: "^(scripts/subgraph\\.ts|subgraphs/)", pathNot: TEST },
      to: { path: "^gateway/", reachable: true },
    },
];


/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: processRules,
  options: {
    ...structure.options,
    tsPreCompilationDeps: false,
    cache: { folder: "node_modules/.cache/dependency-cruiser-processes", strategy: "content" },
  },
};
