import { Directive, Field, ID, ObjectType } from "type-graphql";

/** Key-only stub of the `subjects` subgraph's entity, extended here with `objections`; its representation is its own reference. */
@Directive(`@key(fields: "id")`)
@ObjectType()
export class Subject {
  @Field(() => ID)
  id!: string;
}
