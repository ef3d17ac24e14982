// The subjects slice's published GraphQL shapes: the subject as another subgraph's inputs and outputs name it.
// Apart from subject.registry.ts, so that a slice's pure rules can use the subjects' functions without loading
// type-graphql's decorators.

export { SubjectRef } from "./subject.input";
export { SubjectKind } from "./subject.type";
export { Purpose } from "./consent.type";
