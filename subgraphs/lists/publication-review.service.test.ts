import "reflect-metadata";
import { describe, expect, it } from "vitest";
import { CreditError } from "../../platform/errors";
import { checkPublicationDecision } from "./publication-review.service";

const at = new Date("2026-12-01T02:00:00Z");
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CreditError ? error.code : "THREW";
  }
  return "OK";
};

describe("checkPublicationDecision", () => {
  it("settles each decision in its state, with only the text it needs", () => {
    expect(checkPublicationDecision({ id: "x", decision: "PUBLISH" }, at)).toEqual({ state: "PUBLISHED", redactedText: null, note: null, at });
    expect(checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: " 拒不履行生效判决 " }, at)).toEqual({ state: "REDACTED", redactedText: "拒不履行生效判决", note: null, at });
    expect(checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER", reason: "请补正" }, at)).toEqual({ state: "RETURNED", redactedText: null, note: "请补正", at });
  });

  it("refuses a missing, misplaced or overlong text as BAD_USER_INPUT", () => {
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "  " }, at))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER" }, at))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "PUBLISH", reason: "多余" }, at))).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "字".repeat(2_001) }, at))).toBe("BAD_USER_INPUT");
  });

  it("refuses a redacted text or a reason that itself carries prohibited data (the redaction is what the public reads)", () => {
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "拒不履行判决，信仰宗教" }, at))).toBe("PROHIBITED_DATA");
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER", reason: "当事人血型为A型" }, at))).toBe("PROHIBITED_DATA");
  });
});
