import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import type { AuditContext } from "./audit-event.loaders";
import { findAuditEvents } from "./audit-event.service";
import { AuditEvent, AuditEventConnection } from "./audit-event.type";

@Resolver(() => AuditEvent)
export class AuditEventResolver {
  @Query(() => AuditEventConnection, { description: "Every operation through the gateway, oldest first. AUDITOR only." })
  async auditEvents(
    @Arg("first", () => Int, { defaultValue: 50 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Ctx() context: AuditContext,
  ): Promise<AuditEventConnection> {
    return findAuditEvents(context, first, after ?? null);
  }
}
