/**
 * The browser's own reading of an identifier's shape and check character (GB 11643-1999 MOD 11-2 for a
 * citizen ID, GB 32100-2015 MOD 31 for a USCC). The portal reaches the service only through the API, so
 * this is a copy of the rule, not an import: it only decides which lines are worth sending. The service
 * checks every identifier again (with its clock, for birth dates) and answers REVIEW with an error for
 * one it cannot screen.
 */
const CITIZEN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CITIZEN_ID_CHECK_CHARACTERS = "10X98765432";
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Null when `identifier` (18 characters, upper-case) is a citizen ID or USCC with a matching check character; else why not. */
export function identifierProblem(identifier: string): string | null {
  if (/^\d{17}[\dX]$/.test(identifier) && citizenIdCheck(identifier) === identifier[17]) return null;
  const outside = [...identifier].find((character) => !USCC_ALPHABET.includes(character));
  if (outside === undefined && usccCheck(identifier) === identifier[17]) return null;
  if (/^\d{17}[\dX]$/.test(identifier)) return "citizen ID check character does not match (GB 11643 MOD 11-2)";
  if (outside !== undefined) return `"${outside}" is not in a unified social credit code (0-9 and A-Y without I O Z S V)`;
  return "unified social credit code check character does not match (GB 32100 MOD 31)";
}

function citizenIdCheck(identifier: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(identifier[index]) * CITIZEN_ID_WEIGHTS[index]!;
  return CITIZEN_ID_CHECK_CHARACTERS[sum % 11]!;
}

function usccCheck(identifier: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += USCC_ALPHABET.indexOf(identifier[index]!) * USCC_WEIGHTS[index]!;
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check]!;
}
