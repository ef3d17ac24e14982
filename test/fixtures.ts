import { citizenIdCheckCharacter, usccCheckCharacter } from "../domain/identifiers";

/** The n-th synthetic citizen ID (valid checksum), born on `birth` (YYYYMMDD), in Huai'an's Qingjiangpu district. */
export function citizenId(n: number, birth = "19850615"): string {
  const first17 = `320812${birth}${String(n % 1000).padStart(3, "0")}`;
  return first17 + citizenIdCheckCharacter(first17);
}

/** The n-th synthetic unified social credit code (valid checksum) registered in region `region`. */
export function uscc(n: number, region = "320800"): string {
  const first17 = `91${region}MA${String(n).padStart(7, "0")}`;
  return first17 + usccCheckCharacter(first17);
}

/** A natural person's name for fixture `n`: Chinese characters only, as a registered name is (domain/subject-ref.ts). */
export function personName(prefix: string, n: number): string {
  return prefix + String(n).replace(/\d/g, (digit) => "〇一二三四五六七八九"[Number(digit)]!);
}

/** A date `days` before today in China time. */
export function daysAgo(days: number, today = new Date()): string {
  return new Date(today.getTime() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
}
