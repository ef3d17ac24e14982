import { defineMessages } from "../../i18n";

/** The API's enum values in words, shared by the public pages (CONTRACT.md "Enums"). */
export const enumWords = defineMessages({
  "zh-CN": {
    BLACK: "黑名单",
    RED: "红名单",
    NATURAL_PERSON: "自然人",
    LEGAL_PERSON: "法人",
    OTHER_ORGANIZATION: "非法人组织",
    BASIC: "基础信息",
    POSITIVE: "正面信息",
    NEGATIVE: "负面信息",
    OTHER: "其他信息",
    PUBLIC: "社会公开",
    GOVERNMENT: "政府共享",
    AUTHORIZED: "授权查询",
    GENERAL: "一般失信",
    SERIOUS: "较重失信",
    SEVERE: "严重失信",
    BLOCK: "禁止",
    REVIEW: "审慎核查",
    GREEN_CHANNEL: "绿色通道",
    PASS: "通过",
    REWARD: "激励",
    PUNISHMENT: "惩戒",
    ADMINISTRATIVE_LICENSING: "行政许可",
    FISCAL_FUNDS: "财政资金",
    PUBLIC_RESOURCE_TRADING: "公共资源交易",
    PROJECT_APPROVAL: "项目审批",
    PUBLIC_EMPLOYMENT: "公职招录",
    HONORS: "评优评先",
    CREDIT_LENDING: "信贷融资",
    HIGH_CONSUMPTION: "高消费",
    MALE: "男",
    FEMALE: "女",
  },
  en: {
    BLACK: "Black list",
    RED: "Red list",
    NATURAL_PERSON: "Natural person",
    LEGAL_PERSON: "Legal person",
    OTHER_ORGANIZATION: "Other organisation",
    BASIC: "Basic",
    POSITIVE: "Positive",
    NEGATIVE: "Negative",
    OTHER: "Other",
    PUBLIC: "Public",
    GOVERNMENT: "Government-shared",
    AUTHORIZED: "Authorised query",
    GENERAL: "General",
    SERIOUS: "Serious",
    SEVERE: "Severe",
    BLOCK: "Block",
    REVIEW: "Review",
    GREEN_CHANNEL: "Green channel",
    PASS: "Pass",
    REWARD: "Incentive",
    PUNISHMENT: "Punishment",
    ADMINISTRATIVE_LICENSING: "Administrative licensing",
    FISCAL_FUNDS: "Fiscal funds",
    PUBLIC_RESOURCE_TRADING: "Public-resource trading",
    PROJECT_APPROVAL: "Project approval",
    PUBLIC_EMPLOYMENT: "Public employment",
    HONORS: "Honours",
    CREDIT_LENDING: "Credit lending",
    HIGH_CONSUMPTION: "High consumption",
    MALE: "Male",
    FEMALE: "Female",
  },
});

export type EnumWord = keyof (typeof enumWords)["zh-CN"];

/** A value the API sent in words; an unknown value (a newer API) as it came. */
export function inWords(t: (key: EnumWord) => string, value: string | null | undefined): string {
  if (!value) return "—";
  return value in enumWords["zh-CN"] ? t(value as EnumWord) : value;
}
