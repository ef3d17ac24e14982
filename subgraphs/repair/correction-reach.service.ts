import { subject as policySubject } from "@casl/ability";
import { NotFoundError } from "../../platform/errors";
import { discloseReadable } from "../shared/disclose";
import { isUuid } from "../shared/ids";
import { findListEntrySummary, listCorrectionRecipients } from "../lists/list-entry.registry";
import { findRecordSummary } from "../records/credit-record.registry";
import { findReliance } from "./correction-notice.service";
import { AffectedScreening, CorrectionReach, CorrectionRecipient } from "./correction-reach.type";
import type { ObjectionContext } from "./objection.loaders";
import { findObjectionById, findWorkflowTarget, listWorkflowEvents } from "./repair.repository";

/**
 * `correctionReach`: for the credit centre, the organisations a corrected objection's item reached and the
 * screening answers given on it, recomputed from the audit over the same window the notices were sent for
 * (publication to the CORRECTED step), beside when each notice went out.
 */
export async function findCorrectionReach(
  context: ObjectionContext,
  objectionId: string,
): Promise<CorrectionReach> {
  const notFound = () => new NotFoundError("no corrected objection with that id is visible to you");
  const objection = isUuid(objectionId) ? await findObjectionById(context.db, objectionId) : undefined;
  const policy =
    objection && policySubject("CorrectionReach", { subjectIdentifier: objection.subject_identifier });
  if (!objection || !policy || !context.ability.can("read", policy) || objection.state !== "CORRECTED")
    throw notFound();
  const correctedAt = (await listWorkflowEvents(context.db, [objection.id])).find(
    (event) => event.to_state === "CORRECTED",
  )?.at;
  const target = await findWorkflowTarget(context.db, objection.target_id);
  if (!correctedAt || !target) throw notFound();
  const item = {
    target,
    record: target.type === "CREDIT_RECORD" ? await findRecordSummary(context.db, target.id) : null,
    entry: target.type === "LIST_ENTRY" ? await findListEntrySummary(context.db, target.id) : null,
  };
  const [reliance, notified] = await Promise.all([
    findReliance(context.db, item, correctedAt),
    listCorrectionRecipients(context.db, objection.id),
  ]);
  const notifiedAt = new Map(notified.map((notice) => [notice.org, notice.notifiedAt]));
  const reach = Object.assign(new CorrectionReach(), {
    objectionId: objection.id,
    correctedItemId: target.id,
    correctedAt,
    recipients: reliance.map((organisation) =>
      Object.assign(new CorrectionRecipient(), {
        org: organisation.org,
        role: organisation.role,
        readItem: organisation.reads.length > 0,
        screened: organisation.screenings.length > 0,
        notifiedAt: notifiedAt.get(organisation.org) ?? null,
      }),
    ),
    affectedScreenings: reliance
      .flatMap((organisation) =>
        organisation.screenings.map((screening) =>
          Object.assign(new AffectedScreening(), {
            org: organisation.org,
            role: organisation.role,
            ...screening,
          }),
        ),
      )
      .sort((a, b) => a.at.getTime() - b.at.getTime()),
  });
  return discloseReadable(context, [reach], {
    entityType: "CorrectionReach",
    policyOf: () => policy,
    subjectIdOf: () => objection.subject_id,
    subjectIdentifierOf: () => objection.subject_identifier,
    tierOf: () => "AUTHORIZED",
    toType: (row) => row,
  })[0]!;
}
