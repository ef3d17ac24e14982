import { graphql } from "../../gql";

export const AUDIT_EVENTS = graphql(
  `query AuditEvents($filter: AuditFilter, $first: Int!, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at actor role org purpose operationName outcome errorCodes subjects categories } } } }`,
);

export const AUDIT_CHAIN = graphql(`query AuditChain { auditChain { verified length brokenAt reason } }`);

export const AUDIT_ALERTS = graphql(
  `query AuditAlerts($from: DateTime, $to: DateTime) { auditAlerts(from: $from, to: $to) { rule actor role org at count detail } }`,
);
