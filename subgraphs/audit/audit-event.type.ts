import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import type { AuditOutcome as Outcome } from "../../db/database";
import { PageInfo } from "../shared/pagination";
import { ROLES, type Role as RoleValue } from "../../platform/viewer";

export const AuditOutcome = { OK: "OK", DENIED: "DENIED", ERROR: "ERROR" } as const satisfies Record<Outcome, Outcome>;
export const Role = Object.fromEntries(ROLES.map((role) => [role, role])) as { [R in RoleValue]: R };
registerEnumType(AuditOutcome, { name: "AuditOutcome" });
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

  @Field(() => [String])
  errorCodes!: string[];

  @Field(() => [String], { description: "Ids of the subjects whose data the operation disclosed." })
  subjects!: string[];
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

@ObjectType({ description: "What one operation disclosed of one subject (for the auditor's 'who read whom')." })
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
