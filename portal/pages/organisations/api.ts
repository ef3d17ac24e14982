import { graphql } from "../../gql";

/** What an officer's check shows of a subject, whichever of the two checks answered. */
export const CHECKED_SUBJECT = graphql(`fragment CheckedSubject on Subject { kind name identifier
  records { ...CreditRecordRow status }
  listEntries { ...ListEntryRow status facts } }`);

/**
 * With the authorized tier asked for by name, a missing consent comes back as CONSENT_REQUIRED (the plain
 * `records` would silently leave those items out, and the officer could not tell "none" from "not allowed").
 */
export const CONSENTED_CHECK = graphql(
  `query ConsentedCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject authorized: records(tier: AUTHORIZED) { id } } }`,
);

export const PUBLIC_CHECK = graphql(
  `query PublicCheck($identifier: String!) { subject(identifier: $identifier) { ...CheckedSubject } }`,
);

export const SCREEN = graphql(
  `query Screen($identifiers: [String!]!, $scenario: Scenario!) { screen(identifiers: $identifiers, scenario: $scenario) { identifier decision reasons error measures { code title } } }`,
);

export const VERIFY_CREDIT_REPORT = graphql(
  `query VerifyCreditReport($code: String!) { verifyCreditReport(code: $code) { genuine status issuedAt validUntil revokedAt keyId content changedSinceIssue changedItemIds } }`,
);
