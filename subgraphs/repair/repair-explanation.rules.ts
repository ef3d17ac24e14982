import type { RepairCondition, RepairEligibilityResult, RepairTarget } from "./repair-eligibility.rules";

/** The answer to a subject in plain Chinese: what each condition asks, with its article and dates, and what to do next. */
export type RepairExplanation = Readonly<{ explanation: string; nextSteps: string[] }>;

const JRP = "《淮安市守信联合激励和失信联合惩戒实施办法》";
const PCIM = "《淮安市公共信用信息管理办法》";

/**
 * Each condition of `checkRepairEligibility`, by its article, as a subject reads it. A condition missing
 * here is shown with its article and reason as computed (a test keeps every article covered).
 */
export const CONDITION_WORDING: Readonly<Record<string, string>> = {
  "JRP art. 18": `${JRP}第十八条：只有仍在有效期内的黑名单信息才能通过信用修复退出黑名单`,
  "JRP art. 18(1)-(2): performed or rectified": `${JRP}第十八条（一）（二）：已全面履行法定义务或完成整改（需写明日期并提供证明材料，6个月或12个月从这一天起算）`,
  "JRP art. 18(1): first listing, 6 months": `${JRP}第十八条（一）：初次列入黑名单，履行义务或完成整改后6个月内未再发生严重失信行为`,
  "JRP art. 18(2): repeat listing, 12 months": `${JRP}第十八条（二）：非初次列入黑名单，履行义务或完成整改后12个月内未再发生严重失信行为`,
  "PCIM art. 31": `${PCIM}第三十一条：只有仍在使用期限内的失信信息才能修复`,
  "PCIM art. 31(1): publicity ≥ 3 months": `${PCIM}第三十一条（一）：失信信息公示期满3个月以上`,
  "PCIM art. 31(1): corrected": `${PCIM}第三十一条（一）：已对失信行为进行纠正并取得明显成效（需写明纠正之日并提供证明材料）`,
  "PCIM art. 31(1): 1 year without same-class dishonesty": `${PCIM}第三十一条（一）：自纠正之日起1年内未再发生同类失信行为`,
  "PCIM art. 31(2)(1)": `${PCIM}第三十一条（二）1：1年内没有严重失信行为，且较重失信行为少于3次`,
  "PCIM art. 31(2)(2)": `${PCIM}第三十一条（二）2：企业未进入破产程序`,
  "PCIM art. 31(2)(3)": `${PCIM}第三十一条（二）3：距离上一次信用修复已满1年`,
  "PCIM art. 31(2)(4)": `${PCIM}第三十一条（二）4：5年内信用修复累计不满2次`,
  "PCIM art. 31(2)(5)": `${PCIM}第三十一条（二）5：5年内同一类失信行为未修复过`,
  "PCIM art. 31(2)(6)": `${PCIM}第三十一条（二）6：接到信用提醒后已纠正，按要求参加约谈并落实约谈事项`,
  "PCIM art. 31(2)(7)": `${PCIM}第三十一条（二）7：没有被有关部门依法认定不能修复的其他情形`,
  "PCIM art. 31 / JRP art. 18: the subject's other credit information": "信息主体的其他信用信息满足其余条件",
};

/** `2027-05-01` as 2027年5月1日. */
export function chineseDate(date: string): string {
  const [year, month, day] = date.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

function lineOf(condition: RepairCondition): string {
  const wording = CONDITION_WORDING[condition.article] ?? `${condition.article}：${condition.reason}`;
  if (condition.met) return `✓ ${wording}——已满足。`;
  return `✗ ${wording}——尚未满足${condition.earliestOn ? `，最早于${chineseDate(condition.earliestOn)}满足` : "，不会因时间经过而满足"}。`;
}

const OUT_OF_USE = new Set(["JRP art. 18", "PCIM art. 31"]);
const RECTIFICATION = new Set(["JRP art. 18(1)-(2): performed or rectified", "PCIM art. 31(1): corrected"]);

/**
 * Explains an eligibility answer to the subject: the overall answer, each condition with its article and
 * the day it is (or will be) met, then the next steps with the evidence to bring and the procedure's real
 * deadlines (PCIM art. 32, JRP art. 19; the provider's 10 working days are a house rule, the text says
 * 「在规定期限内」).
 */
export function explainRepairEligibility(
  target: RepairTarget,
  result: RepairEligibilityResult,
  rectifiedOn: string | null,
): RepairExplanation {
  const blackList = target.type === "LIST_ENTRY";
  const what = blackList ? "退出黑名单（信用修复）" : "修复这条失信信息";
  const failed = result.conditions.filter((condition) => !condition.met);
  const headline = result.eligible
    ? `您现在可以申请${what}。`
    : `您现在还不能申请${what}。${result.earliestOn ? `按现有信息，最早可在${chineseDate(result.earliestOn)}申请。` : ""}`;
  const counted = rectifiedOn
    ? `期间从您填写的履行义务或完成整改之日（${chineseDate(rectifiedOn)}）起算，当天不计入。`
    : "";
  const explanation = [headline + counted, "各项条件：", ...result.conditions.map(lineOf)].join("\n");

  const nextSteps: string[] = [];
  if (failed.some((condition) => OUT_OF_USE.has(condition.article))) {
    nextSteps.push(
      "这条信息已不在使用期限内（已过有效期、已更正、已移除或已归档），不再公示，也不再作为惩戒依据，无需也不能申请修复；如仍被使用，可以提出异议（失信信息超期限使用）。",
    );
    return { explanation, nextSteps };
  }
  if (failed.some((condition) => RECTIFICATION.has(condition.article))) {
    nextSteps.push(
      "请先确定您全面履行法定义务或完成整改的日期，再查询一次并填写该日期（rectifiedOn）；申请时要带上证明材料，例如缴纳罚款或税款的凭证、法院的执行完毕证明、主管部门的整改验收意见。",
    );
  }
  const waiting = failed.filter(
    (condition) => condition.earliestOn !== null && !RECTIFICATION.has(condition.article),
  );
  if (waiting.length > 0 && result.earliestOn)
    nextSteps.push(
      `请在${chineseDate(result.earliestOn)}或之后再申请；在此之前如再发生${blackList ? "严重" : "同类"}失信行为，期间将重新计算。`,
    );
  if (failed.some((condition) => condition.earliestOn === null && !RECTIFICATION.has(condition.article))) {
    nextSteps.push(
      "有的条件不会因时间经过而满足（见上文标“不会因时间经过而满足”的条件）：需要先消除该情形；如有疑问，可以向信息提供单位或市公共信用信息中心咨询。",
    );
  }
  if (blackList && !result.eligible) {
    nextSteps.push(
      `另外，按${JRP}第十八条（三），如有信息提供单位认可的其他重大悔改表现，已采取有效措施防止再次发生严重失信行为，建立了信用管理制度并承诺不再失信，也可以向信息提供单位提出申请，由其认定。`,
    );
  }
  if (result.eligible) {
    nextSteps.push(
      `向信息提供单位提交书面信用修复申请（applyForRepair），带上：信用承诺书（承诺不再失信）；履行义务或完成整改的证明材料${blackList ? "" : "（纠正并取得明显成效的证明）"}；单位申请的，还需附上本单位的信用管理制度。`,
    );
    nextSteps.push(
      `之后的程序（${PCIM}第三十二条、${JRP}第十九条）：信息提供单位在10个工作日内出具书面修复意见（本系统规则，原文为“在规定期限内”）；同意的，公示5个工作日，公示期间任何人都可以提出异议，由信息提供单位在5个工作日内核实；公示期满无异议的，市公共信用信息中心采用修复后的信息，原信息转为档案保存。`,
    );
  }
  nextSteps.push(
    "如果您认为这条信息本身有错误或遗漏，请提出异议（fileObjection）而不是申请修复：10个工作日内审核，需要核实的信息提供单位5个工作日内核实，确有错误的3个工作日内更正。",
  );
  return { explanation, nextSteps };
}
