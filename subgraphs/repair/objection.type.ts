import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { ObjectionRow } from "../../db/database";
import { Subject } from "./subject/subject.type";

type Ground = ObjectionRow["ground"];
export const ObjectionGround = {
  WRONG_OR_INCOMPLETE: "WRONG_OR_INCOMPLETE",
  PROHIBITED_DATA: "PROHIBITED_DATA",
  EXPIRED_STILL_USED: "EXPIRED_STILL_USED",
} as const satisfies Record<Ground, Ground>;
registerEnumType(ObjectionGround, { name: "ObjectionGround", description: "PCIM art. 28" });

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "A subject's objection (异议) to an item of its information." })
export class Objection {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ID, { description: "The CreditRecord or ListEntry objected to." })
  targetId!: string;

  @Field(() => ObjectionGround)
  ground!: Ground;

  @Field(() => String)
  statement!: string;

  @Field(() => String)
  state!: string;

  @Field(() => Date)
  filedAt!: Date;
}
