import { ESLintUtils, type TSESTree } from "@typescript-eslint/utils";
import { isNamed, ownerOf, propertyName } from "./syntax";

/**
 * Every disclosure is recorded through subgraphs/shared/disclose.ts: found, a write to the request's
 * disclosure log (`….disclosures.record(…)`) anywhere else.
 */
export const noDisclosureLogWrites = ESLintUtils.RuleCreator.withoutDocs({
  meta: {
    type: "problem",
    schema: [],
    messages: {
      writes:
        "writes to the request's disclosure log: disclose the rows readably or record what was answered (subgraphs/shared/disclose.ts)",
    },
  },
  defaultOptions: [],
  create(context) {
    return {
      CallExpression(node: TSESTree.CallExpression) {
        const log = ownerOf(node.callee);
        if (propertyName(node.callee) === "record" && log !== undefined && isNamed(log, "disclosures"))
          context.report({ node, messageId: "writes" });
      },
    };
  },
});
