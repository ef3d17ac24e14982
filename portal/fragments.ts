import { graphql } from "./gql";

/*
 * The selections several pages share, each written once. A page adds the fields only it shows beside the
 * fragment, so every query still asks for exactly the fields its page reads.
 */

/** A credit record as every table of records shows it; a page adds `severity` or `status` where it shows them. */
export const CreditRecordRow = graphql(
  `fragment CreditRecordRow on CreditRecord { id category tier title provider decidedOn expiresOn underObjection }`,
);

/** A red or black list entry as every table of entries shows it. */
export const ListEntryRow = graphql(
  `fragment ListEntryRow on ListEntry { id list groundsDescription recognizedByName recognizedOn validUntil }`,
);

/** One step of an objection's or a repair case's history. */
export const WorkflowStepRow = graphql(`fragment WorkflowStepRow on WorkflowStep { from to role note at }`);
