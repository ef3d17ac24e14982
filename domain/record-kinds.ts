import type { RecordCategory, SubjectKind, Tier } from "./vocabulary";

export type RecordKind = Readonly<{
  code: string;
  name: string;
  category: RecordCategory;
  defaultTier: Tier;
  article: string;
}>;

/** The record catalog, seeded from PCIM arts. 10-13; the `record_kinds` table is loaded from this list. */
export const RECORD_KINDS: readonly RecordKind[] = [
  {
    code: "PERSON_REGISTRATION",
    name: "自然人身份及登记信息",
    category: "BASIC",
    defaultTier: "AUTHORIZED",
    article: "PCIM art. 10(1)",
  },
  {
    code: "BUSINESS_REGISTRATION",
    name: "法人和其他组织注册登记信息",
    category: "BASIC",
    defaultTier: "PUBLIC",
    article: "PCIM art. 10(2)",
  },
  {
    code: "ADMINISTRATIVE_LICENCE",
    name: "行政许可信息",
    category: "BASIC",
    defaultTier: "PUBLIC",
    article: "PCIM art. 10(3)",
  },
  {
    code: "ADMINISTRATIVE_APPROVAL",
    name: "行政审批信息",
    category: "BASIC",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 10(3)",
  },
  {
    code: "QUALIFICATION",
    name: "从业（执业）资质资格信息",
    category: "BASIC",
    defaultTier: "PUBLIC",
    article: "PCIM art. 10(4)",
  },
  {
    code: "BASIC_OTHER",
    name: "其他基础信息",
    category: "BASIC",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 10(5)",
  },
  {
    code: "HONOUR_AWARD",
    name: "表彰、奖励信息",
    category: "POSITIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 11(1)",
  },
  {
    code: "VOLUNTEER_SERVICE",
    name: "志愿服务信息",
    category: "POSITIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 11(2)",
  },
  {
    code: "CHARITABLE_DONATION",
    name: "慈善捐赠信息",
    category: "POSITIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 11(2)",
  },
  {
    code: "POSITIVE_OTHER",
    name: "其他正面信息",
    category: "POSITIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 11(3)",
  },
  {
    code: "CRIMINAL_JUDGEMENT",
    name: "反映信用状况的刑事犯罪判决信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(1)",
  },
  {
    code: "VIOLATION",
    name: "违法违规信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(1)",
  },
  {
    code: "REFUSE_LEGAL_INSTRUMENT",
    name: "不执行生效法律文书信息",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(2)",
  },
  {
    code: "TAX_ARREARS",
    name: "欠缴税款信息",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(3)",
  },
  {
    code: "SOCIAL_INSURANCE_ARREARS",
    name: "欠缴社会保险费信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(3)",
  },
  {
    code: "FEE_ARREARS",
    name: "欠缴行政事业性收费、政府性基金信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(3)",
  },
  {
    code: "MARKET_ORDER_VIOLATION",
    name: "扰乱市场经济秩序信息（恶意欠薪、传销、围标串标等）",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(4)",
  },
  {
    code: "RESPONSIBILITY_ACCIDENT",
    name: "产品质量、安全生产、食品安全、环境污染责任事故",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(5)",
  },
  {
    code: "FALSE_MATERIALS",
    name: "提供虚假材料、违反告知承诺制度信息",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(6)",
  },
  {
    code: "MARKET_BAN",
    name: "市场限制、禁入信息",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(7)",
  },
  {
    code: "ACADEMIC_FRAUD",
    name: "学术造假、考试作弊信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(8)",
  },
  {
    code: "ADMINISTRATIVE_PENALTY",
    name: "一般程序行政处罚信息",
    category: "NEGATIVE",
    defaultTier: "PUBLIC",
    article: "PCIM art. 12(9)",
  },
  {
    code: "ADMINISTRATIVE_ENFORCEMENT",
    name: "行政强制执行信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(9)",
  },
  {
    code: "NEGATIVE_OTHER",
    name: "其他负面信息",
    category: "NEGATIVE",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 12(10)",
  },
  {
    code: "CREDIT_RATING",
    name: "信用状况评价信息",
    category: "OTHER",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 13(1)",
  },
  {
    code: "CREDIT_COMMITMENT",
    name: "信用承诺信息",
    category: "OTHER",
    defaultTier: "PUBLIC",
    article: "PCIM art. 13(2)",
  },
  {
    code: "INSPECTION_INTERVIEW",
    name: "日常监督检查、约谈信息",
    category: "OTHER",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 13(3)",
  },
  {
    code: "BANKRUPTCY_PROCEEDING",
    name: "破产程序信息",
    category: "OTHER",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 13(1), art. 31(2)(2)",
  },
  {
    code: "IGNORED_CREDIT_REMINDER",
    name: "拒不接受信用提醒、约谈信息",
    category: "OTHER",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 13(3), art. 31(2)(6)",
  },
  {
    code: "REPAIR_BAR",
    name: "法律法规规定不得修复的其他情形",
    category: "OTHER",
    defaultTier: "GOVERNMENT",
    article: "PCIM art. 31(2)(7)",
  },
  {
    code: "PLEDGE_MORTGAGE",
    name: "抵押、出质、商标及知识产权登记信息",
    category: "OTHER",
    defaultTier: "AUTHORIZED",
    article: "PCIM art. 13(4)",
  },
];

/** Use scopes from the widest to the strictest (PCIM art. 18: 社会公开, 政府共享, 授权查询). */
export const TIERS_WIDEST_FIRST: readonly Tier[] = ["PUBLIC", "GOVERNMENT", "AUTHORIZED"];

/** The kind whose items are collected only when decided under the general procedure (PCIM art. 12(9)). */
export const GENERAL_PROCEDURE_KIND = "ADMINISTRATIVE_PENALTY";

/**
 * The use scope the catalogue fixes for an item of `kind` about a subject of `subjectKind` (PCIM arts. 8,
 * 18): the kind's `defaultTier`, except that a natural person's basic information is AUTHORIZED whatever
 * the kind's tier for organisations. PCIM art. 10(1) counts a person's ID number, birth date, addresses,
 * marital status, education and qualifications as basic information; art. 21 opens to everyone only what
 * must be disclosed by law, and the city serves personal public credit information by authorized query
 * (淮安市加强个人诚信体系建设的实施意见 五(三)).
 */
export function catalogueTierOf(kind: RecordKind, subjectKind: SubjectKind | undefined): Tier {
  return kind.category === "BASIC" && subjectKind === "NATURAL_PERSON" ? "AUTHORIZED" : kind.defaultTier;
}

/** The tiers a provider may give an item whose catalogue tier is `catalogueTier`: that one or stricter, never wider. */
export function tiersAllowedBy(catalogueTier: Tier): readonly Tier[] {
  return TIERS_WIDEST_FIRST.slice(TIERS_WIDEST_FIRST.indexOf(catalogueTier));
}
