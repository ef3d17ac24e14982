/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment CreditRecordRow on CreditRecord { id category tier title provider decidedOn expiresOn underObjection }": typeof types.CreditRecordRowFragmentDoc,
    "fragment ListEntryRow on ListEntry { id list groundsDescription recognizedByName recognizedOn validUntil }": typeof types.ListEntryRowFragmentDoc,
    "fragment WorkflowStepRow on WorkflowStep { from to role note at }": typeof types.WorkflowStepRowFragmentDoc,
    "query AuditEvents($filter: AuditFilter, $first: Int!, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at actor role org purpose operationName outcome errorCodes subjects categories } } } }": typeof types.AuditEventsDocument,
    "query AuditChain { auditChain { verified length brokenAt reason } }": typeof types.AuditChainDocument,
    "query AuditAlerts($from: DateTime, $to: DateTime) { auditAlerts(from: $from, to: $to) { rule actor role org at count detail } }": typeof types.AuditAlertsDocument,
    "fragment CheckedSubject on Subject { kind name identifier\n  records { ...CreditRecordRow status }\n  listEntries { ...ListEntryRow status facts } }": typeof types.CheckedSubjectFragmentDoc,
    "query ConsentedCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject authorized: records(tier: AUTHORIZED) { id } } }": typeof types.ConsentedCheckDocument,
    "query PublicCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject } }": typeof types.PublicCheckDocument,
    "query Screen($identifiers: [String!]!, $scenario: Scenario!) { screen(identifiers: $identifiers, scenario: $scenario) { identifier decision reasons error measures { code title } } }": typeof types.ScreenDocument,
    "query VerifyCreditReport($code: String!) { verifyCreditReport(code: $code) { genuine status issuedAt validUntil revokedAt keyId content changedSinceIssue changedItemIds } }": typeof types.VerifyCreditReportDocument,
    "query ListCounts { publicBlacklist(first: 1) { totalCount } publicRedlist(first: 1) { totalCount } }": typeof types.ListCountsDocument,
    "query SearchOrganisations($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }": typeof types.SearchOrganisationsDocument,
    "query PublicSubject($identifier: String!) {\n  subject(identifier: $identifier) {\n    name identifier kind\n    records { ...CreditRecordRow severity }\n    listEntries { ...ListEntryRow }\n  }\n}": typeof types.PublicSubjectDocument,
    "fragment PublicListRow on ListEntry { id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure { name identifier kind } }": typeof types.PublicListRowFragmentDoc,
    "query PublicBlacklist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicBlacklist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}": typeof types.PublicBlacklistDocument,
    "query PublicRedlist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicRedlist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}": typeof types.PublicRedlistDocument,
    "query ListGrounds($list: ListType) { listGrounds(list: $list) { code name article } }": typeof types.ListGroundsDocument,
    "fragment PublicEntryDisclosure on ListEntry { id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber\n  disclosure { name kind identifier sex ageBand employer registeredAddress nature legalRepresentative } }": typeof types.PublicEntryDisclosureFragmentDoc,
    "query PublicBlacklistEntry($filter: ListFilter) {\n  entries: publicBlacklist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}": typeof types.PublicBlacklistEntryDocument,
    "query PublicRedlistEntry($filter: ListFilter) {\n  entries: publicRedlist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}": typeof types.PublicRedlistEntryDocument,
    "query Measures($list: ListType, $scenario: Scenario) { measures(list: $list, scenario: $scenario) { code kind list title decision grounds basis department } }": typeof types.MeasuresDocument,
    "query MyFile($identifier: String!) {\n  subject(identifier: $identifier) {\n    id kind name identifier\n    records { ...CreditRecordRow severity status }\n    listEntries(includeInactive: true) { ...ListEntryRow status facts underObjection repairPublicityUntil }\n    objections { id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } }\n    repairCases { id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history { ...WorkflowStepRow } }\n  }\n}": typeof types.MyFileDocument,
    "mutation FileObjection($input: ObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }": typeof types.FileObjectionDocument,
    "query RepairEligibility($targetId: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $targetId, rectifiedOn: $rectifiedOn) { eligible earliestOn explanation nextSteps } }": typeof types.RepairEligibilityDocument,
    "mutation ApplyForRepair($input: RepairInput!) { applyForRepair(input: $input) { id dueOn dueOnProvisional } }": typeof types.ApplyForRepairDocument,
    "query MyConsents { myConsents { id grantee purpose validFrom validUntil revokedAt valid } myAccessLog(first: 500) { edges { node { consentIds } } } }": typeof types.MyConsentsDocument,
    "query MyAccessLog($first: Int!, $after: String) { myAccessLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at role org purpose outcome categories } } } }": typeof types.MyAccessLogDocument,
    "query MyCreditReports { myCreditReports { id issuedAt validUntil revokedAt status purpose tiers } }": typeof types.MyCreditReportsDocument,
    "mutation IssueCreditReport($input: CreditReportInput!) { myCreditReport(input: $input) { id issuedAt verificationCode pdfBase64 } }": typeof types.IssueCreditReportDocument,
    "mutation RevokeCreditReport($id: ID!) { revokeCreditReport(id: $id) { id status } }": typeof types.RevokeCreditReportDocument,
    "mutation GrantConsent($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose validUntil } }": typeof types.GrantConsentDocument,
    "mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { id revokedAt } }": typeof types.RevokeConsentDocument,
    "query WorkbenchObjections($state: ObjectionState) { objections(state: $state) { id subject { identifier name } targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }": typeof types.WorkbenchObjectionsDocument,
    "query WorkbenchRepairCases($state: RepairState) { repairCases(state: $state) { id subject { identifier name } targetType state commitment appliedOn rectifiedOn dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }": typeof types.WorkbenchRepairCasesDocument,
    "mutation MoveObjection($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { id state } }": typeof types.MoveObjectionDocument,
    "mutation MoveRepairCase($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { id state } }": typeof types.MoveRepairCaseDocument,
    "query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }": typeof types.CalendarStatusDocument,
    "query UnitReports($quarter: String!) { unitReports(quarter: $quarter) { quarter unit complete entriesRecognized latePushes measuresApplied objectionsCorrected } }": typeof types.UnitReportsDocument,
    "query MeasureStats($from: Date, $to: Date) { measureStats(from: $from, to: $to) { measure { code title } applications subjects reporters outcomes { outcome count } } }": typeof types.MeasureStatsDocument,
    "query PublicationReviews($after: String) { publicationReviews(first: 20, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor }\n  edges { node { id item provider kind submittedAt subject { identifier name } texts { field text hits { path category label law start end } } } } } }": typeof types.PublicationReviewsDocument,
    "mutation DecidePublication($input: PublicationDecisionInput!) { decidePublication(input: $input) { id state } }": typeof types.DecidePublicationDocument,
};
const documents: Documents = {
    "fragment CreditRecordRow on CreditRecord { id category tier title provider decidedOn expiresOn underObjection }": types.CreditRecordRowFragmentDoc,
    "fragment ListEntryRow on ListEntry { id list groundsDescription recognizedByName recognizedOn validUntil }": types.ListEntryRowFragmentDoc,
    "fragment WorkflowStepRow on WorkflowStep { from to role note at }": types.WorkflowStepRowFragmentDoc,
    "query AuditEvents($filter: AuditFilter, $first: Int!, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at actor role org purpose operationName outcome errorCodes subjects categories } } } }": types.AuditEventsDocument,
    "query AuditChain { auditChain { verified length brokenAt reason } }": types.AuditChainDocument,
    "query AuditAlerts($from: DateTime, $to: DateTime) { auditAlerts(from: $from, to: $to) { rule actor role org at count detail } }": types.AuditAlertsDocument,
    "fragment CheckedSubject on Subject { kind name identifier\n  records { ...CreditRecordRow status }\n  listEntries { ...ListEntryRow status facts } }": types.CheckedSubjectFragmentDoc,
    "query ConsentedCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject authorized: records(tier: AUTHORIZED) { id } } }": types.ConsentedCheckDocument,
    "query PublicCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject } }": types.PublicCheckDocument,
    "query Screen($identifiers: [String!]!, $scenario: Scenario!) { screen(identifiers: $identifiers, scenario: $scenario) { identifier decision reasons error measures { code title } } }": types.ScreenDocument,
    "query VerifyCreditReport($code: String!) { verifyCreditReport(code: $code) { genuine status issuedAt validUntil revokedAt keyId content changedSinceIssue changedItemIds } }": types.VerifyCreditReportDocument,
    "query ListCounts { publicBlacklist(first: 1) { totalCount } publicRedlist(first: 1) { totalCount } }": types.ListCountsDocument,
    "query SearchOrganisations($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }": types.SearchOrganisationsDocument,
    "query PublicSubject($identifier: String!) {\n  subject(identifier: $identifier) {\n    name identifier kind\n    records { ...CreditRecordRow severity }\n    listEntries { ...ListEntryRow }\n  }\n}": types.PublicSubjectDocument,
    "fragment PublicListRow on ListEntry { id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure { name identifier kind } }": types.PublicListRowFragmentDoc,
    "query PublicBlacklist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicBlacklist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}": types.PublicBlacklistDocument,
    "query PublicRedlist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicRedlist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}": types.PublicRedlistDocument,
    "query ListGrounds($list: ListType) { listGrounds(list: $list) { code name article } }": types.ListGroundsDocument,
    "fragment PublicEntryDisclosure on ListEntry { id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber\n  disclosure { name kind identifier sex ageBand employer registeredAddress nature legalRepresentative } }": types.PublicEntryDisclosureFragmentDoc,
    "query PublicBlacklistEntry($filter: ListFilter) {\n  entries: publicBlacklist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}": types.PublicBlacklistEntryDocument,
    "query PublicRedlistEntry($filter: ListFilter) {\n  entries: publicRedlist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}": types.PublicRedlistEntryDocument,
    "query Measures($list: ListType, $scenario: Scenario) { measures(list: $list, scenario: $scenario) { code kind list title decision grounds basis department } }": types.MeasuresDocument,
    "query MyFile($identifier: String!) {\n  subject(identifier: $identifier) {\n    id kind name identifier\n    records { ...CreditRecordRow severity status }\n    listEntries(includeInactive: true) { ...ListEntryRow status facts underObjection repairPublicityUntil }\n    objections { id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } }\n    repairCases { id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history { ...WorkflowStepRow } }\n  }\n}": types.MyFileDocument,
    "mutation FileObjection($input: ObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }": types.FileObjectionDocument,
    "query RepairEligibility($targetId: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $targetId, rectifiedOn: $rectifiedOn) { eligible earliestOn explanation nextSteps } }": types.RepairEligibilityDocument,
    "mutation ApplyForRepair($input: RepairInput!) { applyForRepair(input: $input) { id dueOn dueOnProvisional } }": types.ApplyForRepairDocument,
    "query MyConsents { myConsents { id grantee purpose validFrom validUntil revokedAt valid } myAccessLog(first: 500) { edges { node { consentIds } } } }": types.MyConsentsDocument,
    "query MyAccessLog($first: Int!, $after: String) { myAccessLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at role org purpose outcome categories } } } }": types.MyAccessLogDocument,
    "query MyCreditReports { myCreditReports { id issuedAt validUntil revokedAt status purpose tiers } }": types.MyCreditReportsDocument,
    "mutation IssueCreditReport($input: CreditReportInput!) { myCreditReport(input: $input) { id issuedAt verificationCode pdfBase64 } }": types.IssueCreditReportDocument,
    "mutation RevokeCreditReport($id: ID!) { revokeCreditReport(id: $id) { id status } }": types.RevokeCreditReportDocument,
    "mutation GrantConsent($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose validUntil } }": types.GrantConsentDocument,
    "mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { id revokedAt } }": types.RevokeConsentDocument,
    "query WorkbenchObjections($state: ObjectionState) { objections(state: $state) { id subject { identifier name } targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }": types.WorkbenchObjectionsDocument,
    "query WorkbenchRepairCases($state: RepairState) { repairCases(state: $state) { id subject { identifier name } targetType state commitment appliedOn rectifiedOn dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }": types.WorkbenchRepairCasesDocument,
    "mutation MoveObjection($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { id state } }": types.MoveObjectionDocument,
    "mutation MoveRepairCase($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { id state } }": types.MoveRepairCaseDocument,
    "query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }": types.CalendarStatusDocument,
    "query UnitReports($quarter: String!) { unitReports(quarter: $quarter) { quarter unit complete entriesRecognized latePushes measuresApplied objectionsCorrected } }": types.UnitReportsDocument,
    "query MeasureStats($from: Date, $to: Date) { measureStats(from: $from, to: $to) { measure { code title } applications subjects reporters outcomes { outcome count } } }": types.MeasureStatsDocument,
    "query PublicationReviews($after: String) { publicationReviews(first: 20, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor }\n  edges { node { id item provider kind submittedAt subject { identifier name } texts { field text hits { path category label law start end } } } } } }": types.PublicationReviewsDocument,
    "mutation DecidePublication($input: PublicationDecisionInput!) { decidePublication(input: $input) { id state } }": types.DecidePublicationDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CreditRecordRow on CreditRecord { id category tier title provider decidedOn expiresOn underObjection }"): typeof import('./graphql').CreditRecordRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment ListEntryRow on ListEntry { id list groundsDescription recognizedByName recognizedOn validUntil }"): typeof import('./graphql').ListEntryRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment WorkflowStepRow on WorkflowStep { from to role note at }"): typeof import('./graphql').WorkflowStepRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditEvents($filter: AuditFilter, $first: Int!, $after: String) { auditEvents(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at actor role org purpose operationName outcome errorCodes subjects categories } } } }"): typeof import('./graphql').AuditEventsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditChain { auditChain { verified length brokenAt reason } }"): typeof import('./graphql').AuditChainDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AuditAlerts($from: DateTime, $to: DateTime) { auditAlerts(from: $from, to: $to) { rule actor role org at count detail } }"): typeof import('./graphql').AuditAlertsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment CheckedSubject on Subject { kind name identifier\n  records { ...CreditRecordRow status }\n  listEntries { ...ListEntryRow status facts } }"): typeof import('./graphql').CheckedSubjectFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ConsentedCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject authorized: records(tier: AUTHORIZED) { id } } }"): typeof import('./graphql').ConsentedCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject } }"): typeof import('./graphql').PublicCheckDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Screen($identifiers: [String!]!, $scenario: Scenario!) { screen(identifiers: $identifiers, scenario: $scenario) { identifier decision reasons error measures { code title } } }"): typeof import('./graphql').ScreenDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query VerifyCreditReport($code: String!) { verifyCreditReport(code: $code) { genuine status issuedAt validUntil revokedAt keyId content changedSinceIssue changedItemIds } }"): typeof import('./graphql').VerifyCreditReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListCounts { publicBlacklist(first: 1) { totalCount } publicRedlist(first: 1) { totalCount } }"): typeof import('./graphql').ListCountsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SearchOrganisations($name: String!, $first: Int) { searchOrganisations(name: $name, first: $first) { identifier name kind } }"): typeof import('./graphql').SearchOrganisationsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicSubject($identifier: String!) {\n  subject(identifier: $identifier) {\n    name identifier kind\n    records { ...CreditRecordRow severity }\n    listEntries { ...ListEntryRow }\n  }\n}"): typeof import('./graphql').PublicSubjectDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PublicListRow on ListEntry { id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure { name identifier kind } }"): typeof import('./graphql').PublicListRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicBlacklist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicBlacklist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}"): typeof import('./graphql').PublicBlacklistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicRedlist($filter: ListFilter, $first: Int!, $after: String) {\n  entries: publicRedlist(filter: $filter, first: $first, after: $after) {\n    totalCount\n    pageInfo { hasNextPage endCursor }\n    edges { node { ...PublicListRow } }\n  }\n}"): typeof import('./graphql').PublicRedlistDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ListGrounds($list: ListType) { listGrounds(list: $list) { code name article } }"): typeof import('./graphql').ListGroundsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PublicEntryDisclosure on ListEntry { id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber\n  disclosure { name kind identifier sex ageBand employer registeredAddress nature legalRepresentative } }"): typeof import('./graphql').PublicEntryDisclosureFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicBlacklistEntry($filter: ListFilter) {\n  entries: publicBlacklist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}"): typeof import('./graphql').PublicBlacklistEntryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicRedlistEntry($filter: ListFilter) {\n  entries: publicRedlist(filter: $filter, first: 1) { edges { node { ...PublicEntryDisclosure } } }\n}"): typeof import('./graphql').PublicRedlistEntryDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Measures($list: ListType, $scenario: Scenario) { measures(list: $list, scenario: $scenario) { code kind list title decision grounds basis department } }"): typeof import('./graphql').MeasuresDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyFile($identifier: String!) {\n  subject(identifier: $identifier) {\n    id kind name identifier\n    records { ...CreditRecordRow severity status }\n    listEntries(includeInactive: true) { ...ListEntryRow status facts underObjection repairPublicityUntil }\n    objections { id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } }\n    repairCases { id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history { ...WorkflowStepRow } }\n  }\n}"): typeof import('./graphql').MyFileDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation FileObjection($input: ObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }"): typeof import('./graphql').FileObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RepairEligibility($targetId: ID!, $rectifiedOn: Date) { repairEligibility(targetId: $targetId, rectifiedOn: $rectifiedOn) { eligible earliestOn explanation nextSteps } }"): typeof import('./graphql').RepairEligibilityDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation ApplyForRepair($input: RepairInput!) { applyForRepair(input: $input) { id dueOn dueOnProvisional } }"): typeof import('./graphql').ApplyForRepairDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyConsents { myConsents { id grantee purpose validFrom validUntil revokedAt valid } myAccessLog(first: 500) { edges { node { consentIds } } } }"): typeof import('./graphql').MyConsentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyAccessLog($first: Int!, $after: String) { myAccessLog(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id at role org purpose outcome categories } } } }"): typeof import('./graphql').MyAccessLogDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MyCreditReports { myCreditReports { id issuedAt validUntil revokedAt status purpose tiers } }"): typeof import('./graphql').MyCreditReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation IssueCreditReport($input: CreditReportInput!) { myCreditReport(input: $input) { id issuedAt verificationCode pdfBase64 } }"): typeof import('./graphql').IssueCreditReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeCreditReport($id: ID!) { revokeCreditReport(id: $id) { id status } }"): typeof import('./graphql').RevokeCreditReportDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation GrantConsent($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose validUntil } }"): typeof import('./graphql').GrantConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation RevokeConsent($id: ID!) { revokeConsent(id: $id) { id revokedAt } }"): typeof import('./graphql').RevokeConsentDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkbenchObjections($state: ObjectionState) { objections(state: $state) { id subject { identifier name } targetType ground statement state filedAt dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }"): typeof import('./graphql').WorkbenchObjectionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query WorkbenchRepairCases($state: RepairState) { repairCases(state: $state) { id subject { identifier name } targetType state commitment appliedOn rectifiedOn dueOn dueOnProvisional overdue history { ...WorkflowStepRow } movesAllowed } }"): typeof import('./graphql').WorkbenchRepairCasesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MoveObjection($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { id state } }"): typeof import('./graphql').MoveObjectionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation MoveRepairCase($id: ID!, $to: RepairState!, $note: String) { moveRepairCase(id: $id, to: $to, note: $note) { id state } }"): typeof import('./graphql').MoveRepairCaseDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query CalendarStatus { calendarStatus { today thisYear { year official source } nextYear { year official source } warning } }"): typeof import('./graphql').CalendarStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query UnitReports($quarter: String!) { unitReports(quarter: $quarter) { quarter unit complete entriesRecognized latePushes measuresApplied objectionsCorrected } }"): typeof import('./graphql').UnitReportsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query MeasureStats($from: Date, $to: Date) { measureStats(from: $from, to: $to) { measure { code title } applications subjects reporters outcomes { outcome count } } }"): typeof import('./graphql').MeasureStatsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query PublicationReviews($after: String) { publicationReviews(first: 20, after: $after) {\n  totalCount pageInfo { hasNextPage endCursor }\n  edges { node { id item provider kind submittedAt subject { identifier name } texts { field text hits { path category label law start end } } } } } }"): typeof import('./graphql').PublicationReviewsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "mutation DecidePublication($input: PublicationDecisionInput!) { decidePublication(input: $input) { id state } }"): typeof import('./graphql').DecidePublicationDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
