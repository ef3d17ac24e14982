import type { RecordCategory, Severity } from "../../domain/vocabulary";
import type { DomainRules } from "../../platform/config";
import { addMonths } from "../../domain/dates";

/**
 * When negative information stops being published and stops being a basis for punishment (PCIM art.
 * 27, JRP art. 12): general 1 year, serious, severe or unspecified 3 years from the decision, by default.
 * Other categories do not expire.
 */
export function expiryOf(
  category: RecordCategory,
  severity: Severity | null,
  decidedOn: string,
  rules: DomainRules,
): string | null {
  if (category !== "NEGATIVE") return null;
  return addMonths(decidedOn, rules.expiryMonths[severity ?? "UNSPECIFIED"]);
}
