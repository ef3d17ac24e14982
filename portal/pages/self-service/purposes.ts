import { defineMessages } from "../../i18n";

/** The purposes of docs/api.md "Identity", in the order a person looks for them. */
export const PURPOSES = [
  "CREDIT_LENDING",
  "EMPLOYMENT_SCREENING",
  "BUSINESS_COOPERATION",
  "ADMINISTRATIVE_LICENSING",
  "FISCAL_FUNDS",
  "PUBLIC_RESOURCE_TRADING",
  "SUPERVISION",
  "AWARDS",
  "PUBLIC_EMPLOYMENT",
] as const;

export type Purpose = (typeof PURPOSES)[number];

/** Each purpose in words; shared by the subject's pages (consents, reports) and the organisations' checks. */
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

/** A purpose code in words, or the code itself when it is not one of ours (never blank). */
export function purposeLabel(t: (key: Purpose) => string, purpose: string | null | undefined): string {
  if (!purpose) return "—";
  return (PURPOSES as readonly string[]).includes(purpose) ? t(purpose as Purpose) : purpose;
}
