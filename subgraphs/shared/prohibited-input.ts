import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from "graphql";
import type { MiddlewareFn } from "type-graphql";
import { findProhibitedData, isRegisteredNameField, toInputProblem, type ProhibitedFinding } from "../../domain/prohibited-data";
import { refuseIfProblems } from "../../platform/input-problems";

/** Scalars that carry text or JSON a caller wrote; enums, numbers, booleans and dates carry none. */
const TEXT_SCALARS = new Set(["String", "ID", "JSON"]);

function findInArgument(type: GraphQLInputType, value: unknown, path: string): ProhibitedFinding[] {
  if (value === null || value === undefined) return [];
  if (isNonNullType(type)) return findInArgument(type.ofType, value, path);
  if (isListType(type)) return Array.isArray(value) ? value.flatMap((item, index) => findInArgument(type.ofType, item, `${path}[${index}]`)) : [];
  if (isInputObjectType(type)) {
    return Object.values(type.getFields()).flatMap((field) =>
      isRegisteredNameField(field.name) ? [] : findInArgument(field.type, (value as Record<string, unknown>)[field.name], `${path}.${field.name}`),
    );
  }
  return isScalarType(type) && TEXT_SCALARS.has(getNamedType(type).name) ? findProhibitedData(value, path) : [];
}

/**
 * Every mutation refuses prohibited data (PCIM art. 14) in any text or JSON argument — keys and values,
 * nested and in arrays — before its resolver runs: PROHIBITED_DATA naming each field path and category,
 * never the text, and nothing stored. Fails closed: a new mutation or input field is covered without being
 * listed. Registered names (`name`, `…Name`) are public registry data and are not scanned (docs/data.md).
 */
export const refuseProhibitedInput: MiddlewareFn = async ({ args, info }, next) => {
  if (info.parentType !== info.schema.getMutationType()) return next();
  const definition = info.parentType.getFields()[info.fieldName]!;
  const findings = definition.args.flatMap((argument) => findInArgument(argument.type, args[argument.name], argument.name));
  refuseIfProblems(findings.map(toInputProblem), "input");
  return next();
};
