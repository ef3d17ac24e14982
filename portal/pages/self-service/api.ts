import { graphql } from "../../gql";

/** The subject's own file as `/me` reads it: one query, every tier (the subject sees its own, PCIM art. 21). */
export const MY_FILE = graphql(`query MyFile($identifier: String!) {
  subject(identifier: $identifier) {
    id kind name identifier
    records { ...CreditRecordRow severity status }
    listEntries(includeInactive: true) { ...ListEntryRow status facts underObjection repairPublicityUntil }
    objections { id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } }
    repairCases { id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history { ...WorkflowStepRow } }
  }
}`);

export const FILE_OBJECTION = graphql(
  `mutation FileObjection($input: ObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }`,
);

export const REPAIR_ELIGIBILITY = graphql(
  `query RepairEligibility($targetId: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $targetId, rectifiedOn: $rectifiedOn) { eligible earliestOn explanation nextSteps } }`,
);

export const APPLY_FOR_REPAIR = graphql(
  `mutation ApplyForRepair($input: RepairInput!) { applyForRepair(input: $input) { id dueOn dueOnProvisional } }`,
);

export const MY_CONSENTS = graphql(
  `query MyConsents { myConsents { id grantee purpose validFrom validUntil revokedAt valid } myAccessLog(first: 500) { edges { node { consentIds } } } }`,
);

export const MY_ACCESS_LOG = graphql(
  `query MyAccessLog($first: Int!, $after: String) { myAccessLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at role org purpose outcome categories } } } }`,
);

export const MY_CREDIT_REPORTS = graphql(
  `query MyCreditReports { myCreditReports { id issuedAt validUntil revokedAt status purpose tiers } }`,
);

export const ISSUE_CREDIT_REPORT = graphql(
  `mutation IssueCreditReport($input: CreditReportInput!) { myCreditReport(input: $input) { id issuedAt verificationCode pdfBase64 } }`,
);

export const REVOKE_CREDIT_REPORT = graphql(
  `mutation RevokeCreditReport($id: ID!) { revokeCreditReport(id: $id) { id status } }`,
);

export const GRANT_CONSENT = graphql(
  `mutation GrantConsent($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose validUntil } }`,
);

export const REVOKE_CONSENT = graphql(
  `mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { id revokedAt } }`,
);
