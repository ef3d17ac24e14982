import { subject as policySubject } from "@casl/ability";
import type { Tier } from "../../domain/vocabulary";
import { namesNaturalPerson } from "../../domain/identifiers";
import { withholdProhibitedData } from "../../domain/prohibited-data";
import type { PolicySubject } from "../../policies/ability";
import type { DisclosedRow, SubgraphContext } from "./context";

/** How one entity type meets the policy and the audit: its policy shape, owner, tier and API mapping. */
export type DisclosedEntity<Row, Type> = Readonly<{
  entityType: string;
  policyOf(row: Row): PolicySubject;
  subjectIdOf(row: Row): string;
  subjectIdentifierOf(row: Row): string;
  tierOf(row: Row): Tier;
  /** The consent a row was read under, for the audit (PCIM art. 21). */
  consentIdOf?(row: Row): string | null;
  /** The item's own id, for entities a correction is made known about (credit records, list entries). */
  itemIdOf?(row: Row): string;
  toType(row: Row): Type;
}>;

/**
 * Defence in depth (PCIM art. 14): prohibited data that was stored all the same is withheld from everyone the
 * role table does not let read it (the subject alone, `ProhibitedData` in policies/roles.ts), scoped by the law
 * to natural persons: an organisation's own text is served as stored, its person fields are not. Each withheld
 * field is logged by entity, id and path, never by its text.
 */
export function withholdFromOthers<Type>(
  context: SubgraphContext<unknown>,
  entityType: string,
  subjectIdentifier: string,
  value: Type,
): Type {
  if (
    typeof value !== "object" ||
    value === null ||
    context.ability.can("read", policySubject("ProhibitedData", { subjectIdentifier }))
  )
    return value;
  return withholdProhibitedData(
    value,
    (finding) =>
      context.logger.warn(
        {
          entityType,
          id: (value as { id?: unknown }).id,
          field: finding.path,
          category: finding.category.name,
        },
        "prohibited data withheld",
      ),
    namesNaturalPerson(subjectIdentifier) ? "NATURAL_PERSON" : "LEGAL_PERSON",
  );
}

/**
 * The one path by which rows leave a subgraph: rows the viewer may not read are dropped (absent, not
 * counted), every row kept is recorded for the audit, then mapped to its API type, with prohibited data
 * withheld from all but the subject.
 */
export function discloseReadable<Row, Type>(
  context: SubgraphContext<unknown>,
  rows: readonly Row[],
  entity: DisclosedEntity<Row, Type>,
): Type[] {
  const readable: Type[] = [];
  for (const row of rows) {
    if (!context.ability.can("read", entity.policyOf(row))) continue;
    recordDisclosed(context, {
      subjectId: entity.subjectIdOf(row),
      subjectIdentifier: entity.subjectIdentifierOf(row),
      entityType: entity.entityType,
      tier: entity.tierOf(row),
      consentId: entity.consentIdOf?.(row),
      itemIds: entity.itemIdOf ? [entity.itemIdOf(row)] : undefined,
    });
    readable.push(
      withholdFromOthers(context, entity.entityType, entity.subjectIdentifierOf(row), entity.toType(row)),
    );
  }
  return readable;
}

/**
 * The audit's record of what an answer shows that is not a row read through `discloseReadable`: what a write
 * returns to its writer (the write's own rule decided it may), a screening's or an eligibility's finding about a
 * subject, a notice addressed to its unit. Every disclosure of a subgraph is recorded here or above, nowhere else
 * (the lint rule credit/no-disclosure-log-writes), so that what the audit says was shown has one source.
 */
export function recordDisclosed(context: SubgraphContext<unknown>, item: DisclosedRow): void {
  context.disclosures.record(item);
}
