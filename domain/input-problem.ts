/** One thing wrong with an input: where (field path), why, and which contract code it maps to. */
export type InputProblem = Readonly<{
  field: string;
  reason: string;
  code: "BAD_USER_INPUT" | "INVALID_IDENTIFIER" | "PROHIBITED_DATA";
  line?: number;
}>;
