import { auditSubgraph } from "./audit/index";
import { listsSubgraph } from "./lists/index";
import { measuresSubgraph } from "./measures/index";
import { recordsSubgraph } from "./records/index";
import { repairSubgraph } from "./repair/index";
import type { SubgraphDefinition } from "./shared/definition";
import type { SubgraphName } from "../platform/subgraph-names";
import { subjectsSubgraph } from "./subjects/index";

/** The six subgraphs, in the order of supergraph.yaml. */
export const SUBGRAPHS: Readonly<Record<SubgraphName, SubgraphDefinition<never>>> = {
  subjects: subjectsSubgraph,
  records: recordsSubgraph,
  lists: listsSubgraph,
  measures: measuresSubgraph,
  repair: repairSubgraph,
  audit: auditSubgraph,
} as Readonly<Record<SubgraphName, SubgraphDefinition<never>>>;
