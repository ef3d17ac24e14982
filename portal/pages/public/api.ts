import { graphql } from "../../gql";

/** How many entries each list has in force (the home page's tiles). */
export const LIST_COUNTS = graphql(
  `query ListCounts { publicBlacklist(first: 1) { totalCount } publicRedlist(first: 1) { totalCount } }`,
);

export const SEARCH_ORGANISATIONS = graphql(
  `query SearchOrganisations($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }`,
);

export const PUBLIC_SUBJECT = graphql(`query PublicSubject($identifier: String!) {
  subject(identifier: $identifier) {
    name identifier kind
    records { ...CreditRecordRow severity }
    listEntries { ...ListEntryRow }
  }
}`);

/** A row of a public list, the same for both lists. */
export const PUBLIC_LIST_ROW = graphql(
  `fragment PublicListRow on ListEntry { id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure { name identifier kind } }`,
);

export const PUBLIC_BLACKLIST =
  graphql(`query PublicBlacklist($filter: ListFilter, $first: Int!, $after: String) {
  entries: publicBlacklist(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...PublicListRow } }
  }
}`);

export const PUBLIC_REDLIST =
  graphql(`query PublicRedlist($filter: ListFilter, $first: Int!, $after: String) {
  entries: publicRedlist(filter: $filter, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { ...PublicListRow } }
  }
}`);

export const LIST_GROUNDS = graphql(
  `query ListGrounds($list: ListType) { listGrounds(list: $list) { code name article } }`,
);

/** What JRP art. 8 lets a list publish of one entry, the same for both lists. */
export const PUBLIC_ENTRY_DISCLOSURE =
  graphql(`fragment PublicEntryDisclosure on ListEntry { id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber
  disclosure { name kind identifier sex ageBand employer registeredAddress nature legalRepresentative } }`);

export const PUBLIC_BLACKLIST_ENTRY = graphql(`query PublicBlacklistEntry($filter: ListFilter) {
  entries: publicBlacklist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }
}`);

export const PUBLIC_REDLIST_ENTRY = graphql(`query PublicRedlistEntry($filter: ListFilter) {
  entries: publicRedlist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }
}`);

export const MEASURES = graphql(
  `query Measures($list: ListType, $scenario: Scenario) { measures(list: $list, scenario: $scenario) { code kind list title decision grounds basis department } }`,
);
