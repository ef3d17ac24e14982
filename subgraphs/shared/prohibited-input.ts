import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from "graphql";
import type { MiddlewareFn } from "type-graphql";
import {
  findProhibitedDataAbout,
  isIdentifierField,
  isRegisteredNameField,
  toInputProblem,
  type ProhibitedFinding,
} from "../../domain/prohibited-data";
import { SubjectKind } from "../../domain/vocabulary";
import { refuseIfProblems } from "../../platform/input-problems";

/** Scalars that carry text or JSON a caller wrote; enums, numbers, booleans and dates carry none. */
const TEXT_SCALARS = new Set(["String", "JSON"]);

/** The kind of the subject an input object names in its `subject` field, if it names one. */
function subjectKindIn(value: Record<string, unknown>): SubjectKind | null {
  const kind = (value.subject as { kind?: unknown } | null | undefined)?.kind;
  return typeof kind === "string" && Object.hasOwn(SubjectKind, kind) ? (kind as SubjectKind) : null;
}

/**
 * An argument's findings, scoped by the subject its text is about: the `subject` of the nearest input object
 * that names one, else a natural person (fail closed: an objection, a repair or a note may be a person's).
 * Names are checked as names where they are set (domain/subject-ref.ts); identifiers and IDs never are.
 */
function findInArgument(
  type: GraphQLInputType,
  value: unknown,
  path: string,
  about: SubjectKind,
): ProhibitedFinding[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return findInArgument(type.ofType, value, path, about);
  if (isListType(type))
    return Array.isArray(value)
      ? value.flatMap((item, index) => findInArgument(type.ofType, item, `${path}[${index}]`, about))
      : [];
  if (isInputObjectType(type)) {
    const fields = value as Record<string, unknown>;
    const kind = subjectKindIn(fields) ?? about;
    return Object.values(type.getFields()).flatMap((field) =>
      isRegisteredNameField(field.name) || isIdentifierField(field.name)
        ? []
        : findInArgument(field.type, fields[field.name], `${path}.${field.name}`, kind),
    );
  }
  return isScalarType(type) && TEXT_SCALARS.has(getNamedType(type).name)
    ? findProhibitedDataAbout(about, value, path)
    : [];
}

/**
 * Every mutation refuses prohibited data (PCIM art. 14) in any text or JSON argument about a natural person —
 * keys and values, nested and in arrays — before its resolver runs: PROHIBITED_DATA naming each field path and
 * category, never the text, and nothing stored. Fails closed: a new mutation or input field is covered
 * without being listed, as a person's text unless its input names an organisation as its `subject`.
 */
export const refuseProhibitedInput: MiddlewareFn = async ({ args, info }, next) => {
  if (info.parentType !== info.schema.getMutationType()) return next();
  const definition = info.parentType.getFields()[info.fieldName]!;
  const findings = definition.args.flatMap((argument) =>
    findInArgument(argument.type, args[argument.name], argument.name, "NATURAL_PERSON"),
  );
  refuseIfProblems(findings.map(toInputProblem), "input");
  return next();
};
