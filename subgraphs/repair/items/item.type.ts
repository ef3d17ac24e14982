import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Key-only stub of the records subgraph's entity, extended with its objection state. */
@Directive(`@key(fields: "id")`)
@ObjectType()
export class CreditRecord {
  @Field(() => ID)
  id!: string;
}

/** Key-only stub of the lists subgraph's entity, extended with its objection and repair state. */
@Directive(`@key(fields: "id")`)
@ObjectType()
export class ListEntry {
  @Field(() => ID)
  id!: string;
}
