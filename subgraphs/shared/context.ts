import type { KeyObject } from "node:crypto";
import type { Connection } from "../../db/connection";
import type { Tier } from "../../domain/vocabulary";
import type { WorkingDayCalendar } from "../../domain/working-days";
import type { DomainRules } from "../../platform/config";
import type { DistinctBudget } from "../../platform/distinct-budget";
import type { PersonLookupBudget } from "./person-lookups";
import type { WeightBudget } from "../../platform/weight-budget";
import type { Logger } from "../../platform/logger";
import type { Viewer } from "../../platform/viewer";
import type { AppAbility } from "../../policies/ability";
import type { DisclosureGroup } from "../../audit-log/chain";
import type { ReportPrinter } from "../reports/credit-report.printer";

/**
 * One row disclosed: whose, what, at which tier, the consent it was readable under, if any, and the items it
 * showed (the row's own id for a credit record or list entry; for a screening answer, the entries it rested on).
 */
export type DisclosedRow = Readonly<{
  subjectId: string;
  subjectIdentifier: string;
  entityType: string;
  tier: Tier;
  consentId?: string | null;
  itemIds?: readonly string[];
}>;

type SubjectDisclosure = {
  subjectId: string;
  subjectIdentifier: string;
  entityType: string;
  tiers: Set<Tier>;
  count: number;
  consentIds: Set<string>;
  itemIds: Set<string>;
};

/**
 * What one request disclosed of whom. Services record every row they return; the subgraph reports the
 * summary to the gateway, grouped, in the response's `extensions.disclosed`, and the gateway audits it.
 */
export class DisclosureLog {
  private readonly entries = new Map<string, SubjectDisclosure>();

  record(row: DisclosedRow): void {
    const key = `${row.subjectId}\u0000${row.entityType}`;
    const entry = this.entries.get(key) ?? {
      subjectId: row.subjectId,
      subjectIdentifier: row.subjectIdentifier,
      entityType: row.entityType,
      tiers: new Set<Tier>(),
      count: 0,
      consentIds: new Set<string>(),
      itemIds: new Set<string>(),
    };
    entry.tiers.add(row.tier);
    entry.count += 1;
    if (row.consentId) entry.consentIds.add(row.consentId);
    for (const itemId of row.itemIds ?? []) entry.itemIds.add(itemId);
    this.entries.set(key, entry);
  }

  /** Each subject once per entity type, grouped by entity type, tiers and consents (subjects in the order first disclosed). */
  summary(): DisclosureGroup[] {
    const groups = new Map<
      string,
      {
        entityType: string;
        tiers: Tier[];
        consentIds: string[];
        subjectIds: string[];
        subjectIdentifiers: string[];
        counts: number[];
        itemIds: string[];
      }
    >();
    for (const entry of this.entries.values()) {
      const tiers = [...entry.tiers].sort();
      const consentIds = [...entry.consentIds].sort();
      const key = `${entry.entityType}\u0000${tiers.join(",")}\u0000${consentIds.join(",")}`;
      let group = groups.get(key);
      if (!group)
        groups.set(
          key,
          (group = {
            entityType: entry.entityType,
            tiers,
            consentIds,
            subjectIds: [],
            subjectIdentifiers: [],
            counts: [],
            itemIds: [],
          }),
        );
      group.subjectIds.push(entry.subjectId);
      group.subjectIdentifiers.push(entry.subjectIdentifier);
      group.counts.push(entry.count);
      group.itemIds.push(...entry.itemIds);
    }
    return [...groups.values()].map(({ itemIds, ...group }) =>
      itemIds.length > 0 ? { ...group, itemIds: [...new Set(itemIds)].sort() } : group,
    );
  }
}

/**
 * Who asks and when: what loaders need to compile the policy into SQL. `today` is `now`'s day in China
 * (`chinaDateOf`), computed once per request, the day every date rule of the request is decided on.
 */
export type RequestScope = Readonly<{ viewer: Viewer; ability: AppAbility; now: Date; today: string }>;

/** Everything a resolver may use, built fresh for each request: nothing cached here crosses users. */
export type SubgraphContext<TLoaders = unknown> = {
  viewer: Viewer;
  /** Built from the gateway-signed viewer for this request only. */
  ability: AppAbility;
  requestId: string;
  /** Whom per-caller budgets charge (signed by the gateway): the token's subject, or an anonymous caller's address. */
  caller: string;
  /** The client's network as per-person budgets charge it (signed by the gateway; an IPv6 address by its /64). */
  network: string;
  /** Distinct natural persons each caller not entitled to them looked up this hour, per actor and per network, kept in the database. */
  personLookups: PersonLookupBudget;
  /** Distinct credit-report verification codes each caller tried this hour, kept by this subgraph server. */
  reportCodes: DistinctBudget;
  /** The service's credit-report signing key (platform/report-signature.ts); only the reports subgraph signs. */
  reportSigningKey: KeyObject | undefined;
  /** The worker pool credit reports are laid out in, off this event loop; only the reports subgraph has one. */
  reportPrinter: ReportPrinter | undefined;
  /** The weight (items) of the credit reports each caller issued this hour, kept by this subgraph server. */
  reportWeights: WeightBudget;
  db: Connection;
  loaders: TLoaders;
  disclosures: DisclosureLog;
  logger: Logger;
  /** Read once per request from the service's clock (platform/clock.ts). */
  now: Date;
  /** `now`'s day in China (`chinaDateOf(now)`), computed once per request with it. */
  today: string;
  rules: DomainRules;
  /** Working days: official years from the State Council's notices, provisional ones from the statute. */
  calendar: WorkingDayCalendar;
};
