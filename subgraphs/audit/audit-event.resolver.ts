import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { AuditContext } from "./audit-event.loaders";
import { checkAuditChain, findAuditAlerts, findAuditEvents, findMyAccessLog } from "./audit-event.service";
import {
  AuditAlert,
  AuditChainStatus,
  AuditEvent,
  AuditEventConnection,
  AuditFilter,
} from "./audit-event.type";

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, {
    description: "Every operation through the gateway, oldest first. AUDITOR only.",
  })
  async auditEvents(
    @Arg("filter", () => AuditFilter, { nullable: true }) filter: AuditFilter | null,
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: AuditContext,
  ): Promise<AuditEventConnection> {
    return findAuditEvents(context, filter ?? null, first, after ?? null);
  }

  @Query(() => AuditEventConnection, {
    description:
      "SUBJECT: who was shown your data — organisation, purpose, categories; your own reads left out.",
  })
  async myAccessLog(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: AuditContext,
  ): Promise<AuditEventConnection> {
    return findMyAccessLog(context, first, after ?? null);
  }

  @Query(() => AuditChainStatus, {
    description: "AUDITOR: verifies the audit hash chain and names the first broken event.",
  })
  async auditChain(@Ctx() context: AuditContext): Promise<AuditChainStatus> {
    return checkAuditChain(context);
  }

  @Query(() => [AuditAlert], {
    description: "AUDITOR: patterns of abuse in a period (default: the last 7 days).",
  })
  async auditAlerts(
    @Arg("from", () => Date, { nullable: true }) from: Date | null,
    @Arg("to", () => Date, { nullable: true }) to: Date | null,
    @Ctx() context: AuditContext,
  ): Promise<AuditAlert[]> {
    return findAuditAlerts(context, from ?? null, to ?? null);
  }
}
