import type { Tier } from "../../db/database";
import type { PolicySubject } from "../../policies/ability";
import type { SubgraphContext } from "./context";

/** How one entity type meets the policy and the audit: its policy shape, owner, tier and API mapping. */
export type DisclosedEntity<Row, Type> = Readonly<{
  entityType: string;
  policyOf(row: Row): PolicySubject;
  subjectIdOf(row: Row): string;
  subjectIdentifierOf(row: Row): string;
  tierOf(row: Row): Tier;
  /** The consent a row was read under, for the audit (PCIM art. 21). */
  consentIdOf?(row: Row): string | null;
  toType(row: Row): Type;
}>;

/**
 * The one path by which rows leave a subgraph: rows the viewer may not read are dropped (absent, not
 * counted), every row kept is recorded for the audit, then mapped to its API type.
 */
export function discloseReadable<Row, Type>(
  context: SubgraphContext<unknown>,
  rows: readonly Row[],
  entity: DisclosedEntity<Row, Type>,
): Type[] {
  const readable: Type[] = [];
  for (const row of rows) {
    if (!context.ability.can("read", entity.policyOf(row))) continue;
    context.disclosures.record({
      subjectId: entity.subjectIdOf(row),
      subjectIdentifier: entity.subjectIdentifierOf(row),
      entityType: entity.entityType,
      tier: entity.tierOf(row),
      consentId: entity.consentIdOf?.(row),
    });
    readable.push(entity.toType(row));
  }
  return readable;
}
