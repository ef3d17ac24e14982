import type { TSESLint } from "@typescript-eslint/utils";
import { loadersApplyPolicy } from "./loaders-apply-policy";
import { noDisclosureLogWrites } from "./no-disclosure-log-writes";
import { noHandMadeRefusals } from "./no-hand-made-refusals";
import { noViewerDecisions } from "./no-viewer-decisions";

/** The house's own lint rules (`credit/…` in eslint.config.ts): what no published rule knows of this code. */
export const creditPlugin = {
  meta: { name: "eslint-plugin-credit" },
  rules: {
    "loaders-apply-policy": loadersApplyPolicy,
    "no-disclosure-log-writes": noDisclosureLogWrites,
    "no-hand-made-refusals": noHandMadeRefusals,
    "no-viewer-decisions": noViewerDecisions,
  },
} satisfies TSESLint.FlatConfig.Plugin;
