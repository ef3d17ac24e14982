import { defineMessages, useMessages, type Messages } from "./i18n";

/** The API's enum values in words, one table for every page (docs/api.md "Types"; the values are domain/vocabulary.ts's). */
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
    ACTIVE: "有效",
    EXPIRED: "已过期",
    CORRECTED: "已更正",
    ARCHIVED: "已归档",
    SUSPENDED: "暂停公示",
    REMOVED: "已移出",
    REPAIRED: "已修复",
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
    AUTHORIZED: "With consent",
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
    ACTIVE: "In force",
    EXPIRED: "Expired",
    CORRECTED: "Corrected",
    ARCHIVED: "Archived",
    SUSPENDED: "Not published",
    REMOVED: "Removed",
    REPAIRED: "Repaired",
  },
});

export type EnumWord = keyof (typeof enumWords)["zh-CN"];

/** A value the API sent in words; an unknown value (a newer API) as it came. */
export function inWords(t: (key: EnumWord) => string, value: string | null | undefined): string {
  if (!value) return "—";
  return Object.hasOwn(enumWords["zh-CN"], value) ? t(value as EnumWord) : value;
}

/**
 * A page's words for API values: the page's own first (a value whose meaning is the page's, as a credit
 * report's EXPIRED), then the shared table above, else the value itself.
 */
export function useWordsFor<Keys extends string>(
  messages: Messages<Keys>,
): (value: string | null | undefined) => string {
  const page = useMessages(messages);
  const shared = useMessages(enumWords);
  return (value) =>
    value && Object.hasOwn(messages["zh-CN"], value) ? page(value as Keys) : inWords(shared, value);
}
