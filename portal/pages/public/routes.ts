import type { PortalRoute } from "../../routes";
import { EntryPage } from "./entry";
import { GuidePage } from "./guide";
import { ListPage } from "./lists";
import { MeasuresPage } from "./measures";
import { SearchPage, SubjectPage } from "./search";

/** The pages of 信用公示: search, public records, red and black lists, measures, how to object and repair. */
export const ROUTES: readonly PortalRoute[] = [
  { path: "/search", component: SearchPage },
  { path: "/subjects/:identifier", component: SubjectPage },
  { path: "/lists/:list", component: ListPage },
  { path: "/lists/:list/:id", component: EntryPage },
  { path: "/measures", component: MeasuresPage },
  { path: "/guide", component: GuidePage },
];
