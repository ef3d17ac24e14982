import type { ESLint } from "eslint";
import { loadersApplyPolicy } from "./loaders-apply-policy";
import { noDisclosureLogWrites } from "./no-disclosure-log-writes";
import { noHandMadeRefusals } from "./no-hand-made-refusals";
import { noViewerDecisions } from "./no-viewer-decisions";

/** The house's own lint rules: what no published rule knows of this code. */
export const creditRules = {
  "loaders-apply-policy": loadersApplyPolicy,
  "no-disclosure-log-writes": noDisclosureLogWrites,
  "no-hand-made-refusals": noHandMadeRefusals,
  "no-viewer-decisions": noViewerDecisions,
};

/**
 * The rules as an ESLint plugin (`credit/…` in eslint.config.ts). typescript-eslint's rule type and ESLint's
 * differ only in the rule context's deprecated members, hence the cast (as typescript-eslint's own plugin).
 */
export const creditPlugin: ESLint.Plugin = {
  meta: { name: "eslint-plugin-credit" },
  rules: creditRules as unknown as NonNullable<ESLint.Plugin["rules"]>,
};
