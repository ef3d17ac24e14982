import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DEFAULT_MEASURES_FILE } from "./reference-data";
import { readMeasureCatalog } from "./measure-catalog";

/** The hostile catalogues' files, removed after the suite. */
const folder = mkdtempSync(path.join(tmpdir(), "credit-measures-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/**
 * JRP (淮安市守信联合激励和失信联合惩戒实施办法（试行）) arts. 13-14, item by item, transcribed from the text
 * word for word: the catalogue is read against it, so a measure that drifts from its article fails.
 */
const JRP_ITEMS: Readonly<Record<string, string>> = {
  "JRP art. 13(1)":
    "多渠道选树推介诚信典型。职能部门在行政监管和服务中要将列入红名单的信息主体树立为诚信典型，并及时在门户网站和“信用淮安”等网站进行公示。新闻媒体要深入挖掘宣传诚实守信红名单典型人物、企业和事迹。在会展、银企对接等活动中重点推介诚信示范企业。",
  "JRP art. 13(2)":
    "建立行政审批“绿色通道”。职能部门在办理行政审批过程中，对红名单市场主体实施“绿色通道”“容缺受理”等便利服务措施，对部分申报材料不具备的，实行先“信用承诺”后补报材料，在日常检查、专项检查中优化检查方式，减少检查频次。",
  "JRP art. 13(3)":
    "优先提供公共服务便利。职能部门在实施财政性资金项目安排、招商引资配套政策等各类优惠政策中，优先考虑红名单信息主体，加大扶持力度。在公共资源交易领域，依法依规对红名单信息主体采取信用加分等措施。在教育、就业、创业、社会保障、城市入户、住房租赁等领域对红名单个人给予重点支持和优先便利。探索发行个人诚信卡，根据信用积分给予公共文化、旅游、体育设施、城市交通系统票价优惠等便利服务。",
  "JRP art. 13(4)":
    "降低市场交易成本。对纳入红名单投标企业，不收取投标保证金。开发应用面向红名单信息市场主体“信易贷”“信易债”“税源贷”“税易贷”“税贷通”等守信激励产品。开发激励红名单农村群体的优惠信贷产品，对红名单信息主体提供绿色服务通道、降低或减免服务费用等优惠和便利。",
  "JRP art. 14(1)": "限制安排财政性资金项目；",
  "JRP art. 14(2)": "暂停行政许可审批项目；",
  "JRP art. 14(3)": "从严控制生产许可证发放；",
  "JRP art. 14(4)": "限制新增项目审批、核准；",
  "JRP art. 14(5)": "限制参与公共资源交易活动；",
  "JRP art. 14(6)": "限制基础设施和公用事业特许经营；",
  "JRP art. 14(7)": "限制在全国股份转让系统挂牌、融资；",
  "JRP art. 14(8)": "限制从事互联网信息服务等；",
  "JRP art. 14(9)": "限制向其提供贷款、保荐、承销、保险等服务；",
  "JRP art. 14(10)":
    "限制购买不动产、乘坐飞机、乘坐高等级列车和席次、旅游度假、入住星级以上宾馆及其他高消费行为等措施；",
  "JRP art. 14(11)":
    "依法对其法定代表人、主要负责人和对失信行为负有直接责任的注册执业人员等实施行业禁入措施，及时撤销严重失信主体已取得的荣誉称号，取消参加评先评优资格；",
  "JRP art. 14(12)":
    "对有履行能力但拒不履行生效法律文书确定义务的失信被执行人实施限制出境等联合惩戒措施。将各级法院发布的失信被执行人名单纳入跨地区、跨部门的联合惩戒范围，推动失信行为信息共享、结果互认；",
  "JRP art. 14(13)":
    "对各级行政机关和企事业单位失信行为，依照法律法规和政策规定对其法定代表人、主要负责人和其他负有直接责任人员采取相应的联合惩戒措施；",
  "JRP art. 14(14)":
    "各行业协会商会要按照行业标准、行规、行约等方式对黑名单会员开展行业惩戒，视情节轻重实行警告、行业内通报批评、公开谴责、不予接纳、劝退等惩戒措施；",
  "JRP art. 14(15)":
    "鼓励媒体、公众对非法经营、隐蔽生产经营场所、事故隐患、安全生产违法黑名单企业及其他失信行为进行举报、披露和曝光，通过社会舆论的道德谴责，形成社会震慑力，约束社会成员的失信行为。",
};

/**
 * The words that decide BLOCK or REVIEW, measure by measure, read from the same text (JRP arts. 13-14: a
 * measure that only 「限制」s asks for REVIEW where the text leaves the department discretion, BLOCK only
 * where the text forbids). P11's 「禁入」 stands under 「依法」: a ban only where a law provides one, which
 * the department has to find. P10's verb is not JRP art. 14(10)'s 「限制」 but the court's rule it cites:
 * transcribed below, it is not in the JRP's text.
 */
const DECIDED_BY: Readonly<Record<string, readonly [decision: "BLOCK" | "REVIEW", words: string]>> = {
  P01: ["REVIEW", "限制安排"],
  P02: ["BLOCK", "暂停"],
  P03: ["REVIEW", "从严控制"],
  P04: ["REVIEW", "限制新增项目审批、核准"],
  P05: ["REVIEW", "限制参与"],
  P06: ["REVIEW", "限制"],
  P07: ["REVIEW", "限制"],
  P08: ["REVIEW", "限制从事"],
  P09: ["REVIEW", "限制向其提供"],
  P10: ["BLOCK", "不得有以下高消费及非生活和工作必需的消费行为"],
  P11: ["REVIEW", "依法…实施行业禁入措施"],
  P12: ["REVIEW", "实施限制出境等"],
  P13: ["REVIEW", "依照法律法规和政策规定…采取相应的"],
  P14: ["REVIEW", "视情节轻重"],
  P15: ["REVIEW", "鼓励"],
  P16: ["BLOCK", "及时撤销…荣誉称号，取消参加评先评优资格"],
  P17: ["REVIEW", "限制录用"],
};

/** 《最高人民法院关于限制被执行人高消费及有关消费的若干规定》 (法释〔2015〕17号) art. 1 para. 2 and art. 3, lead-in. */
const COURT_CONSUMPTION_RULE =
  "纳入失信被执行人名单的被执行人，人民法院应当对其采取限制消费措施。被执行人为自然人的，被采取限制消费措施后，不得有以下高消费及非生活和工作必需的消费行为";

/** Words that forbid; anything else a black-list measure says (限制, 从严控制, 依法, 视情节轻重, 鼓励) leaves discretion. */
const FORBIDS = /暂停|撤销|取消|不得|禁止/;

/** Quoted words, `…` marking words left out, found in order in the text. */
function quotes(text: string, words: string): boolean {
  let from = 0;
  for (const part of words.split("…")) {
    const at = text.indexOf(part, from);
    if (at < 0) return false;
    from = at + part.length;
  }
  return true;
}

describe("the measure list (data/measures.yaml)", () => {
  it("quotes, for every measure based on JRP arts. 13-14, the text of the item it cites, and covers every item", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const cited = new Set<string>();
    for (const measure of catalog) {
      const article = /^JRP art\. 1[34]\(\d+\)/.exec(measure.basis)?.[0];
      if (!article) continue;
      cited.add(article);
      expect(JRP_ITEMS[article], `${measure.code} cites ${article}`).toBeDefined();
      expect(JRP_ITEMS[article], `${measure.code}'s title quotes ${article}`).toContain(measure.title);
      expect(measure.list, measure.code).toBe(article.startsWith("JRP art. 13") ? "RED" : "BLACK");
    }
    expect([...cited].sort()).toEqual(Object.keys(JRP_ITEMS).sort());
  });

  it("decides each black-list measure in each scenario by the words of its text: BLOCK only where they forbid", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const black = catalog.filter((measure) => measure.list === "BLACK");
    expect(black.map((measure) => measure.code).sort()).toEqual(Object.keys(DECIDED_BY).sort());
    for (const measure of black) {
      const [decision, words] = DECIDED_BY[measure.code]!;
      const article = /^JRP art\. 14\(\d+\)/.exec(measure.basis)?.[0];
      const text =
        measure.code === "P10" ? COURT_CONSUMPTION_RULE : article ? JRP_ITEMS[article]! : measure.title;
      expect(quotes(text, words), `${measure.code}: 「${words}」 is in the text it cites`).toBe(true);
      expect(FORBIDS.test(words), `${measure.code}: 「${words}」 forbids`).toBe(decision === "BLOCK");
      for (const scenario of measure.scenarios)
        expect(measure.decisions[scenario], `${measure.code} in ${scenario}`).toEqual({ decision, words });
    }
  });

  it("gives every red-list measure GREEN_CHANNEL in each scenario, with words its item says", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    for (const measure of catalog.filter((candidate) => candidate.list === "RED")) {
      for (const scenario of measure.scenarios) {
        const { decision, words } = measure.decisions[scenario]!;
        expect(decision, `${measure.code} in ${scenario}`).toBe("GREEN_CHANNEL");
        expect(
          quotes(JRP_ITEMS[measure.basis]!, words),
          `${measure.code} in ${scenario}: 「${words}」 is in ${measure.basis}`,
        ).toBe(true);
      }
    }
  });

  it("reserves exit restriction and the court's consumption restrictions to 失信被执行人 (JRP art. 14(10), 14(12))", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const byCode = new Map(catalog.map((measure) => [measure.code, measure]));
    expect(byCode.get("P10")!.grounds).toEqual(["B07_REFUSE_JUDGEMENT"]);
    expect(byCode.get("P12")!.grounds).toEqual(["B07_REFUSE_JUDGEMENT"]);
    expect(byCode.get("P10")!.title).toBe(
      "限制购买不动产、乘坐飞机、乘坐高等级列车和席次、旅游度假、入住星级以上宾馆及其他高消费行为",
    );
    expect(byCode.get("P05")!.grounds).toEqual([]);
  });

  it("refuses grounds that are not of the measure's list, naming the measure", async () => {
    const file = path.join(mkdtempSync(path.join(folder, "catalogue-")), "measures.yaml");
    writeFileSync(
      file,
      "measures:\n  - { code: P01, kind: PUNISHMENT, list: BLACK, title: t, target: SUBJECT, grounds: [R01_STATE_HONOUR], scenarios: { FISCAL_FUNDS: { decision: REVIEW, words: 限制 } }, basis: b, department: d }\n",
    );
    await expect(readMeasureCatalog(file)).rejects.toThrow(
      /measures\.0\.grounds: R01_STATE_HONOUR is not a BLACK list grounds/,
    );
  });

  it.each([
    [
      "a decision without the words that decide it",
      "{ HONORS: { decision: BLOCK } }",
      /measures\.0\.scenarios\.HONORS\.words/,
    ],
    [
      "a black-list measure giving GREEN_CHANNEL",
      "{ FISCAL_FUNDS: { decision: GREEN_CHANNEL, words: 限制 } }",
      /measures\.0\.scenarios\.FISCAL_FUNDS\.decision: a BLACK list measure does not decide GREEN_CHANNEL/,
    ],
  ])("refuses %s", async (_, scenarios, problem) => {
    const file = path.join(mkdtempSync(path.join(folder, "catalogue-")), "measures.yaml");
    writeFileSync(
      file,
      `measures:\n  - { code: P01, kind: PUNISHMENT, list: BLACK, title: t, target: SUBJECT, scenarios: ${scenarios}, basis: b, department: d }\n`,
    );
    await expect(readMeasureCatalog(file)).rejects.toThrow(problem);
  });
});
