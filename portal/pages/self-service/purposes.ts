import type { Purpose } from "../../../domain/vocabulary";
import { defineMessages } from "../../i18n";

export type { Purpose };

/**
 * Each purpose of the vocabulary in words, every one of them (the table's type says so), in the order a person
 * looks for them; shared by the subject's pages (consents, reports) and the organisations' checks.
 */
export const purposeMessages = defineMessages<Purpose>({
  "zh-CN": {
    CREDIT_LENDING: "信贷审批",
    EMPLOYMENT_SCREENING: "招聘录用",
    BUSINESS_COOPERATION: "商务合作",
    ADMINISTRATIVE_LICENSING: "行政许可",
    FISCAL_FUNDS: "财政资金",
    PUBLIC_RESOURCE_TRADING: "公共资源交易",
    SUPERVISION: "监督管理",
    AWARDS: "评优评先",
    PUBLIC_EMPLOYMENT: "公职录用",
  },
  en: {
    CREDIT_LENDING: "Credit lending",
    EMPLOYMENT_SCREENING: "Employment screening",
    BUSINESS_COOPERATION: "Business cooperation",
    ADMINISTRATIVE_LICENSING: "Administrative licensing",
    FISCAL_FUNDS: "Fiscal funds",
    PUBLIC_RESOURCE_TRADING: "Public resource trading",
    SUPERVISION: "Supervision",
    AWARDS: "Awards",
    PUBLIC_EMPLOYMENT: "Public employment",
  },
});

/** The purposes in the order a person looks for them: the order of the words above. */
export const PURPOSES = Object.keys(purposeMessages["zh-CN"]) as readonly Purpose[];

/** A purpose code in words, or the code itself when it is not one of ours (never blank). */
export function purposeLabel(t: (key: Purpose) => string, purpose: string | null | undefined): string {
  if (!purpose) return "—";
  return Object.hasOwn(purposeMessages["zh-CN"], purpose) ? t(purpose as Purpose) : purpose;
}
