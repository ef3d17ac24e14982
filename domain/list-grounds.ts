import type { ListType } from "../db/database";

/** Grounds for entering the red list (JRP art. 5) and the black list (JRP art. 6), coded. */
export const LIST_GROUNDS = {
  RED: [
    { code: "R01_STATE_HONOUR", article: "JRP art. 5(1)", name: "中央、国务院及省级以上表彰的荣誉主体" },
    { code: "R02_ASSOCIATION_RECOMMENDED", article: "JRP art. 5(2)", name: "省级行业协会推荐的诚实守信会员" },
    { code: "R03_MEDIA_TRUSTWORTHY", article: "JRP art. 5(3)", name: "省级新闻媒体挖掘的诚信典型" },
    { code: "R04_COUNTY_HONOUR", article: "JRP art. 5(4)", name: "县级以上认定的诚信荣誉主体" },
  ],
  BLACK: [
    { code: "B01_HEALTH_SAFETY", article: "JRP art. 6(1)", name: "严重危害人民群众身体健康和公共安全" },
    { code: "B02_MARKET_COMPETITION", article: "JRP art. 6(2)", name: "严重破坏市场公平竞争秩序" },
    { code: "B03_MARKET_FRAUD", article: "JRP art. 6(4)", name: "逃税骗税、合同欺诈、制售假冒伪劣等严重扰乱社会秩序" },
    { code: "B04_NATURAL_RESOURCES", article: "JRP art. 6(3)", name: "非法占用自然资源或严重违反城乡规划" },
    { code: "B05_CAPACITY_REDUCTION", article: "JRP art. 6(5)", name: "去产能中恶意阻扰、拒不履行法定义务" },
    { code: "B06_FALSE_MATERIALS", article: "JRP art. 6(6)", name: "提供虚假材料骗取政府专项资金" },
    { code: "B07_REFUSE_JUDGEMENT", article: "JRP art. 6(7)", name: "有履行能力但拒不履行生效法律文书（失信被执行人）" },
    { code: "B08_NATIONAL_DEFENCE", article: "JRP art. 6(8)", name: "拒不履行国防义务、危害国防利益" },
    { code: "B09_REFUSE_CORRECTION", article: "JRP art. 6(9)", name: "对违法违规行为拒不改正" },
    { code: "B10_NONCOMPLIANT_DESIGN", article: "JRP art. 6(10)", name: "建设项目许可中提供不符合标准的设计方案" },
    { code: "B11_BROKEN_COMMITMENT", article: "JRP art. 6(11)", name: "提供虚假承诺或不履行承诺造成不良影响" },
    { code: "B12_OTHER", article: "JRP art. 6(12)", name: "经职能部门认定的其他失信情形" },
  ],
} as const satisfies Record<ListType, ReadonlyArray<{ code: string; article: string; name: string }>>;

export function findListGround(list: ListType, code: string) {
  return LIST_GROUNDS[list].find((ground) => ground.code === code);
}
