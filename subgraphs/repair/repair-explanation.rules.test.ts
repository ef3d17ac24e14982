import { describe, expect, it } from "vitest";
import {
  checkRepairEligibility,
  withoutFileDetails,
  type RepairHistory,
  type RepairTarget,
} from "./repair-eligibility.rules";
import { chineseDate, CONDITION_WORDING, explainRepairEligibility } from "./repair-explanation.rules";

const TODAY = "2026-11-20";
const none: RepairHistory = { records: [], blackListings: [], repairs: [] };
const entry: RepairTarget = {
  type: "LIST_ENTRY",
  id: "E",
  list: "BLACK",
  grounds: "BLACK:B07",
  status: "ACTIVE",
  recognizedOn: "2026-05-01",
  validUntil: "2029-05-01",
};
const listed: RepairHistory = {
  ...none,
  blackListings: [{ id: "E", recognizedOn: "2026-05-01", status: "ACTIVE" }],
};
const record: RepairTarget = {
  type: "CREDIT_RECORD",
  id: "R",
  kind: "TAX_ARREARS",
  category: "NEGATIVE",
  severity: "GENERAL",
  status: "ACTIVE",
  decidedOn: "2025-01-10",
  publishedOn: "2025-01-10",
  expiresOn: "2027-01-10",
};
const barred: RepairHistory = {
  ...none,
  records: [
    {
      id: "B",
      kind: "BANKRUPTCY_PROCEEDING",
      category: "OTHER",
      severity: null,
      status: "ACTIVE",
      decidedOn: "2026-01-01",
    },
    {
      id: "I",
      kind: "IGNORED_CREDIT_REMINDER",
      category: "OTHER",
      severity: null,
      status: "ACTIVE",
      decidedOn: "2026-01-01",
    },
    {
      id: "X",
      kind: "REPAIR_BAR",
      category: "OTHER",
      severity: null,
      status: "ACTIVE",
      decidedOn: "2026-01-01",
    },
    {
      id: "S",
      kind: "FRAUD",
      category: "NEGATIVE",
      severity: "SEVERE",
      status: "ACTIVE",
      decidedOn: "2026-06-01",
    },
  ],
  repairs: [
    { completedOn: "2026-03-01", kind: "TAX_ARREARS" },
    { completedOn: "2024-03-01", kind: "OTHER" },
  ],
};
const explain = (target: RepairTarget, history: RepairHistory, rectifiedOn: string | null) =>
  explainRepairEligibility(target, checkRepairEligibility(target, history, TODAY, rectifiedOn), rectifiedOn);

describe("the subject's explanation of repair eligibility, in plain Chinese", () => {
  it("has a wording for every article the rules can report (no English reason leaks to the subject)", () => {
    const results = [
      checkRepairEligibility(entry, listed, TODAY, null),
      checkRepairEligibility(entry, listed, TODAY, "2026-10-31"),
      checkRepairEligibility(
        entry,
        {
          ...listed,
          blackListings: [
            ...listed.blackListings,
            { id: "E0", recognizedOn: "2024-01-01", status: "EXPIRED" },
          ],
        },
        TODAY,
        "2026-10-31",
      ),
      checkRepairEligibility(record, barred, TODAY, null),
      checkRepairEligibility(record, barred, TODAY, "2025-02-01"),
      withoutFileDetails(checkRepairEligibility(record, barred, TODAY, "2025-02-01")),
    ];
    const articles = new Set(
      results.flatMap((result) => result.conditions.map((condition) => condition.article)),
    );
    expect([...articles].filter((article) => !(article in CONDITION_WORDING))).toEqual([]);
    expect(articles.size).toBe(Object.keys(CONDITION_WORDING).length);
  });

  it("a first listing with obligations performed 20 days ago: not yet, and the day six months after performance", () => {
    const { explanation, nextSteps } = explain(entry, listed, "2026-10-31");
    expect(explanation).toContain(
      "您现在还不能申请退出黑名单（信用修复）。按现有信息，最早可在2027年5月1日申请。",
    );
    expect(explanation).toContain("期间从您填写的履行义务或完成整改之日（2026年10月31日）起算");
    expect(explanation).toMatch(
      /✗ 《淮安市守信联合激励和失信联合惩戒实施办法》第十八条（一）：初次列入黑名单.*最早于2027年5月1日满足/,
    );
    expect(nextSteps[0]).toMatch(/^请在2027年5月1日或之后再申请/);
    expect(nextSteps.join("")).toContain("第十八条（三）");
  });

  it("eligible: what to file, the evidence to bring and the procedure with its working days", () => {
    const { explanation, nextSteps } = explain(entry, listed, "2026-04-20");
    expect(explanation.split("\n")[0]).toMatch(/^您现在可以申请退出黑名单/);
    expect(nextSteps.join("\n")).toMatch(/applyForRepair.*信用承诺书.*证明材料/);
    expect(nextSteps.join("\n")).toMatch(
      /10个工作日内出具书面修复意见.*公示5个工作日.*5个工作日内核实.*档案保存/,
    );
  });

  it("without the day of rectification: asks for it and names the evidence", () => {
    const { nextSteps } = explain(entry, listed, null);
    expect(nextSteps[0]).toMatch(/rectifiedOn.*证明材料/);
  });

  it("expired information: out of use, nothing to repair, and no other step", () => {
    const { explanation, nextSteps } = explain({ ...record, expiresOn: "2026-01-10" }, none, "2025-02-01");
    expect(explanation).toMatch(
      /✗ 《淮安市公共信用信息管理办法》第三十一条：只有仍在使用期限内.*不会因时间经过而满足/,
    );
    expect(nextSteps).toEqual([expect.stringMatching(/^这条信息已不在使用期限内.*无需也不能申请修复/)]);
  });

  it("a bar no date cures: says so and where to ask", () => {
    const { explanation, nextSteps } = explain(record, barred, "2025-02-01");
    expect(explanation).toMatch(
      /✗ .*第三十一条（二）2：企业未进入破产程序——尚未满足，不会因时间经过而满足。/,
    );
    expect(nextSteps.join("")).toContain("需要先消除该情形");
  });

  it("writes dates the Chinese way", () => {
    expect(chineseDate("2027-01-09")).toBe("2027年1月9日");
  });
});
