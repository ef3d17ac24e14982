import type { Connection } from "../../db/connection";
import type { WorkingDayCalendar } from "../../domain/working-days";
import type { Clock } from "../../platform/clock";
import type { Logger } from "../../platform/logger";
import type { SubgraphName } from "../../platform/supergraph-config";
import type { BuiltSubgraph } from "./build-subgraph-schema";
import type { RequestScope } from "./context";

/** What a subgraph folder's `index.ts` exports: its name, how to build its schema, its loaders. */
export type SubgraphDefinition<TLoaders = unknown> = Readonly<{
  name: SubgraphName;
  build(): Promise<BuiltSubgraph>;
  createLoaders(db: Connection, scope: RequestScope): TLoaders;
  /** Work the subgraph does on its own tables before it serves (each process that serves it runs it). */
  beforeServing?(db: Connection, services: StartUpServices): Promise<void>;
}>;

/** What a subgraph's start-up work may use. */
export type StartUpServices = Readonly<{ clock: Clock; calendar: WorkingDayCalendar; logger: Logger }>;
