import { hasListEntryInForce } from "../subgraphs/lists/list-entry.registry";
import { hasCurrentPublicRecord } from "../subgraphs/records/credit-record.registry";
import type { PublicInformation } from "../subgraphs/subjects/subject.registry";

/**
 * A subject has public-tier information in force: a current PUBLIC record or a list entry in force, by the
 * records' and lists' own definitions. Subjects sit below records and lists on the ladder and cannot import
 * them; this is the predicate the subjects and reports subgraphs are given.
 */
export const publicInformation: PublicInformation = (eb, subjectIdColumn, today) =>
  eb.or([
    hasCurrentPublicRecord(eb, subjectIdColumn, today),
    hasListEntryInForce(eb, subjectIdColumn, today),
  ]);
