import { describe, expect, it } from "vitest";
import { LIST_GROUNDS } from "./list-grounds";

/** JRP arts. 5-6, item by item, transcribed from the text. */
const JRP_ITEMS: Readonly<Record<string, string>> = {
  "JRP art. 5(1)": "党中央、国务院、国家部委依法依规组织认定获得荣誉的社会法人、自然人或者其他组织；",
  "JRP art. 5(2)": "省级（含）以上行业协会商会推荐的诚信会员；",
  "JRP art. 5(3)": "省级（含）以上新闻媒体挖掘的诚信主体；",
  "JRP art. 5(4)": "县级（含）以上人民政府、市级以上党政机关和司法机关按规定程序认定的与诚信相关的荣誉主体。",
  "JRP art. 6(1)":
    "在食品药品、生态环境、工程建设、产品质量、安全生产、消防安全、强制性产品认证等领域有严重危害人民群众身体健康和公共安全行为的；",
  "JRP art. 6(2)":
    "在招标投标、合同履行、知识产权保护、公共资源交易、社会中介服务等方面有严重破坏市场公平竞争秩序行为的；",
  "JRP art. 6(3)": "有非法占用土地、林地、河床、湖区等自然资源，或者严重违反城乡规划建设管理行为的；",
  "JRP art. 6(4)":
    "有贿赂、逃税骗税、恶意逃废债务、恶意拖欠货款或服务费、恶意欠缴社会保险费、价格违法、统计违法、违规开展债券代持、非法集资、合同欺诈、计量作弊及欺骗、传销、无证照经营、制售假冒伪劣产品和故意侵犯知识产权、出借和借用资质投标、围标串标、虚假广告、侵害消费者或证券期货投资者合法权益、严重破坏网络空间传播秩序、聚众滋事等严重扰乱社会秩序行为的；",
  "JRP art. 6(5)": "在去产能过程中，恶意阻扰、拒不履行法定义务和社会责任等失信行为的；",
  "JRP art. 6(6)":
    "项目申报、资格认定中，故意提供备案、土地、环评、知识产权、贷款合同等虚假文件和虚假证明，骗取政府专项资金支持等失信行为的；",
  "JRP art. 6(7)": "有履行能力但拒不履行生效法律文书确定义务的失信被执行人；",
  "JRP art. 6(8)":
    "有拒不履行国防义务，拒绝、逃避兵役，拒绝、拖延民用资源征用或者阻碍对被征用的民用资源进行改造，危害国防利益，破坏国防设施等行为的；",
  "JRP art. 6(9)": "对违法违规行为拒不改正的；",
  "JRP art. 6(10)": "在建设项目行政许可中，提供不符合国家标准、规定、规范的建设工程设计方案的；",
  "JRP art. 6(11)": "提供虚假承诺或不履行承诺，造成不良影响的；",
  "JRP art. 6(12)": "经职能部门认定的其他失信情形的。",
};

describe("list grounds (JRP arts. 5-6)", () => {
  it("quote the item they cite, each cut marked ……, and cover every item once", () => {
    const cited: string[] = [];
    for (const ground of [...LIST_GROUNDS.RED, ...LIST_GROUNDS.BLACK]) {
      const text = JRP_ITEMS[ground.article];
      expect(text, `${ground.code} cites ${ground.article}`).toBeDefined();
      for (const fragment of ground.name.split("……"))
        expect(text, `${ground.code}: "${fragment}"`).toContain(fragment);
      expect(ground.article.startsWith("JRP art. 5") ? "RED" : "BLACK", ground.code).toBe(
        ground.code.startsWith("R") ? "RED" : "BLACK",
      );
      cited.push(ground.article);
    }
    expect(cited.sort()).toEqual(Object.keys(JRP_ITEMS).sort());
  });
});
