import type { SubjectKind } from "./vocabulary";
import type { InputProblem } from "./input-problem";
import { birthDateOfCitizenId, checkIdentifier, regionOfUscc, sexOfCitizenId } from "./identifiers";
import {
  detectProhibitedDataInName,
  detectProhibitedDataInOrganisationName,
  toInputProblem,
} from "./prohibited-data";

/** How a provider names the subject of a submission (`SubjectRef`, docs/api.md). */
export type SubjectRef = Readonly<{ identifier: string; name: string; kind: SubjectKind }>;

/** A subject ready to register: identifier normalized and the facts it encodes derived. */
export type RegisteredSubject = Readonly<{
  identifier: string;
  name: string;
  kind: SubjectKind;
  sex: "MALE" | "FEMALE" | null;
  birthDate: string | null;
  region: string | null;
}>;

const KINDS = new Set<unknown>(["NATURAL_PERSON", "LEGAL_PERSON", "OTHER_ORGANIZATION"]);

/**
 * A natural person's name as registered (户口登记, or a passport for a foreigner): a Chinese name of a few
 * characters (some providers type a space between surname and given name: 王 芳), an ethnic-minority name's
 * parts joined by a middle dot (阿卜杜拉·买买提), or a name in Latin script of a few words, each capitalised
 * or a lower-case particle (Anna-Maria O'Neill, Ludwig van Beethoven), or all capitals as in a passport.
 * Nothing else: no digits, no sentences, no addresses.
 */
const PERSON_NAME_HAN = /^\p{Script=Han}+(?: \p{Script=Han}+)?$/u;
const PERSON_NAME_HAN_PARTS = /^\p{Script=Han}+(?:[·•・‧]\p{Script=Han}+)+$/u;
const PERSON_NAME_LATIN = /^\p{Script=Latin}+\.?(?:(?: |-|'|’|\. ?)\p{Script=Latin}+\.?)*$/u;
/**
 * Characters of a Chinese name without parts: a compound surname and given name (欧阳娜娜, 爱新觉罗恒山), a
 * Mongolian or Tibetan name written whole (乌云其木格, 额尔敦巴雅尔), an ethnic-minority name typed without
 * its dot (阿依古丽买买提).
 */
const PERSON_NAME_HAN_LENGTH = [2, 8] as const;
/** A part of an ethnic-minority name, and the whole name. */
const PERSON_NAME_PART_LENGTH = [1, 10] as const;
const PERSON_NAME_PARTS_LENGTH = [3, 30] as const;
const PERSON_NAME_LATIN_LENGTH = [2, 70] as const;
const PERSON_NAME_WORDS = 6;
/** Lower-case words of Latin-script names (van, de la, bin, d'…): every other word is capitalised. */
const NAME_PARTICLES = new Set([
  "van",
  "von",
  "der",
  "den",
  "de",
  "del",
  "della",
  "di",
  "da",
  "das",
  "do",
  "dos",
  "du",
  "la",
  "le",
  "les",
  "lo",
  "el",
  "al",
  "bin",
  "binti",
  "ibn",
  "bint",
  "y",
  "e",
  "ter",
  "ten",
  "zu",
  "af",
  "av",
  "st",
]);
const NAME_WORD = /^(?:[dlo]['’])?\p{Lu}/u;
/**
 * An organisation's registered name (企业名称登记管理规定): Chinese characters, Latin letters and digits, with
 * brackets, the middle dot, `&`, hyphens, points, commas and spaces; no sentence punctuation, and not a web
 * address (www.example.com).
 */
const ORGANISATION_NAME = /^[\p{Script=Han}\p{Script=Latin}0-9（）()·&.,，'’、\-/ ]+$/u;
const WEB_ADDRESS = /(?:^|[^\p{L}\p{N}])www\.|^[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+$|\/\//iu;
/**
 * What a registered name never carries and an advert or a warning posing as one does: a telephone number (a
 * run of seven digits or more), a request to the reader (请联系, 请删除, 加微信), a pointer at the name's
 * owner (这家公司, 本公司, 该店) or a warning (骗子, 别上当, 大家注意).
 */
const NAME_AS_MESSAGE =
  /\d{7,}|\d{3,4}-\d{7,8}|请(?:联系|致电|拨打|删除|注意|勿|大家|转告)|加(?:微信|qq|v)|微信号|(?:这|那|该|本|此)(?:家)?(?:公司|企业|店|厂|单位)|骗子|上当|(?:大家|各位)(?:注意|小心|千万|别|不要|转告)/iu;
/**
 * What an advert posing as a name of either kind asks the reader to do (点击链接领取红包, 扫码领优惠券): verbs no
 * registered name carries, unlike the nouns beside them (链接科技, 红包 as a product).
 */
const NAME_AS_ADVERT = /点击|领取|扫码|返现|刷单|中奖|免费领|加群/u;
const ORGANISATION_NAME_LENGTH = [2, 100] as const;

/** The name as compared and stored: NFC, runs of spaces as one, trimmed. */
function cleanName(raw: unknown): string {
  return typeof raw === "string" ? raw.normalize("NFC").replace(/\s+/g, " ").trim() : "";
}

const within = (text: string, [least, most]: readonly [number, number]) =>
  [...text].length >= least && [...text].length <= most;

/** Why a name cannot be the registered name of a subject of this kind, or null. */
function nameRuleBroken(name: string, kind: SubjectKind): string | null {
  if (kind === "NATURAL_PERSON") {
    if (PERSON_NAME_HAN.test(name))
      return within(name.replace(" ", ""), PERSON_NAME_HAN_LENGTH)
        ? null
        : "a natural person's name in Chinese is 2 to 8 characters (an ethnic-minority name's parts joined by ·)";
    if (PERSON_NAME_HAN_PARTS.test(name)) {
      const parts = name.split(/[·•・‧]/);
      return within(name, PERSON_NAME_PARTS_LENGTH) &&
        parts.every((part) => within(part, PERSON_NAME_PART_LENGTH))
        ? null
        : "an ethnic-minority name is parts of up to 10 characters joined by ·, at most 30 in all";
    }
    if (PERSON_NAME_LATIN.test(name)) {
      const words = name.split(/[ -]/);
      if (!within(name, PERSON_NAME_LATIN_LENGTH) || words.length > PERSON_NAME_WORDS)
        return "a natural person's name in Latin script is 2 to 70 letters in at most 6 words";
      const capitals =
        name === name.toUpperCase() ||
        words.every((word) => NAME_WORD.test(word) || NAME_PARTICLES.has(word.replace(/\.$/, "")));
      return capitals
        ? null
        : "a natural person's name in Latin script is capitalised words (and particles such as van, de, bin), not a sentence";
    }
    return "a natural person's name is Chinese characters (parts of an ethnic-minority name joined by ·) or a name in Latin script, nothing else";
  }
  if (WEB_ADDRESS.test(name)) return "an organisation's registered name is a name, not a web address";
  if (!ORGANISATION_NAME.test(name) || !/[\p{Script=Han}\p{Script=Latin}]/u.test(name)) {
    return "an organisation's registered name holds Chinese characters, Latin letters, digits, brackets, ·, &, -, points, commas and spaces";
  }
  return within(name, ORGANISATION_NAME_LENGTH)
    ? null
    : "an organisation's registered name is 2 to 100 characters";
}

/**
 * Validates a `SubjectRef` (a natural person's citizen ID, an organisation's USCC) and derives its facts. The
 * name must be a name of its kind, and a natural person's name is searched for prohibited data like any
 * other text about them (PCIM art. 14); an identifier never is.
 */
export function checkSubjectRef(
  ref: SubjectRef,
  field: string,
  problems: InputProblem[],
  today: string,
): RegisteredSubject | null {
  const name = cleanName(ref.name);
  const nameProblem = KINDS.has(ref.kind)
    ? nameRuleBroken(name, ref.kind)
    : name.length === 0
      ? "a subject's name is required"
      : null;
  if (nameProblem) {
    problems.push({ field: `${field}.name`, reason: nameProblem, code: "BAD_USER_INPUT" });
  } else if (NAME_AS_ADVERT.test(name)) {
    problems.push({
      field: `${field}.name`,
      reason: "a subject's registered name is a name, not an advert",
      code: "BAD_USER_INPUT",
    });
  } else if (KINDS.has(ref.kind)) {
    const category =
      ref.kind === "NATURAL_PERSON"
        ? detectProhibitedDataInName(name)
        : detectProhibitedDataInOrganisationName(name);
    if (category) problems.push(toInputProblem({ path: `${field}.name`, category }));
    // After the search for a person's facts, so that a warning carrying them is refused as prohibited data.
    else if (ref.kind !== "NATURAL_PERSON" && NAME_AS_MESSAGE.test(name)) {
      problems.push({
        field: `${field}.name`,
        reason: "an organisation's registered name is a name, not a message, an advert or a telephone number",
        code: "BAD_USER_INPUT",
      });
    }
  }
  if (!KINDS.has(ref.kind)) {
    problems.push({
      field: `${field}.kind`,
      reason: "one of NATURAL_PERSON, LEGAL_PERSON, OTHER_ORGANIZATION",
      code: "BAD_USER_INPUT",
    });
    return null;
  }
  const check = checkIdentifier(
    String(ref.identifier ?? ""),
    ref.kind === "NATURAL_PERSON" ? "CITIZEN_ID" : "USCC",
    today,
  );
  if (!check.valid) {
    problems.push({
      field: `${field}.identifier`,
      reason: `${check.rule}${ref.kind === "NATURAL_PERSON" ? " (a natural person is named by the citizen ID)" : " (an organisation is named by its USCC)"}`,
      code: "INVALID_IDENTIFIER",
    });
    return null;
  }
  const person = ref.kind === "NATURAL_PERSON";
  return {
    identifier: check.identifier,
    name,
    kind: ref.kind,
    sex: person ? sexOfCitizenId(check.identifier) : null,
    birthDate: person ? birthDateOfCitizenId(check.identifier) : null,
    region: person ? check.identifier.slice(0, 6) : regionOfUscc(check.identifier),
  };
}
