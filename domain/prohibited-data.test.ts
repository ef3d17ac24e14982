import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  detectProhibitedData,
  detectProhibitedDataInName,
  detectProhibitedDataInOrganisationName,
  findProhibitedData,
  findProhibitedDataAbout,
  locateProhibitedData,
  WITHHELD,
  withholdProhibitedData,
} from "./prohibited-data";

const ZWSP = "\u200b";
const ZWJ = "\u200d";
const SOFT_HYPHEN = "\u00ad";
const COMBINING_ACUTE = "\u0301";
const between = (text: string, inserted: string) => [...text].join(inserted);
const fullWidth = (text: string) =>
  text.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0));
const urlEncoded = (text: string) => encodeURIComponent(text);
const entities = (text: string) => [...text].map((character) => `&#${character.codePointAt(0)};`).join("");
const hexEntities = (text: string) =>
  [...text].map((character) => `&#x${character.codePointAt(0)!.toString(16)};`).join("");
/** Cyrillic and Greek letters that look like Latin ones. */
const LOOK_ALIKE: Record<string, string> = {
  a: "а",
  e: "е",
  o: "ο",
  p: "р",
  c: "с",
  i: "і",
  x: "х",
  y: "у",
  B: "В",
  H: "Η",
  I: "Ι",
  T: "Т",
  D: "Ⅾ",
};
const lookAlike = (text: string) => [...text].map((character) => LOOK_ALIKE[character] ?? character).join("");

/** Each category in plain forms: simplified, traditional, English, pinyin. */
const PLAIN: Array<[string, string]> = [
  ["宗教信仰", "religion"],
  ["宗教", "religion"],
  ["religion", "religion"],
  ["Religious_Belief", "religion"],
  ["zongjiao", "religion"],
  ["基因", "genes"],
  ["genetic", "genes"],
  ["DNA", "genes"],
  ["jiyin", "genes"],
  ["血型", "blood-type"],
  ["bloodType", "blood-type"],
  ["blood group", "blood-type"],
  ["xuexing", "blood-type"],
  ["疾病", "medical"],
  ["病史", "medical"],
  ["病历", "medical"],
  ["medicalHistory", "medical"],
  ["HIV", "medical"],
  ["指纹", "fingerprints"],
  ["fingerprint", "fingerprints"],
];

/** Disguises of prohibited data, each written as it was found in a submission: the detector must see through every one. */
const DISGUISED: Array<[string, string]> = [
  [between("宗教信仰", ZWSP), "religion"],
  [between("血型", ZWJ), "blood-type"],
  [between("religion", SOFT_HYPHEN), "religion"],
  [between("bloodtype", COMBINING_ACUTE), "blood-type"],
  [`r${COMBINING_ACUTE}eligio\u0308n`, "religion"],
  [lookAlike("religion"), "religion"],
  [lookAlike("HIV"), "medical"],
  [lookAlike("bloodType"), "blood-type"],
  [lookAlike("DNA"), "genes"],
  [fullWidth("religion"), "religion"],
  [fullWidth("HIV"), "medical"],
  ["病歷", "medical"],
  ["宗教信仰", "religion"],
  ["診斷為糖尿病", "medical"],
  ["指紋", "fingerprints"],
  ["遺傳", "genes"],
  ["zōngjiào", "religion"],
  ["zong jiao", "religion"],
  ["Zōng Jiào Xìn Yǎng", "religion"],
  ["xuè xíng", "blood-type"],
  ["xue-xing", "blood-type"],
  ["jī yīn", "genes"],
  ["HIV阳性", "medical"],
  ["hiv-1", "medical"],
  ["%E5%AE%97%E6%95%99", "religion"],
  [urlEncoded("血型"), "blood-type"],
  [urlEncoded(urlEncoded("病史")), "medical"],
  ["&#23447;&#25945;", "religion"],
  [entities("指纹"), "fingerprints"],
  [hexEntities("基因"), "genes"],
  ["宗 教", "religion"],
  ["宗-教 信-仰", "religion"],
  ["r e l i g i o n", "religion"],
  ["blood_TYPE", "blood-type"],
];

/** Credit texts as providers write them, and names that merely resemble a term. */
const ORDINARY = [
  "未按规定办理施工许可擅自施工，被处以罚款人民币五万元",
  "依据《中华人民共和国建筑法》第六十四条",
  "淮建罚〔2026〕12号",
  "存在事故隐患有待整改",
  "销售未标注转基因标识的食用油",
  "经市疾病预防控制中心检测，饮用水不合格",
  "依据《艾滋病防治条例》第三十条",
  "违反人类遗传资源管理规定",
  "血液制品经营许可证已过期",
  "病虫害防治服务合同未履行",
  "奠定了根基。因此",
  "淮安市宗申动力配件有限公司",
  "good faith",
  "acted in bad faith",
  "archive",
  "hivemind",
  "general note",
  "Genesis",
  "million",
  "Illinois",
  "penalty amount 50000 yuan",
  "xinyang",
  "2026-01-05",
  "91320800MA1XXXXXX1",
];

describe("detectProhibitedData", () => {
  it.each(PLAIN)("finds %s as %s", (text, category) => {
    expect(detectProhibitedData(text)?.name).toBe(category);
  });

  it.each(DISGUISED)("sees through %j (%s)", (text, category) => {
    expect(detectProhibitedData(text)?.name).toBe(category);
  });

  it.each(ORDINARY)("lets %j pass", (text) => {
    expect(detectProhibitedData(text)).toBeNull();
  });

  it("names the law of each category", () => {
    expect(detectProhibitedData("血型")?.law).toMatch(/PCIM art\. 14/);
    expect(detectProhibitedData("指纹")?.law).toMatch(/征信业管理条例 art\. 14/);
  });

  it("finds a term however ordinary the text around it", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ORDINARY),
        fc.constantFrom(...DISGUISED),
        fc.constantFrom(...ORDINARY),
        (before, [term, category], after) => {
          expect(detectProhibitedData(`${before} ${term} ${after}`)?.name).toBe(category);
        },
      ),
    );
  });

  it("costs microseconds on a typical record", () => {
    const record = [
      "淮安市某某建设工程有限公司因未按规定办理施工许可擅自施工，被处以罚款人民币五万元",
      "淮建罚〔2026〕12号",
      "依据《建筑法》第六十四条",
      "penalty amount 50000 yuan",
      "2026-01-05",
    ];
    const rounds = 2_000;
    const started = performance.now();
    for (let round = 0; round < rounds; round++) for (const text of record) detectProhibitedData(text);
    const microsecondsPerRecord = ((performance.now() - started) * 1_000) / rounds;
    // Typically ~20 µs on a shared core; the bound only catches a regression of an order of magnitude.
    expect(microsecondsPerRecord).toBeLessThan(500);
  });
});

describe("findProhibitedData", () => {
  it.each(DISGUISED)(
    "finds %j as a key and as a value, nested and in arrays, naming paths and not the text",
    (term) => {
      const findings = findProhibitedData(
        { ok: "罚款五万元", notes: ["无", term], person: { history: [{ ok: 1 }, { [term]: { value: 1 } }] } },
        "records[0].attributes",
      );
      expect(findings.map((finding) => finding.path)).toEqual([
        "records[0].attributes.notes[1]",
        "records[0].attributes.person.history[1].<key 0>",
      ]);
      expect(findings.map((finding) => finding.path).join(" ")).not.toContain(term);
    },
  );

  it("lets ordinary keys and values through", () => {
    expect(
      findProhibitedData(
        {
          generalNote: "x",
          penaltyAmount: 5,
          bloodDonationCount: 2,
          general: { genre: "a" },
          行政处罚: ORDINARY,
        },
        "attributes",
      ),
    ).toEqual([]);
  });
});

describe("withholdProhibitedData", () => {
  it("withholds matching strings and JSON keys, leaves names alone, and reports each path", () => {
    const paths: string[] = [];
    const record = {
      id: "r1",
      name: "华大基因股份有限公司",
      title: "病歷记录",
      documentNumber: "淮罚〔2026〕1号",
      attributes: { amount: 5, [between("血型", ZWSP)]: "A", notes: ["ok", "religion: none"] },
    };
    const served = withholdProhibitedData(record, (finding) => paths.push(finding.path));
    expect(served).toEqual({
      id: "r1",
      name: "华大基因股份有限公司",
      title: WITHHELD,
      documentNumber: "淮罚〔2026〕1号",
      attributes: { amount: 5, notes: ["ok", WITHHELD] },
    });
    expect(paths).toEqual(["title", "attributes.<key 1>", "attributes.notes[1]"]);
    expect(record.title).toBe("病歷记录");
  });

  it("returns the object itself when nothing matches", () => {
    const record = { title: "擅自施工", attributes: { amount: 5 } };
    expect(withholdProhibitedData(record, () => undefined)).toBe(record);
  });
});

/** The disguises and unlisted facts of the attack on the detector, each as written. */
const ATTACKS: Array<[string, string]> = [
  ["ʀᴇʟɪɢɪᴏɴ", "religion"],
  ["🅷🅸🆅", "medical"],
  ["ⓗⓘⓥ", "medical"],
  ["🄷🄸🅅", "medical"],
  ["𝐡𝐢𝐯", "medical"],
  ["🇭🇮🇻", "medical"],
  ["HIVpositive", "medical"],
  ["hivpositive", "medical"],
  ["DNAtest", "genes"],
  ["宗．教", "religion"],
  ["宗 教", "religion"],
  ["宗/教", "religion"],
  ["患有糖。尿。病", "medical"],
  ["zōngjiào", "religion"],
  ["zong jiao", "religion"],
  ["tang2niao4bing4", "medical"],
  ["患有糖尿病", "medical"],
  ["O型血", "blood-type"],
  ["〇型血", "blood-type"],
  ["Rh阴性", "blood-type"],
  ["乙肝", "medical"],
  ["住院治疗", "medical"],
  ["每周做礼拜", "religion"],
  ["2019年受洗", "religion"],
  ["人脸特征值", "biometrics"],
];

/** Ordinary texts that run into a term, and the offences, laws and places that name one. */
const FALSE_FRIENDS = [
  "宣传教育",
  "自信教育",
  "礼拜一至礼拜五",
  "位于中风险地区",
  "存在事故隐患有待整改",
  "伪造病历骗取医保基金",
  "未为犬只接种狂犬病疫苗",
  "依据《艾滋病防治条例》",
  "违反《宗教事务条例》，由宗教事务局处罚",
  "在市肿瘤医院门口倒卖车位",
  "宣称能根治糖尿病的保健品",
  "奠定了根基。因此",
  "sold counterfeit Christian Dior bags",
  "hearing aids",
];

describe("the disguises and facts of the attack", () => {
  it.each(ATTACKS)("finds %j as %s", (text, category) => {
    expect(detectProhibitedData(text)?.name).toBe(category);
  });

  it.each(FALSE_FRIENDS)("lets %j pass", (text) => {
    expect(detectProhibitedData(text)).toBeNull();
  });

  it("locates each hit in the text as given, for a reviewer", () => {
    const text = "当事人ʜɪᴠ阳性，患有糖 尿病";
    expect(
      locateProhibitedData(text).map((hit) => [hit.category.name, hit.term, text.slice(hit.start, hit.end)]),
    ).toEqual([
      ["medical", "hiv", "ʜɪᴠ"],
      ["medical", "患有", "患有"],
      ["medical", "糖尿病", "糖 尿病"],
    ]);
    expect(locateProhibitedData("%E7%97%85%E5%8F%B2")).toEqual([
      expect.objectContaining({ term: "病史", start: 0, end: 18 }),
    ]);
    expect(locateProhibitedData("罚款五万元")).toEqual([]);
  });
});

describe("findProhibitedDataAbout (PCIM art. 14: natural persons)", () => {
  const record = {
    title: "伪造病历骗取医保基金",
    attributes: { note: "非洲猪瘟", 法定代表人: { health: "患有糖尿病" }, legalRepresentative: "O型血" },
  };

  it("searches a natural person's text whole", () => {
    expect(
      findProhibitedDataAbout("NATURAL_PERSON", { title: "患有糖尿病" }, "r").map((finding) => finding.path),
    ).toEqual(["r.title"]);
  });

  it("searches an organisation's person fields only", () => {
    expect(findProhibitedDataAbout("LEGAL_PERSON", record, "r").map((finding) => finding.path)).toEqual([
      "r.attributes.法定代表人.health",
      "r.attributes.legalRepresentative",
    ]);
    expect(findProhibitedDataAbout("OTHER_ORGANIZATION", { title: "DNA检测报告造假" }, "r")).toEqual([]);
  });

  it("withholds on the way out by the same scope", () => {
    const served = withholdProhibitedData(record, () => undefined, "LEGAL_PERSON");
    expect(served).toEqual({
      title: "伪造病历骗取医保基金",
      attributes: { note: "非洲猪瘟", 法定代表人: { health: WITHHELD }, legalRepresentative: WITHHELD },
    });
  });

  it("searches a name without pinyin and without given names", () => {
    expect(detectProhibitedDataInName("王糖尿病")?.name).toBe("medical");
    expect(detectProhibitedDataInName("Ji Yin")).toBeNull();
    expect(detectProhibitedDataInName("Gene Hackman")).toBeNull();
    expect(detectProhibitedDataInName("程信仰")).toBeNull();
  });
});

describe("general rules: procedures, lab values, practices, glue across a case change, products and places", () => {
  it.each([
    ["邹某曾行阑尾切除术", "medical"],
    ["王某做了阑尾手术", "medical"],
    ["李某术后恢复良好", "medical"],
    ["孙某曾接受肝移植", "medical"],
    ["严某新冠后遗症", "medical"],
    ["肺纤维化", "medical"],
    ["糖化血红蛋白9.2%", "medical"],
    ["The borrower has a history of heart surgery", "medical"],
    ["孙某HepBcarrier", "medical"],
    ["ru xian ai", "medical"],
    ["周某BRCA1mutationcarrier", "genes"],
    ["蒋某 O xing xue", "blood-type"],
    ["韦某参加主日崇拜", "religion"],
    ["马某剃度出家", "religion"],
    ["张某每周去清\u200c真\u200c寺", "religion"],
    ["孙某人脸识别特征向量", "biometrics"],
    ["钱某在市第四人民医院接受康复治疗", "medical"],
    ["每天吃抗病毒药", "medical"],
    ["植入人工耳蜗", "medical"],
    ["CD4+淋巴细胞350", "medical"],
    ["早年得过痨病", "medical"],
    ["确认为干燥综合征", "medical"],
    ["Prostate-Cancer-Survivor", "medical"],
    ["检测显示APOE4杂合", "genes"],
    ["每周五做主麻", "religion"],
    ["长期服用二甲双胍", "medical"],
    ["Has a pacemaker fitted", "medical"],
  ])("finds %j as %s", (text, category) => {
    expect(detectProhibitedData(text)?.name).toBe(category);
  });

  it.each([
    "学术后果严重",
    "技术后台",
    "从事纤维化工产品销售",
    "销售手术刀",
    "到教堂附近违章停车",
    "销售指纹锁",
    "Sold fingerprint door locks",
    "任职于淮安基因科技有限公司",
    "在宗教活动场所附近停车",
    "在佛教文化园揽客",
    "基督山伯爵主题餐厅",
    "在某基因检测公司任职期间挪用公款",
    "窃取客户人脸信息用于贷款",
    "出售公民指纹数据牟利",
    "传承红色基因，诚信经营",
    "安装天花板时坠落",
    "签订复杂合同",
    "双方系单纯合作关系",
    "Worked at Jushi Group on zonghe zhengzhi",
    "jiazhi yizhi",
  ])("lets %j pass", (text) => {
    expect(detectProhibitedData(text)).toBeNull();
  });

  it("searches an organisation's name only after a word for a person or in a remark added to it", () => {
    expect(detectProhibitedDataInOrganisationName("淮安市老王修车铺 老板信基督")?.name).toBe("religion");
    expect(detectProhibitedDataInOrganisationName("公司法人确诊肺癌即将跑路")?.name).toBe("medical");
    expect(detectProhibitedDataInOrganisationName("淮安某公司（老王患糖尿病）")?.name).toBe("medical");
    expect(detectProhibitedDataInOrganisationName("淮安市第二人民医院（淮安市肿瘤医院）")).toBeNull();
    expect(detectProhibitedDataInOrganisationName("淮安市佛教协会")).toBeNull();
    expect(detectProhibitedDataInOrganisationName("Huai'an Gene Technology Co., Ltd.")).toBeNull();
  });
});
