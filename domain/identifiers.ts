/**
 * Identifiers of subjects (PCIM art. 2): the 18-character citizen ID number (GB 11643-1999, ISO 7064
 * MOD 11-2) and the unified social credit code (GB 32100-2015, MOD 31).
 */

export type IdentifierKind = "CITIZEN_ID" | "USCC";

export type IdentifierCheck =
  | Readonly<{ valid: true; kind: IdentifierKind; identifier: string }>
  | Readonly<{ valid: false; rule: string; identifier: string }>;

const CITIZEN_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CITIZEN_ID_CHECK_CHARACTERS = "10X98765432";

/** The characters of a unified social credit code: digits and A-Y without I, O, Z, S and V. */
export const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Trims and upper-cases (a citizen ID's check character `x` is `X`). */
export function normalizeIdentifier(raw: string): string {
  return raw.trim().toUpperCase();
}

export function citizenIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(first17[index]) * CITIZEN_ID_WEIGHTS[index]!;
  return CITIZEN_ID_CHECK_CHARACTERS[sum % 11]!;
}

export function usccCheckCharacter(first17: string): string {
  let sum = 0;
  for (let index = 0; index < 17; index++)
    sum += USCC_ALPHABET.indexOf(first17[index]!) * USCC_WEIGHTS[index]!;
  const check = 31 - (sum % 31);
  return USCC_ALPHABET[check === 31 ? 0 : check]!;
}

/** The birth date in positions 7-14 of a citizen ID, or null when it is not a real calendar date. */
export function birthDateOfCitizenId(identifier: string): string | null {
  const year = Number(identifier.slice(6, 10));
  const month = Number(identifier.slice(10, 12));
  const day = Number(identifier.slice(12, 14));
  if (year < 1900 || month < 1 || month > 12 || day < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${identifier.slice(6, 10)}-${identifier.slice(10, 12)}-${identifier.slice(12, 14)}`;
}

/** Digit 17 odd = male (GB 11643). */
export function sexOfCitizenId(identifier: string): "MALE" | "FEMALE" {
  return Number(identifier[16]) % 2 === 1 ? "MALE" : "FEMALE";
}

/** Positions 3-8 of a USCC: the administrative region code of the registering authority. */
export function regionOfUscc(identifier: string): string {
  return identifier.slice(2, 8);
}

/**
 * Validates a raw identifier; a failure names the rule it broke so the caller can fix the input.
 * `expected` is the kind the caller knows it holds (a natural person's citizen ID, an organisation's
 * USCC). Without it either kind is accepted: an all-digit USCC is legitimate, so the shape alone
 * cannot tell them apart. `today` (China date, YYYY-MM-DD, from the service's clock) bounds birth dates.
 */
export function checkIdentifier(
  raw: string,
  expected: IdentifierKind | undefined,
  today: string,
): IdentifierCheck {
  const identifier = normalizeIdentifier(raw);
  if (identifier.length !== 18) {
    return {
      valid: false,
      rule: `an identifier has 18 characters, this one has ${identifier.length}`,
      identifier,
    };
  }
  const asCitizenId = expected === "USCC" ? null : citizenIdRuleBroken(identifier, today);
  if (asCitizenId === undefined) return { valid: true, kind: "CITIZEN_ID", identifier };
  const asUscc = expected === "CITIZEN_ID" ? null : usccRuleBroken(identifier);
  if (asUscc === undefined) return { valid: true, kind: "USCC", identifier };
  const looksLikeCitizenId = /^\d{17}[\dX]$/.test(identifier);
  const rule =
    (looksLikeCitizenId ? asCitizenId : asUscc) ?? asCitizenId ?? asUscc ?? "not a valid identifier";
  return { valid: false, rule, identifier };
}

function citizenIdRuleBroken(identifier: string, today: string): string | undefined {
  if (!/^\d{17}[\dX]$/.test(identifier)) return "a citizen ID is 17 digits and a check digit or X";
  const birthDate = birthDateOfCitizenId(identifier);
  if (!birthDate) return "citizen ID positions 7-14 must be a valid birth date (YYYYMMDD)";
  if (birthDate > today) return "citizen ID birth date lies in the future";
  if (citizenIdCheckCharacter(identifier) !== identifier[17]) {
    return "citizen ID check character does not match (GB 11643 MOD 11-2)";
  }
  return undefined;
}

function usccRuleBroken(identifier: string): string | undefined {
  const outside = [...identifier].find((character) => !USCC_ALPHABET.includes(character));
  if (outside !== undefined) {
    return `unified social credit code may not contain "${outside}" (alphabet 0-9 and A-Y without I O Z S V)`;
  }
  if (usccCheckCharacter(identifier) !== identifier[17]) {
    return "unified social credit code check character does not match (GB 32100 MOD 31)";
  }
  return undefined;
}

/** The contract's masking of a natural person's identifier: first 6, eight '*', last 4. */
export function maskCitizenId(identifier: string): string {
  return `${identifier.slice(0, 6)}********${identifier.slice(-4)}`;
}

/**
 * Whether a registered subject's identifier names a natural person: a valid citizen ID does (an all-digit USCC
 * that also reads as one counts as a person: the stricter side). For the rules that know only the identifier.
 */
export function namesNaturalPerson(identifier: string): boolean {
  return citizenIdRuleBroken(normalizeIdentifier(identifier), "9999-12-31") === undefined;
}
