import { auditSubgraph } from "../subgraphs/audit/index";
import { listsSubgraph } from "../subgraphs/lists/index";
import { measuresSubgraph } from "../subgraphs/measures/index";
import { recordsSubgraph } from "../subgraphs/records/index";
import { repairSubgraph } from "../subgraphs/repair/index";
import { reportsSubgraph } from "../subgraphs/reports/index";
import type { SubgraphDefinition } from "../subgraphs/shared/definition";
import { subjectsSubgraph } from "../subgraphs/subjects/index";
import { SUBGRAPH_NAMES, type SubgraphName } from "../platform/supergraph-config";
import { publicInformation } from "./public-information";

/**
 * Each subgraph of supergraph.yaml by its name, given what it needs of slices above it. The subgraphs'
 * names and ports are supergraph.yaml's; this is the only other place a subgraph is named.
 */
const DEFINITIONS: Readonly<Record<string, SubgraphDefinition>> = {
  subjects: subjectsSubgraph({ publicInformation }),
  records: recordsSubgraph,
  lists: listsSubgraph,
  measures: measuresSubgraph,
  repair: repairSubgraph,
  audit: auditSubgraph,
  reports: reportsSubgraph({ publicInformation }),
};

/** The definition of a subgraph supergraph.yaml routes to; throws for a name it does not list or one not registered here. */
export function subgraphDefinition(name: SubgraphName): SubgraphDefinition {
  const definition = SUBGRAPH_NAMES.includes(name) ? DEFINITIONS[name] : undefined;
  if (!definition)
    throw new Error(
      `no subgraph "${name}": supergraph.yaml routes to ${SUBGRAPH_NAMES.join(", ")}, app/subgraphs.ts defines ${Object.keys(DEFINITIONS).join(", ")}`,
    );
  return definition;
}

/** Subgraphs registered here that supergraph.yaml does not route to, and the reverse (both empty in a whole build). */
export function unmatchedSubgraphs(): Readonly<{ unrouted: string[]; undefined: string[] }> {
  return {
    unrouted: Object.keys(DEFINITIONS).filter((name) => !SUBGRAPH_NAMES.includes(name)),
    undefined: SUBGRAPH_NAMES.filter((name) => !(name in DEFINITIONS)),
  };
}
