import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AuditOutcome as Outcome } from "../../audit-log/audit-event.table";
import { PageInfo } from "../shared/pagination";
import { Role } from "../../domain/vocabulary";
import type { Role as RoleValue } from "../../domain/vocabulary";

export const AuditOutcome = {
  OK: "OK",
  DENIED: "DENIED",
  ERROR: "ERROR",
  PENDING: "PENDING",
} as const satisfies Record<Outcome, Outcome>;
export { Role };
registerEnumType(AuditOutcome, {
  name: "AuditOutcome",
  valuesConfig: {
    PENDING: {
      description:
        "A mutation's event, written before it ran, whose outcome was not recorded: still running, or the audit failed after it (its effect may be stored).",
    },
  },
});
registerEnumType(Role, { name: "Role" });

@ObjectType({ description: "One operation through the gateway, answered or not." })
export class AuditEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  requestId!: string;

  @Field(() => Date)
  at!: Date;

  @Field(() => String, { nullable: true, description: "The token's `sub`; null for PUBLIC." })
  actor!: string | null;

  @Field(() => Role)
  role!: RoleValue;

  @Field(() => String, { nullable: true })
  org!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String, { nullable: true })
  operationName!: string | null;

  @Field(() => AuditOutcome)
  outcome!: Outcome;

  @Field(() => String, {
    nullable: true,
    description: "query or mutation; null when refused before parsing.",
  })
  operationType!: string | null;

  @Field(() => [String])
  errorCodes!: string[];

  @Field(() => [String], { description: "Identifiers of the subjects whose data the operation disclosed." })
  subjects!: string[];

  @Field(() => [String], {
    description: "What was disclosed: entity type and tiers, e.g. CreditRecord:GOVERNMENT+PUBLIC.",
  })
  categories!: string[];

  @Field(() => [String], { description: "Consents the disclosure relied on." })
  consentIds!: string[];

  @Field(() => String, { nullable: true })
  clientAddress!: string | null;

  @Field(() => Int)
  durationMs!: number;
}

@InputType()
export class AuditFilter {
  @Field(() => String, { nullable: true })
  actor?: string | null;

  @Field(() => String, { nullable: true })
  org?: string | null;

  @Field(() => Role, { nullable: true })
  role?: RoleValue | null;

  @Field(() => String, { nullable: true })
  purpose?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "A subject identifier: events that disclosed its data.",
  })
  subject?: string | null;

  @Field(() => AuditOutcome, { nullable: true })
  outcome?: Outcome | null;

  @Field(() => String, { nullable: true, description: "Operation name." })
  operation?: string | null;

  @Field(() => Date, { nullable: true })
  from?: Date | null;

  @Field(() => Date, { nullable: true })
  to?: Date | null;
}

@ObjectType({ description: "The state of the audit hash chain." })
export class AuditChainStatus {
  @Field(() => Boolean)
  verified!: boolean;

  @Field(() => Int, { description: "Events verified in order." })
  length!: number;

  @Field(() => ID, {
    nullable: true,
    description: "The first event that does not hold (or the last intact one when the end was cut).",
  })
  brokenAt!: string | null;

  @Field(() => String, { nullable: true })
  reason!: string | null;
}

@ObjectType({
  description: "A pattern of use that an auditor should look at (PCIM art. 33: no query without a duty).",
})
export class AuditAlert {
  @Field(() => String, {
    description:
      "MASS_LOOKUP, REPEATED_DENIALS, IDENTIFIER_PROBING, MASKED_LIST_WALK, READ_BEFORE_CONSENT_REVOKED, OFF_HOURS, or CALENDAR_PROVISIONAL (from 1 November, next year's holiday notice not loaded).",
  })
  rule!: string;

  @Field(() => String, {
    nullable: true,
    description: "The actor (or client address; for MASKED_LIST_WALK also a network, an IPv6 /64).",
  })
  actor!: string | null;

  @Field(() => String, { nullable: true })
  role!: string | null;

  @Field(() => String, { nullable: true })
  org!: string | null;

  @Field(() => Date)
  at!: Date;

  @Field(() => Int)
  count!: number;

  @Field(() => String)
  detail!: string;
}

@ObjectType()
export class AuditEventEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => AuditEvent)
  node!: AuditEvent;
}

@ObjectType()
export class AuditEventConnection {
  @Field(() => [AuditEventEdge])
  edges!: AuditEventEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  @Field(() => Int)
  totalCount!: number;
}

@ObjectType({
  description: "What one operation disclosed of one subject (for the auditor's 'who read whom').",
})
export class AccessRecord {
  @Field(() => Date)
  at!: Date;

  @Field(() => String)
  requestId!: string;

  @Field(() => Role)
  role!: RoleValue;

  @Field(() => String, { nullable: true })
  org!: string | null;

  @Field(() => String, { nullable: true })
  purpose!: string | null;

  @Field(() => String)
  subgraph!: string;

  @Field(() => String)
  entityType!: string;

  @Field(() => [String])
  tiers!: string[];

  @Field(() => Int)
  count!: number;
}
