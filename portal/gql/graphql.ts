/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type AuditFilter = {
  actor?: string | null | undefined;
  from?: string | null | undefined;
  /** Operation name. */
  operation?: string | null | undefined;
  org?: string | null | undefined;
  outcome?: AuditOutcome | null | undefined;
  purpose?: string | null | undefined;
  role?: Role | null | undefined;
  /** A subject identifier: events that disclosed its data. */
  subject?: string | null | undefined;
  to?: string | null | undefined;
};

export type AuditOutcome =
  | 'DENIED'
  | 'ERROR'
  | 'OK'
  /** A mutation's event, written before it ran, whose outcome was not recorded: still running, or the audit failed after it (its effect may be stored). */
  | 'PENDING';

export type ConsentInput = {
  /** The signed document, or its SHA-256 (64 hex characters); only the hash is kept. */
  evidence?: string | null | undefined;
  /** Organisation code (USCC) of the party allowed to read. */
  grantee: string;
  purpose: Purpose;
  /** Default: now. */
  validFrom?: string | null | undefined;
  validUntil: string;
};

export type CreditReportInput = {
  /** What the report is for (e.g. EMPLOYMENT_SCREENING, PUBLIC_RESOURCE_TRADING); printed on it. */
  purpose: Purpose;
  /** Tiers to show besides PUBLIC (always shown): GOVERNMENT, AUTHORIZED. Default: PUBLIC only. */
  tiers?: Array<Tier> | null | undefined;
  /** Days the verification code stays valid: 1 to 90, default 30. */
  validDays?: number | null | undefined;
};

/** Where a report's verification code stands. */
export type CreditReportStatus =
  /** Past the validity the subject chose: the content is no longer shown. */
  | 'EXPIRED'
  /** Revoked by the subject: the content is no longer shown. */
  | 'REVOKED'
  /** No report was issued with this code. */
  | 'UNKNOWN'
  /** Issued, not revoked, within its validity: the content is shown. */
  | 'VALID';

/** BLOCK > REVIEW > GREEN_CHANNEL > PASS */
export type Decision =
  | 'BLOCK'
  | 'GREEN_CHANNEL'
  | 'PASS'
  | 'REVIEW';

export type ListFilter = {
  /** Recognised on or after. */
  from?: string | null | undefined;
  grounds?: string | null | undefined;
  /** One entry by its id (the portal's disclosure page of an entry); still only an entry in force on this list. */
  id?: string | number | null | undefined;
  /** Part of the subject's name. */
  name?: string | null | undefined;
  recognizedBy?: string | null | undefined;
  /** Region code or its prefix (320800 Huai'an, 3208 …). */
  region?: string | null | undefined;
  /** Recognised on or before. */
  to?: string | null | undefined;
};

export type ListStatus =
  | 'ACTIVE'
  | 'EXPIRED'
  | 'REMOVED'
  | 'REPAIRED';

/** Red (守信) or black (失信) list, JRP arts. 3-14 */
export type ListType =
  | 'BLACK'
  | 'RED';

export type MeasureKind =
  | 'PUNISHMENT'
  | 'REWARD';

/** PCIM art. 28 */
export type ObjectionGround =
  | 'EXPIRED_STILL_USED'
  | 'PROHIBITED_DATA'
  | 'WRONG_OR_INCOMPLETE';

export type ObjectionInput = {
  evidence?: string | null | undefined;
  ground: ObjectionGround;
  statement: string;
  /** The id of your CreditRecord or ListEntry. */
  targetId: string | number;
};

/** PCIM arts. 28-30, JRP arts. 15-17 */
export type ObjectionState =
  | 'APPEALED'
  | 'APPEAL_DISMISSED'
  | 'CORRECTED'
  | 'PROVIDER_VERIFYING'
  | 'SUBMITTED'
  | 'UNDER_REVIEW'
  | 'UPHELD';

/** PUBLISH as submitted; REDACT, publishing `redactedText` in place of the free text; RETURN_TO_PROVIDER with a `reason`, unpublished. */
export type PublicationDecision =
  | 'PUBLISH'
  | 'REDACT'
  | 'RETURN_TO_PROVIDER';

/** The credit centre's decision on an item awaiting its publication review. */
export type PublicationDecisionInput = {
  decision: PublicationDecision;
  /** The item's id (`PublicationReview.id`). */
  id: string | number;
  /** RETURN_TO_PROVIDER: why, for the provider; 1-500 characters. */
  reason?: string | null | undefined;
  /** REDACT: what the public reads in place of the free text (a record's title, an entry's facts); 1-2,000 characters, itself free of prohibited data. */
  redactedText?: string | null | undefined;
};

/** A credit record or a list entry. */
export type PublicationItem =
  | 'CREDIT_RECORD'
  | 'LIST_ENTRY';

/** The credit centre's review before a natural person's item is published (PCIM art. 14): PENDING, PUBLISHED, REDACTED (published with the reviewer's text), RETURNED (to its provider). */
export type PublicationState =
  | 'PENDING'
  | 'PUBLISHED'
  | 'REDACTED'
  | 'RETURNED';

/** The duty or purpose a query is made for (X-Credit-Purpose). */
export type Purpose =
  | 'ADMINISTRATIVE_LICENSING'
  | 'AWARDS'
  | 'BUSINESS_COOPERATION'
  | 'CREDIT_LENDING'
  | 'EMPLOYMENT_SCREENING'
  | 'FISCAL_FUNDS'
  | 'PUBLIC_EMPLOYMENT'
  | 'PUBLIC_RESOURCE_TRADING'
  | 'SUPERVISION';

/** PCIM arts. 9-13 */
export type RecordCategory =
  | 'BASIC'
  | 'NEGATIVE'
  | 'OTHER'
  | 'POSITIVE';

export type RecordStatus =
  | 'ACTIVE'
  | 'ARCHIVED'
  | 'CORRECTED'
  | 'EXPIRED'
  /** No longer published: an honour of a subject that entered the black list (JRP art. 14(11)); statusReason says which entry. */
  | 'SUSPENDED';

export type RepairInput = {
  /** The written credit commitment (信用承诺书). */
  commitment: string;
  evidence?: string | null | undefined;
  /** The day the obligations were fully performed or the rectification completed, shown by the evidence: JRP art. 18 and PCIM art. 31 count their periods from it. */
  rectifiedOn: string;
  /** The id of your CreditRecord or ListEntry. */
  targetId: string | number;
};

/** PCIM art. 32, JRP art. 19 */
export type RepairState =
  | 'APPLIED'
  | 'COMPLETED'
  | 'IN_PUBLICITY'
  | 'OBJECTED'
  | 'OPINION_SUPPORTED'
  | 'REJECTED';

export type Role =
  | 'AUDITOR'
  | 'CREDIT_AUTHORITY'
  | 'CREDIT_CENTER'
  | 'GOVERNMENT'
  | 'ORGANIZATION'
  | 'PROVIDER'
  | 'PUBLIC'
  | 'SUBJECT';

/** The business in which a measure applies */
export type Scenario =
  | 'ADMINISTRATIVE_LICENSING'
  | 'CREDIT_LENDING'
  | 'FISCAL_FUNDS'
  | 'HIGH_CONSUMPTION'
  | 'HONORS'
  | 'PROJECT_APPROVAL'
  | 'PUBLIC_EMPLOYMENT'
  | 'PUBLIC_RESOURCE_TRADING';

/** PCIM art. 15 */
export type Severity =
  | 'GENERAL'
  | 'SERIOUS'
  | 'SEVERE';

/** PCIM art. 2 */
export type SubjectKind =
  | 'LEGAL_PERSON'
  | 'NATURAL_PERSON'
  | 'OTHER_ORGANIZATION';

/** Use scope (PCIM arts. 18-24) */
export type Tier =
  | 'AUTHORIZED'
  | 'GOVERNMENT'
  | 'PUBLIC';

export type CreditRecordRowFragment = { id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean };

export type ListEntryRowFragment = { id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null };

export type WorkflowStepRowFragment = { from: string | null, to: string, role: string, note: string | null, at: string };

export type AuditEventsQueryVariables = Exact<{
  filter?: AuditFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type AuditEventsQuery = { auditEvents: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, actor: string | null, role: Role, org: string | null, purpose: string | null, operationName: string | null, outcome: AuditOutcome, errorCodes: Array<string>, subjects: Array<string>, categories: Array<string> } }> } };

export type AuditChainQueryVariables = Exact<{ [key: string]: never; }>;


export type AuditChainQuery = { auditChain: { verified: boolean, length: number, brokenAt: string | null, reason: string | null } };

export type AuditAlertsQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type AuditAlertsQuery = { auditAlerts: Array<{ rule: string, actor: string | null, role: string | null, org: string | null, at: string, count: number, detail: string }> };

export type CheckedSubjectFragment = { kind: SubjectKind, name: string, identifier: string, records: Array<{ status: RecordStatus, id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean }>, listEntries: Array<{ status: ListStatus, facts: string, id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null }> };

export type ConsentedCheckQueryVariables = Exact<{
  identifier: string;
}>;


export type ConsentedCheckQuery = { subject: { kind: SubjectKind, name: string, identifier: string, authorized: Array<{ id: string }>, records: Array<{ status: RecordStatus, id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean }>, listEntries: Array<{ status: ListStatus, facts: string, id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null }> } | null };

export type PublicCheckQueryVariables = Exact<{
  identifier: string;
}>;


export type PublicCheckQuery = { subject: { kind: SubjectKind, name: string, identifier: string, records: Array<{ status: RecordStatus, id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean }>, listEntries: Array<{ status: ListStatus, facts: string, id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null }> } | null };

export type ScreenQueryVariables = Exact<{
  identifiers: Array<string> | string;
  scenario: Scenario;
}>;


export type ScreenQuery = { screen: Array<{ identifier: string, decision: Decision, reasons: Array<string>, error: string | null, measures: Array<{ code: string, title: string }> }> };

export type VerifyCreditReportQueryVariables = Exact<{
  code: string;
}>;


export type VerifyCreditReportQuery = { verifyCreditReport: { genuine: boolean, status: CreditReportStatus, issuedAt: string | null, validUntil: string | null, revokedAt: string | null, keyId: string | null, content: unknown, changedSinceIssue: boolean | null, changedItemIds: Array<string> } };

export type ListCountsQueryVariables = Exact<{ [key: string]: never; }>;


export type ListCountsQuery = { publicBlacklist: { totalCount: number }, publicRedlist: { totalCount: number } };

export type SearchOrganisationsQueryVariables = Exact<{
  name: string;
  first?: number | null | undefined;
}>;


export type SearchOrganisationsQuery = { searchOrganisations: Array<{ identifier: string, name: string, kind: SubjectKind }> };

export type PublicSubjectQueryVariables = Exact<{
  identifier: string;
}>;


export type PublicSubjectQuery = { subject: { name: string, identifier: string, kind: SubjectKind, records: Array<{ severity: Severity | null, id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean }>, listEntries: Array<{ id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null }> } | null };

export type PublicListRowFragment = { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, grounds: string, groundsDescription: string, disclosure: { name: string, identifier: string, kind: SubjectKind } };

export type PublicBlacklistQueryVariables = Exact<{
  filter?: ListFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PublicBlacklistQuery = { entries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, grounds: string, groundsDescription: string, disclosure: { name: string, identifier: string, kind: SubjectKind } } }> } };

export type PublicRedlistQueryVariables = Exact<{
  filter?: ListFilter | null | undefined;
  first: number;
  after?: string | null | undefined;
}>;


export type PublicRedlistQuery = { entries: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, grounds: string, groundsDescription: string, disclosure: { name: string, identifier: string, kind: SubjectKind } } }> } };

export type ListGroundsQueryVariables = Exact<{
  list?: ListType | null | undefined;
}>;


export type ListGroundsQuery = { listGrounds: Array<{ code: string, name: string, article: string }> };

export type PublicEntryDisclosureFragment = { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, facts: string, basis: string, groundsDescription: string, documentNumber: string, disclosure: { name: string, kind: SubjectKind, identifier: string, sex: string | null, ageBand: string | null, employer: string | null, registeredAddress: string | null, nature: string | null, legalRepresentative: string | null } };

export type PublicBlacklistEntryQueryVariables = Exact<{
  filter?: ListFilter | null | undefined;
}>;


export type PublicBlacklistEntryQuery = { entries: { edges: Array<{ node: { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, facts: string, basis: string, groundsDescription: string, documentNumber: string, disclosure: { name: string, kind: SubjectKind, identifier: string, sex: string | null, ageBand: string | null, employer: string | null, registeredAddress: string | null, nature: string | null, legalRepresentative: string | null } } }> } };

export type PublicRedlistEntryQueryVariables = Exact<{
  filter?: ListFilter | null | undefined;
}>;


export type PublicRedlistEntryQuery = { entries: { edges: Array<{ node: { id: string, recognizedByName: string, recognizedOn: string, validUntil: string | null, facts: string, basis: string, groundsDescription: string, documentNumber: string, disclosure: { name: string, kind: SubjectKind, identifier: string, sex: string | null, ageBand: string | null, employer: string | null, registeredAddress: string | null, nature: string | null, legalRepresentative: string | null } } }> } };

export type MeasuresQueryVariables = Exact<{
  list?: ListType | null | undefined;
  scenario?: Scenario | null | undefined;
}>;


export type MeasuresQuery = { measures: Array<{ code: string, kind: MeasureKind, list: ListType, title: string, decision: Decision, grounds: Array<string>, basis: string, department: string }> };

export type MyFileQueryVariables = Exact<{
  identifier: string;
}>;


export type MyFileQuery = { subject: { id: string, kind: SubjectKind, name: string, identifier: string, records: Array<{ severity: Severity | null, status: RecordStatus, id: string, category: RecordCategory, tier: Tier, title: string, provider: string, decidedOn: string, expiresOn: string | null, underObjection: boolean }>, listEntries: Array<{ status: ListStatus, facts: string, underObjection: boolean, repairPublicityUntil: string | null, id: string, list: ListType, groundsDescription: string, recognizedByName: string, recognizedOn: string, validUntil: string | null }>, objections: Array<{ id: string, targetId: string, targetType: string, ground: ObjectionGround, statement: string, state: ObjectionState, filedAt: string, dueOn: string | null, dueOnProvisional: boolean, overdue: boolean, history: Array<{ from: string | null, to: string, role: string, note: string | null, at: string }> }>, repairCases: Array<{ id: string, targetId: string | null, targetType: string | null, state: RepairState, appliedOn: string | null, rectifiedOn: string | null, dueOn: string | null, dueOnProvisional: boolean, overdue: boolean, completedOn: string | null, history: Array<{ from: string | null, to: string, role: string, note: string | null, at: string }> }> } | null };

export type FileObjectionMutationVariables = Exact<{
  input: ObjectionInput;
}>;


export type FileObjectionMutation = { fileObjection: { id: string, dueOn: string | null, dueOnProvisional: boolean } };

export type RepairEligibilityQueryVariables = Exact<{
  targetId: string | number;
  rectifiedOn?: string | null | undefined;
}>;


export type RepairEligibilityQuery = { repairEligibility: { eligible: boolean, earliestOn: string | null, explanation: string, nextSteps: Array<string> } };

export type ApplyForRepairMutationVariables = Exact<{
  input: RepairInput;
}>;


export type ApplyForRepairMutation = { applyForRepair: { id: string, dueOn: string | null, dueOnProvisional: boolean } };

export type MyConsentsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyConsentsQuery = { myConsents: Array<{ id: string, grantee: string, purpose: Purpose, validFrom: string, validUntil: string, revokedAt: string | null, valid: boolean }>, myAccessLog: { edges: Array<{ node: { consentIds: Array<string> } }> } };

export type MyAccessLogQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type MyAccessLogQuery = { myAccessLog: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, at: string, role: Role, org: string | null, purpose: string | null, outcome: AuditOutcome, categories: Array<string> } }> } };

export type MyCreditReportsQueryVariables = Exact<{ [key: string]: never; }>;


export type MyCreditReportsQuery = { myCreditReports: Array<{ id: string, issuedAt: string, validUntil: string, revokedAt: string | null, status: CreditReportStatus, purpose: Purpose, tiers: Array<Tier> }> };

export type IssueCreditReportMutationVariables = Exact<{
  input: CreditReportInput;
}>;


export type IssueCreditReportMutation = { myCreditReport: { id: string, issuedAt: string, verificationCode: string | null, pdfBase64: string | null } };

export type RevokeCreditReportMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeCreditReportMutation = { revokeCreditReport: { id: string, status: CreditReportStatus } };

export type GrantConsentMutationVariables = Exact<{
  input: ConsentInput;
}>;


export type GrantConsentMutation = { grantConsent: { id: string, grantee: string, purpose: Purpose, validUntil: string } };

export type RevokeConsentMutationVariables = Exact<{
  id: string | number;
}>;


export type RevokeConsentMutation = { revokeConsent: { id: string, revokedAt: string | null } };

export type WorkbenchObjectionsQueryVariables = Exact<{
  state?: ObjectionState | null | undefined;
}>;


export type WorkbenchObjectionsQuery = { objections: Array<{ id: string, targetType: string, ground: ObjectionGround, statement: string, state: ObjectionState, filedAt: string, dueOn: string | null, dueOnProvisional: boolean, overdue: boolean, movesAllowed: Array<ObjectionState>, subject: { identifier: string, name: string }, history: Array<{ from: string | null, to: string, role: string, note: string | null, at: string }> }> };

export type WorkbenchRepairCasesQueryVariables = Exact<{
  state?: RepairState | null | undefined;
}>;


export type WorkbenchRepairCasesQuery = { repairCases: Array<{ id: string, targetType: string | null, state: RepairState, commitment: string | null, appliedOn: string | null, rectifiedOn: string | null, dueOn: string | null, dueOnProvisional: boolean, overdue: boolean, movesAllowed: Array<RepairState>, subject: { identifier: string, name: string } | null, history: Array<{ from: string | null, to: string, role: string, note: string | null, at: string }> }> };

export type MoveObjectionMutationVariables = Exact<{
  id: string | number;
  to: ObjectionState;
  note?: string | null | undefined;
}>;


export type MoveObjectionMutation = { moveObjection: { id: string, state: ObjectionState } };

export type MoveRepairCaseMutationVariables = Exact<{
  id: string | number;
  to: RepairState;
  note?: string | null | undefined;
}>;


export type MoveRepairCaseMutation = { moveRepairCase: { id: string, state: RepairState } };

export type CalendarStatusQueryVariables = Exact<{ [key: string]: never; }>;


export type CalendarStatusQuery = { calendarStatus: { today: string, warning: string | null, thisYear: { year: number, official: boolean, source: string }, nextYear: { year: number, official: boolean, source: string } } };

export type UnitReportsQueryVariables = Exact<{
  quarter: string;
}>;


export type UnitReportsQuery = { unitReports: Array<{ quarter: string, unit: string, complete: boolean, entriesRecognized: number, latePushes: number, measuresApplied: number, objectionsCorrected: number }> };

export type MeasureStatsQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type MeasureStatsQuery = { measureStats: Array<{ applications: number, subjects: number, reporters: number, measure: { code: string, title: string }, outcomes: Array<{ outcome: string, count: number }> }> };

export type PublicationReviewsQueryVariables = Exact<{
  after?: string | null | undefined;
}>;


export type PublicationReviewsQuery = { publicationReviews: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ node: { id: string, item: PublicationItem, provider: string, kind: string, submittedAt: string, subject: { identifier: string, name: string }, texts: Array<{ field: string, text: string, hits: Array<{ path: string, category: string, label: string, law: string, start: number | null, end: number | null }> }> } }> } };

export type DecidePublicationMutationVariables = Exact<{
  input: PublicationDecisionInput;
}>;


export type DecidePublicationMutation = { decidePublication: { id: string, state: PublicationState } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const WorkflowStepRowFragmentDoc = new TypedDocumentString("fragment WorkflowStepRow on WorkflowStep{from to role note at}", {"fragmentName":"WorkflowStepRow"}) as unknown as TypedDocumentString<WorkflowStepRowFragment, unknown>;
export const CreditRecordRowFragmentDoc = new TypedDocumentString("fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}", {"fragmentName":"CreditRecordRow"}) as unknown as TypedDocumentString<CreditRecordRowFragment, unknown>;
export const ListEntryRowFragmentDoc = new TypedDocumentString("fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}", {"fragmentName":"ListEntryRow"}) as unknown as TypedDocumentString<ListEntryRowFragment, unknown>;
export const CheckedSubjectFragmentDoc = new TypedDocumentString("fragment CheckedSubject on Subject{kind name identifier records{...CreditRecordRow status}listEntries{...ListEntryRow status facts}}fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}", {"fragmentName":"CheckedSubject"}) as unknown as TypedDocumentString<CheckedSubjectFragment, unknown>;
export const PublicListRowFragmentDoc = new TypedDocumentString("fragment PublicListRow on ListEntry{id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure{name identifier kind}}", {"fragmentName":"PublicListRow"}) as unknown as TypedDocumentString<PublicListRowFragment, unknown>;
export const PublicEntryDisclosureFragmentDoc = new TypedDocumentString("fragment PublicEntryDisclosure on ListEntry{id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber disclosure{name kind identifier sex ageBand employer registeredAddress nature legalRepresentative}}", {"fragmentName":"PublicEntryDisclosure"}) as unknown as TypedDocumentString<PublicEntryDisclosureFragment, unknown>;
export const AuditEventsDocument = new TypedDocumentString("query AuditEvents($filter:AuditFilter$first:Int!$after:String){auditEvents(filter:$filter first:$first after:$after){totalCount pageInfo{hasNextPage endCursor}edges{node{id at actor role org purpose operationName outcome errorCodes subjects categories}}}}") as unknown as TypedDocumentString<AuditEventsQuery, AuditEventsQueryVariables>;
export const AuditChainDocument = new TypedDocumentString("query AuditChain{auditChain{verified length brokenAt reason}}") as unknown as TypedDocumentString<AuditChainQuery, AuditChainQueryVariables>;
export const AuditAlertsDocument = new TypedDocumentString("query AuditAlerts($from:DateTime$to:DateTime){auditAlerts(from:$from to:$to){rule actor role org at count detail}}") as unknown as TypedDocumentString<AuditAlertsQuery, AuditAlertsQueryVariables>;
export const ConsentedCheckDocument = new TypedDocumentString("query ConsentedCheck($identifier:String!){subject(identifier:$identifier){...CheckedSubject authorized:records(tier:AUTHORIZED){id}}}fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}fragment CheckedSubject on Subject{kind name identifier records{...CreditRecordRow status}listEntries{...ListEntryRow status facts}}") as unknown as TypedDocumentString<ConsentedCheckQuery, ConsentedCheckQueryVariables>;
export const PublicCheckDocument = new TypedDocumentString("query PublicCheck($identifier:String!){subject(identifier:$identifier){...CheckedSubject}}fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}fragment CheckedSubject on Subject{kind name identifier records{...CreditRecordRow status}listEntries{...ListEntryRow status facts}}") as unknown as TypedDocumentString<PublicCheckQuery, PublicCheckQueryVariables>;
export const ScreenDocument = new TypedDocumentString("query Screen($identifiers:[String!]!$scenario:Scenario!){screen(identifiers:$identifiers scenario:$scenario){identifier decision reasons error measures{code title}}}") as unknown as TypedDocumentString<ScreenQuery, ScreenQueryVariables>;
export const VerifyCreditReportDocument = new TypedDocumentString("query VerifyCreditReport($code:String!){verifyCreditReport(code:$code){genuine status issuedAt validUntil revokedAt keyId content changedSinceIssue changedItemIds}}") as unknown as TypedDocumentString<VerifyCreditReportQuery, VerifyCreditReportQueryVariables>;
export const ListCountsDocument = new TypedDocumentString("query ListCounts{publicBlacklist(first:1){totalCount}publicRedlist(first:1){totalCount}}") as unknown as TypedDocumentString<ListCountsQuery, ListCountsQueryVariables>;
export const SearchOrganisationsDocument = new TypedDocumentString("query SearchOrganisations($name:String!$first:Int){searchOrganisations(name:$name first:$first){identifier name kind}}") as unknown as TypedDocumentString<SearchOrganisationsQuery, SearchOrganisationsQueryVariables>;
export const PublicSubjectDocument = new TypedDocumentString("query PublicSubject($identifier:String!){subject(identifier:$identifier){name identifier kind records{...CreditRecordRow severity}listEntries{...ListEntryRow}}}fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}") as unknown as TypedDocumentString<PublicSubjectQuery, PublicSubjectQueryVariables>;
export const PublicBlacklistDocument = new TypedDocumentString("query PublicBlacklist($filter:ListFilter$first:Int!$after:String){entries:publicBlacklist(filter:$filter first:$first after:$after){totalCount pageInfo{hasNextPage endCursor}edges{node{...PublicListRow}}}}fragment PublicListRow on ListEntry{id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure{name identifier kind}}") as unknown as TypedDocumentString<PublicBlacklistQuery, PublicBlacklistQueryVariables>;
export const PublicRedlistDocument = new TypedDocumentString("query PublicRedlist($filter:ListFilter$first:Int!$after:String){entries:publicRedlist(filter:$filter first:$first after:$after){totalCount pageInfo{hasNextPage endCursor}edges{node{...PublicListRow}}}}fragment PublicListRow on ListEntry{id recognizedByName recognizedOn validUntil grounds groundsDescription disclosure{name identifier kind}}") as unknown as TypedDocumentString<PublicRedlistQuery, PublicRedlistQueryVariables>;
export const ListGroundsDocument = new TypedDocumentString("query ListGrounds($list:ListType){listGrounds(list:$list){code name article}}") as unknown as TypedDocumentString<ListGroundsQuery, ListGroundsQueryVariables>;
export const PublicBlacklistEntryDocument = new TypedDocumentString("query PublicBlacklistEntry($filter:ListFilter){entries:publicBlacklist(filter:$filter first:1){edges{node{...PublicEntryDisclosure}}}}fragment PublicEntryDisclosure on ListEntry{id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber disclosure{name kind identifier sex ageBand employer registeredAddress nature legalRepresentative}}") as unknown as TypedDocumentString<PublicBlacklistEntryQuery, PublicBlacklistEntryQueryVariables>;
export const PublicRedlistEntryDocument = new TypedDocumentString("query PublicRedlistEntry($filter:ListFilter){entries:publicRedlist(filter:$filter first:1){edges{node{...PublicEntryDisclosure}}}}fragment PublicEntryDisclosure on ListEntry{id recognizedByName recognizedOn validUntil facts basis groundsDescription documentNumber disclosure{name kind identifier sex ageBand employer registeredAddress nature legalRepresentative}}") as unknown as TypedDocumentString<PublicRedlistEntryQuery, PublicRedlistEntryQueryVariables>;
export const MeasuresDocument = new TypedDocumentString("query Measures($list:ListType$scenario:Scenario){measures(list:$list scenario:$scenario){code kind list title decision grounds basis department}}") as unknown as TypedDocumentString<MeasuresQuery, MeasuresQueryVariables>;
export const MyFileDocument = new TypedDocumentString("query MyFile($identifier:String!){subject(identifier:$identifier){id kind name identifier records{...CreditRecordRow severity status}listEntries(includeInactive:true){...ListEntryRow status facts underObjection repairPublicityUntil}objections{id targetId targetType ground statement state filedAt dueOn dueOnProvisional overdue history{...WorkflowStepRow}}repairCases{id targetId targetType state appliedOn rectifiedOn dueOn dueOnProvisional overdue completedOn history{...WorkflowStepRow}}}}fragment CreditRecordRow on CreditRecord{id category tier title provider decidedOn expiresOn underObjection}fragment ListEntryRow on ListEntry{id list groundsDescription recognizedByName recognizedOn validUntil}fragment WorkflowStepRow on WorkflowStep{from to role note at}") as unknown as TypedDocumentString<MyFileQuery, MyFileQueryVariables>;
export const FileObjectionDocument = new TypedDocumentString("mutation FileObjection($input:ObjectionInput!){fileObjection(input:$input){id dueOn dueOnProvisional}}") as unknown as TypedDocumentString<FileObjectionMutation, FileObjectionMutationVariables>;
export const RepairEligibilityDocument = new TypedDocumentString("query RepairEligibility($targetId:ID!$rectifiedOn:Date){repairEligibility(targetId:$targetId rectifiedOn:$rectifiedOn){eligible earliestOn explanation nextSteps}}") as unknown as TypedDocumentString<RepairEligibilityQuery, RepairEligibilityQueryVariables>;
export const ApplyForRepairDocument = new TypedDocumentString("mutation ApplyForRepair($input:RepairInput!){applyForRepair(input:$input){id dueOn dueOnProvisional}}") as unknown as TypedDocumentString<ApplyForRepairMutation, ApplyForRepairMutationVariables>;
export const MyConsentsDocument = new TypedDocumentString("query MyConsents{myConsents{id grantee purpose validFrom validUntil revokedAt valid}myAccessLog(first:500){edges{node{consentIds}}}}") as unknown as TypedDocumentString<MyConsentsQuery, MyConsentsQueryVariables>;
export const MyAccessLogDocument = new TypedDocumentString("query MyAccessLog($first:Int!$after:String){myAccessLog(first:$first after:$after){totalCount pageInfo{hasNextPage endCursor}edges{node{id at role org purpose outcome categories}}}}") as unknown as TypedDocumentString<MyAccessLogQuery, MyAccessLogQueryVariables>;
export const MyCreditReportsDocument = new TypedDocumentString("query MyCreditReports{myCreditReports{id issuedAt validUntil revokedAt status purpose tiers}}") as unknown as TypedDocumentString<MyCreditReportsQuery, MyCreditReportsQueryVariables>;
export const IssueCreditReportDocument = new TypedDocumentString("mutation IssueCreditReport($input:CreditReportInput!){myCreditReport(input:$input){id issuedAt verificationCode pdfBase64}}") as unknown as TypedDocumentString<IssueCreditReportMutation, IssueCreditReportMutationVariables>;
export const RevokeCreditReportDocument = new TypedDocumentString("mutation RevokeCreditReport($id:ID!){revokeCreditReport(id:$id){id status}}") as unknown as TypedDocumentString<RevokeCreditReportMutation, RevokeCreditReportMutationVariables>;
export const GrantConsentDocument = new TypedDocumentString("mutation GrantConsent($input:ConsentInput!){grantConsent(input:$input){id grantee purpose validUntil}}") as unknown as TypedDocumentString<GrantConsentMutation, GrantConsentMutationVariables>;
export const RevokeConsentDocument = new TypedDocumentString("mutation RevokeConsent($id:ID!){revokeConsent(id:$id){id revokedAt}}") as unknown as TypedDocumentString<RevokeConsentMutation, RevokeConsentMutationVariables>;
export const WorkbenchObjectionsDocument = new TypedDocumentString("query WorkbenchObjections($state:ObjectionState){objections(state:$state){id subject{identifier name}targetType ground statement state filedAt dueOn dueOnProvisional overdue history{...WorkflowStepRow}movesAllowed}}fragment WorkflowStepRow on WorkflowStep{from to role note at}") as unknown as TypedDocumentString<WorkbenchObjectionsQuery, WorkbenchObjectionsQueryVariables>;
export const WorkbenchRepairCasesDocument = new TypedDocumentString("query WorkbenchRepairCases($state:RepairState){repairCases(state:$state){id subject{identifier name}targetType state commitment appliedOn rectifiedOn dueOn dueOnProvisional overdue history{...WorkflowStepRow}movesAllowed}}fragment WorkflowStepRow on WorkflowStep{from to role note at}") as unknown as TypedDocumentString<WorkbenchRepairCasesQuery, WorkbenchRepairCasesQueryVariables>;
export const MoveObjectionDocument = new TypedDocumentString("mutation MoveObjection($id:ID!$to:ObjectionState!$note:String){moveObjection(id:$id to:$to note:$note){id state}}") as unknown as TypedDocumentString<MoveObjectionMutation, MoveObjectionMutationVariables>;
export const MoveRepairCaseDocument = new TypedDocumentString("mutation MoveRepairCase($id:ID!$to:RepairState!$note:String){moveRepairCase(id:$id to:$to note:$note){id state}}") as unknown as TypedDocumentString<MoveRepairCaseMutation, MoveRepairCaseMutationVariables>;
export const CalendarStatusDocument = new TypedDocumentString("query CalendarStatus{calendarStatus{today thisYear{year official source}nextYear{year official source}warning}}") as unknown as TypedDocumentString<CalendarStatusQuery, CalendarStatusQueryVariables>;
export const UnitReportsDocument = new TypedDocumentString("query UnitReports($quarter:String!){unitReports(quarter:$quarter){quarter unit complete entriesRecognized latePushes measuresApplied objectionsCorrected}}") as unknown as TypedDocumentString<UnitReportsQuery, UnitReportsQueryVariables>;
export const MeasureStatsDocument = new TypedDocumentString("query MeasureStats($from:Date$to:Date){measureStats(from:$from to:$to){measure{code title}applications subjects reporters outcomes{outcome count}}}") as unknown as TypedDocumentString<MeasureStatsQuery, MeasureStatsQueryVariables>;
export const PublicationReviewsDocument = new TypedDocumentString("query PublicationReviews($after:String){publicationReviews(first:20 after:$after){totalCount pageInfo{hasNextPage endCursor}edges{node{id item provider kind submittedAt subject{identifier name}texts{field text hits{path category label law start end}}}}}}") as unknown as TypedDocumentString<PublicationReviewsQuery, PublicationReviewsQueryVariables>;
export const DecidePublicationDocument = new TypedDocumentString("mutation DecidePublication($input:PublicationDecisionInput!){decidePublication(input:$input){id state}}") as unknown as TypedDocumentString<DecidePublicationMutation, DecidePublicationMutationVariables>;