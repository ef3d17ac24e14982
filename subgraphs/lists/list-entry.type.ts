import { Directive, Field, ID, ObjectType, registerEnumType } from "type-graphql";
import type { ListStatus as Status, ListType as Type } from "../../db/database";
import { DateScalar } from "../shared/scalars";
import { Subject } from "./subject/subject.type";

export const ListType = { RED: "RED", BLACK: "BLACK" } as const satisfies Record<Type, Type>;
export const ListStatus = { ACTIVE: "ACTIVE", EXPIRED: "EXPIRED", REMOVED: "REMOVED", REPAIRED: "REPAIRED" } as const satisfies Record<Status, Status>;
registerEnumType(ListType, { name: "ListType", description: "Red (守信) or black (失信) list, JRP arts. 3-14" });
registerEnumType(ListStatus, { name: "ListStatus" });

@Directive(`@key(fields: "id")`)
@ObjectType({ description: "An entry on a red or black list, owned by the unit that recognised it (JRP art. 3)." })
export class ListEntry {
  @Field(() => ID)
  id!: string;

  @Field(() => Subject)
  subject!: Subject;

  @Field(() => ListType)
  list!: Type;

  @Field(() => ListStatus)
  status!: Status;

  @Field(() => String, { description: "Code of the recognising unit." })
  recognizedBy!: string;

  @Field(() => DateScalar)
  recognizedOn!: string;

  @Field(() => DateScalar, { nullable: true })
  validUntil!: string | null;

  @Field(() => String)
  facts!: string;

  @Field(() => String)
  basis!: string;
}
