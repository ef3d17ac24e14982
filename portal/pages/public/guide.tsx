import { defineMessages, useMessages } from "../../i18n";
import { useIdentity } from "../../session";

/**
 * Deadlines as PCIM arts. 28-31, JRP arts. 15-19 and docs/repair.md set them (working days: weekends and holidays off,
 * make-up working days on). Where the law leaves the period open, the page says it is the centre's rule.
 */
const messages = defineMessages({
  "zh-CN": {
    title: "如何提出异议、申请信用修复",
    intro:
      "信息有误的，请提出异议；信息无误但已经履行义务、完成整改的，可申请信用修复。以下期限均按工作日计算（不含周末和法定节假日，调休上班日计入）。",
    objectionTitle: "提出异议（信息有误）",
    objectionWhen:
      "可以提出异议的情形：信息错误或遗漏；采集了禁止采集的信息（宗教信仰、基因、血型、疾病和病史等）；超过期限的失信信息仍在使用。",
    objectionWhere: "向信用中心或信息提供单位提出，写明理由并附上证明材料。",
    deadlinesCaption: "异议处理期限",
    step: "环节",
    who: "由谁办理",
    deadline: "期限",
    review: "审查异议",
    reviewWho: "公共信用信息中心（可自行处理）",
    reviewDeadline: "收到异议后 10 个工作日内",
    verify: "核实信息（需要时）",
    verifyWho: "信息提供单位",
    verifyDeadline: "5 个工作日内",
    correct: "更正并重新公示",
    correctWho: "信用中心或信息提供单位",
    correctDeadline: "确认有误后 3 个工作日内；更正在原公示和提供范围内告知",
    appeal: "申诉（对结果不服）",
    appealWho: "本级信用主管部门",
    appealDeadline: "10 个工作日内（本平台规则；法规未规定期限），之后可依法申请行政复议或提起行政诉讼",
    repairTitle: "申请信用修复（信息无误，已整改）",
    repairBlack:
      "移出黑名单：履行义务或完成整改之日起，首次列入的 6 个月内、再次列入的 12 个月内没有新的严重失信行为（期间再被列入黑名单的重新计算）；或者有其他重大悔改表现，经认定单位认可，并建立信用管理制度、作出书面承诺。",
    repairItem:
      "修复其他失信信息：已公示满 3 个月；已纠正且效果明显；自纠正之日起 1 年内无同类失信行为；且最近 1 年内无严重失信或 3 次以上较重失信、不在破产程序中、距上次修复满 1 年、5 年内修复不超过 2 次且同类信息未修复过、没有拒不接受信用提醒或约谈。",
    repairExpired: "已过有效期的信息不再公示、不再作为惩戒依据，无需修复。",
    bringTitle: "需要准备的材料",
    bringCommitment: "书面信用承诺书；",
    bringEvidence: "履行义务或完成整改的证明及日期（如缴款凭证、法院执行完毕证明、主管部门的整改验收意见）；",
    bringSystem: "单位申请的，另附本单位的信用管理制度。",
    repairCaption: "信用修复办理期限",
    opinion: "出具书面意见",
    opinionWho: "信息提供单位（认定单位）",
    opinionDeadline: "10 个工作日内（本平台规则：法规规定“在规定期限内”）",
    publicity: "修复公示",
    publicityWho: "公共信用信息中心",
    publicityDeadline: "5 个工作日；公示期内任何人可提出异议，由提供单位在 5 个工作日内核实",
    complete: "完成修复",
    completeWho: "公共信用信息中心",
    completeDeadline: "公示期满无异议后：移出名单、停止公示，原信息归档保存",
    provisional:
      "若下一年度的放假安排尚未公布，截止日期按法定节假日暂算，并标注为“暂定”；公布后自动重新计算。期限不会因此拒收任何申请。",
    signedIn: "您已登录：在“我的信用”中选择具体信息，即可提出异议或检查修复条件并申请。",
    signedOut: "信用主体登录后，可在“我的信用”中在线提出异议、申请修复并跟踪办理进度。",
    me: "前往“我的信用”",
    signIn: "登录",
  },
  en: {
    title: "How to object and how to repair your credit",
    intro:
      "If the information is wrong, object. If it is right but you have performed your obligations or put things right, apply for credit repair. Every period below counts working days (weekends and public holidays off, make-up working days on).",
    objectionTitle: "Objecting (the information is wrong)",
    objectionWhen:
      "You may object when the information is wrong or incomplete; when prohibited data was collected (religion, genes, blood type, disease and medical history …); or when expired negative information is still used.",
    objectionWhere:
      "Object to the credit centre or to the department that provided the information, with your reasons and evidence.",
    deadlinesCaption: "Deadlines for an objection",
    step: "Step",
    who: "Who acts",
    deadline: "Deadline",
    review: "Review of the objection",
    reviewWho: "The public credit information centre (may settle it itself)",
    reviewDeadline: "Within 10 working days of filing",
    verify: "Verification (when needed)",
    verifyWho: "The providing department",
    verifyDeadline: "Within 5 working days",
    correct: "Correction and re-publication",
    correctWho: "The credit centre or the providing department",
    correctDeadline:
      "Within 3 working days of finding it wrong; the correction is made known wherever the item was published or provided",
    appeal: "Appeal (if you disagree with the outcome)",
    appealWho: "The credit authority at the same level",
    appealDeadline:
      "Within 10 working days (this platform's rule; the regulations set none); then administrative reconsideration or a lawsuit",
    repairTitle: "Credit repair (the information is right, and you have put things right)",
    repairBlack:
      "Leaving the black list: from the day obligations were performed or rectification completed, no new severe dishonesty for 6 months (first listing) or 12 months (repeat listing) — a new black listing restarts the count; or other major repentance accepted by the recognising unit, with a credit-management system and a written commitment.",
    repairItem:
      "Repairing another negative item: published for at least 3 months; corrected with clear effect; no dishonesty of the same class for 1 year from the correction; and no severe dishonesty (or 3 serious ones) in the last year, no bankruptcy proceedings, at least a year since the last repair, at most 2 repairs in 5 years and none of the same class, no ignored credit reminders or interviews.",
    repairExpired:
      "Expired information is no longer published and no longer a basis for punishment: there is nothing to repair.",
    bringTitle: "What to bring",
    bringCommitment: "A written credit commitment;",
    bringEvidence:
      "Evidence of performance or rectification and its date (payment receipts, the court's certificate of execution, the department's acceptance of the rectification);",
    bringSystem: "An organisation adds its credit-management system.",
    repairCaption: "Deadlines for a repair",
    opinion: "Written opinion",
    opinionWho: "The providing (recognising) department",
    opinionDeadline:
      "Within 10 working days (this platform's rule: the regulations say “within the set period”)",
    publicity: "Publicity of the repair",
    publicityWho: "The public credit information centre",
    publicityDeadline:
      "5 working days, when anyone may object; the provider verifies an objection within 5 working days",
    complete: "Completion",
    completeWho: "The public credit information centre",
    completeDeadline:
      "After publicity without a founded objection: the entry leaves the list and publication; the original is archived",
    provisional:
      "Where next year's holiday arrangement is not published yet, a deadline is computed from the statutory holidays and marked provisional; it is recomputed once published. No filing is ever refused for it.",
    signedIn:
      "You are signed in: choose an item under “My credit” to object, or check whether it can be repaired and apply.",
    signedOut: "A subject who signs in can object, apply for repair and follow each case under “My credit”.",
    me: "Go to “My credit”",
    signIn: "Sign in",
  },
});

type Key = keyof (typeof messages)["zh-CN"];

function DeadlineTable({ caption, rows }: { caption: Key; rows: ReadonlyArray<readonly [Key, Key, Key]> }) {
  const t = useMessages(messages);
  return (
    <table class="public-table">
      <caption>{t(caption)}</caption>
      <thead>
        <tr>
          <th scope="col">{t("step")}</th>
          <th scope="col">{t("who")}</th>
          <th scope="col">{t("deadline")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([step, who, deadline]) => (
          <tr key={step}>
            <th scope="row">{t(step)}</th>
            <td>{t(who)}</td>
            <td>{t(deadline)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** `/guide`: objections and repair in plain words, with who decides, what to bring and every deadline. */
export function GuidePage() {
  const t = useMessages(messages);
  const identity = useIdentity();
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      {identity?.role === "SUBJECT" ? (
        <p class="notice ok">
          {t("signedIn")} <a href="/me">{t("me")}</a>
        </p>
      ) : (
        <p class="notice">
          {t("signedOut")} <a href="/sign-in">{t("signIn")}</a>
        </p>
      )}
      <h2>{t("objectionTitle")}</h2>
      <p>{t("objectionWhen")}</p>
      <p>{t("objectionWhere")}</p>
      <DeadlineTable
        caption="deadlinesCaption"
        rows={[
          ["review", "reviewWho", "reviewDeadline"],
          ["verify", "verifyWho", "verifyDeadline"],
          ["correct", "correctWho", "correctDeadline"],
          ["appeal", "appealWho", "appealDeadline"],
        ]}
      />
      <h2>{t("repairTitle")}</h2>
      <ul>
        <li>{t("repairBlack")}</li>
        <li>{t("repairItem")}</li>
        <li>{t("repairExpired")}</li>
      </ul>
      <h3>{t("bringTitle")}</h3>
      <ul>
        <li>{t("bringCommitment")}</li>
        <li>{t("bringEvidence")}</li>
        <li>{t("bringSystem")}</li>
      </ul>
      <DeadlineTable
        caption="repairCaption"
        rows={[
          ["opinion", "opinionWho", "opinionDeadline"],
          ["publicity", "publicityWho", "publicityDeadline"],
          ["complete", "completeWho", "completeDeadline"],
        ]}
      />
      <p class="notice warn">{t("provisional")}</p>
    </section>
  );
}
