import { citizenIdCheckCharacter, USCC_ALPHABET, usccCheckCharacter } from "../../../domain/identifiers";

/**
 * The browser's reading of an identifier's shape and check character, by the service's own rule
 * (domain/identifiers.ts: GB 11643-1999 MOD 11-2 for a citizen ID, GB 32100-2015 MOD 31 for a USCC). It only
 * decides which lines are worth sending: the service checks every identifier again (with its clock, for birth
 * dates) and answers REVIEW with an error for one it cannot screen.
 */
export function identifierProblem(identifier: string): string | null {
  if (/^\d{17}[\dX]$/.test(identifier) && citizenIdCheckCharacter(identifier) === identifier[17]) return null;
  const outside = [...identifier].find((character) => !USCC_ALPHABET.includes(character));
  if (outside === undefined && usccCheckCharacter(identifier) === identifier[17]) return null;
  if (/^\d{17}[\dX]$/.test(identifier))
    return "citizen ID check character does not match (GB 11643 MOD 11-2)";
  if (outside !== undefined)
    return `"${outside}" is not in a unified social credit code (0-9 and A-Y without I O Z S V)`;
  return "unified social credit code check character does not match (GB 32100 MOD 31)";
}
