import type { Kysely } from "kysely";
import type { RecordsDatabase } from "./records.database";
import { expiryOf } from "./expiry.rules";
import { publicationOnSubmission } from "../../policies/publication";
import type { CheckedRecord } from "./record-submission.rules";
import type { DomainRules } from "../../platform/config";
import { listResponsiblePersons, relationHeld, registerSubjects } from "../subjects/subject.registry";
import {
  insertRecordRelations,
  insertRecordsIfNew,
  listRecordsByDocuments,
} from "./credit-record.repository";

export type StoredSubmission = Readonly<{
  accepted: number;
  created: number;
  ids: string[];
  /** Whose file each item was written to, at which tier: the audit names them. */
  written: ReadonlyArray<
    Readonly<{ subjectId: string; subjectIdentifier: string; tier: CheckedRecord["tier"] }>
  >;
}>;

/**
 * Stores checked items of one provider in one transaction: subjects registered, items inserted unless
 * (provider, document number) is already there, and a legal person's SEVERE items entered on its legal
 * representative's and responsible persons' records as related entries (PCIM art. 26).
 */
export async function storeRecords(
  db: Kysely<RecordsDatabase>,
  provider: string,
  records: readonly CheckedRecord[],
  rules: DomainRules,
): Promise<StoredSubmission> {
  return db.transaction().execute(async (trx) => {
    const subjects = await registerSubjects(
      trx,
      records.map((record) => record.subject),
    );
    const created = await insertRecordsIfNew(
      trx,
      records.map((record) => {
        const subject = subjects.get(record.subject.identifier)!;
        return {
          subject_id: subject.id,
          subject_identifier: subject.identifier,
          category: record.category,
          kind: record.kind,
          severity: record.severity,
          tier: record.tier,
          title: record.title,
          provider,
          document_number: record.documentNumber,
          decided_on: record.decidedOn,
          expires_on: expiryOf(record.category, record.severity, record.decidedOn, rules),
          status: "ACTIVE",
          attributes: JSON.stringify(record.attributes),
          publication: publicationOnSubmission(subject.kind, record.tier),
        };
      }),
    );
    const stored = await listRecordsByDocuments(
      trx,
      provider,
      records.map((record) => record.documentNumber),
    );
    const idByDocument = new Map(stored.map((row) => [row.document_number, row.id]));

    const severeOfOrganisations = records.filter(
      (record) => record.severity === "SEVERE" && record.subject.kind !== "NATURAL_PERSON",
    );
    if (severeOfOrganisations.length > 0) {
      const organisationIds = severeOfOrganisations.map(
        (record) => subjects.get(record.subject.identifier)!.id,
      );
      const persons = await listResponsiblePersons(trx, organisationIds);
      await insertRecordRelations(
        trx,
        severeOfOrganisations.flatMap((record) => {
          const organisationId = subjects.get(record.subject.identifier)!.id;
          return persons
            .filter(
              (person) =>
                person.organisation_id === organisationId && relationHeld.test(person, record.decidedOn),
            )
            .map((person) => ({
              record_id: idByDocument.get(record.documentNumber)!,
              related_subject_id: person.person_id,
              related_subject_identifier: person.person_identifier,
              relation: person.relation,
            }));
        }),
      );
    }
    return {
      accepted: records.length,
      created,
      ids: records.map((record) => idByDocument.get(record.documentNumber)!),
      written: records.map((record) => {
        const subject = subjects.get(record.subject.identifier)!;
        return { subjectId: subject.id, subjectIdentifier: subject.identifier, tier: record.tier };
      }),
    };
  });
}
