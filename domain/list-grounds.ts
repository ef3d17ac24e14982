import type { ListType } from "./vocabulary";

/** Grounds for entering the red list (JRP art. 5) and the black list (JRP art. 6), coded; each name quotes its item ("……" marks a cut). */
export const LIST_GROUNDS = {
  RED: [
    {
      code: "R01_STATE_HONOUR",
      article: "JRP art. 5(1)",
      name: "党中央、国务院、国家部委依法依规组织认定获得荣誉的社会法人、自然人或者其他组织",
    },
    {
      code: "R02_ASSOCIATION_RECOMMENDED",
      article: "JRP art. 5(2)",
      name: "省级（含）以上行业协会商会推荐的诚信会员",
    },
    { code: "R03_MEDIA_TRUSTWORTHY", article: "JRP art. 5(3)", name: "省级（含）以上新闻媒体挖掘的诚信主体" },
    {
      code: "R04_COUNTY_HONOUR",
      article: "JRP art. 5(4)",
      name: "县级（含）以上人民政府、市级以上党政机关和司法机关按规定程序认定的与诚信相关的荣誉主体",
    },
  ],
  BLACK: [
    {
      code: "B01_HEALTH_SAFETY",
      article: "JRP art. 6(1)",
      name: "在食品药品、生态环境、工程建设、产品质量、安全生产、消防安全、强制性产品认证等领域有严重危害人民群众身体健康和公共安全行为",
    },
    {
      code: "B02_MARKET_COMPETITION",
      article: "JRP art. 6(2)",
      name: "在招标投标、合同履行、知识产权保护、公共资源交易、社会中介服务等方面有严重破坏市场公平竞争秩序行为",
    },
    {
      code: "B03_MARKET_FRAUD",
      article: "JRP art. 6(4)",
      name: "有贿赂、逃税骗税、恶意逃废债务……合同欺诈……制售假冒伪劣产品……等严重扰乱社会秩序行为",
    },
    {
      code: "B04_NATURAL_RESOURCES",
      article: "JRP art. 6(3)",
      name: "有非法占用土地、林地、河床、湖区等自然资源，或者严重违反城乡规划建设管理行为",
    },
    {
      code: "B05_CAPACITY_REDUCTION",
      article: "JRP art. 6(5)",
      name: "在去产能过程中，恶意阻扰、拒不履行法定义务和社会责任等失信行为",
    },
    {
      code: "B06_FALSE_MATERIALS",
      article: "JRP art. 6(6)",
      name: "项目申报、资格认定中，故意提供备案、土地、环评、知识产权、贷款合同等虚假文件和虚假证明，骗取政府专项资金支持等失信行为",
    },
    {
      code: "B07_REFUSE_JUDGEMENT",
      article: "JRP art. 6(7)",
      name: "有履行能力但拒不履行生效法律文书确定义务的失信被执行人",
    },
    {
      code: "B08_NATIONAL_DEFENCE",
      article: "JRP art. 6(8)",
      name: "有拒不履行国防义务，拒绝、逃避兵役，拒绝、拖延民用资源征用或者阻碍对被征用的民用资源进行改造，危害国防利益，破坏国防设施等行为",
    },
    { code: "B09_REFUSE_CORRECTION", article: "JRP art. 6(9)", name: "对违法违规行为拒不改正" },
    {
      code: "B10_NONCOMPLIANT_DESIGN",
      article: "JRP art. 6(10)",
      name: "在建设项目行政许可中，提供不符合国家标准、规定、规范的建设工程设计方案",
    },
    {
      code: "B11_BROKEN_COMMITMENT",
      article: "JRP art. 6(11)",
      name: "提供虚假承诺或不履行承诺，造成不良影响",
    },
    { code: "B12_OTHER", article: "JRP art. 6(12)", name: "经职能部门认定的其他失信情形" },
  ],
} as const satisfies Record<ListType, ReadonlyArray<{ code: string; article: string; name: string }>>;

export function findListGround(list: ListType, code: string) {
  return LIST_GROUNDS[list].find((ground) => ground.code === code);
}
