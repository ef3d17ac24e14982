import { useWordsFor } from "../../enum-words";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import type { MyObjection, MyRepairCase, WorkflowStep } from "./my-file";

const messages = defineMessages({
  "zh-CN": {
    title: "异议与修复进度",
    none: "您没有提出过异议或修复申请。",
    objection: "异议：{item}",
    repair: "信用修复：{item}",
    state: "当前步骤",
    filedAt: "提交时间",
    dueOn: "本步骤期限",
    settled: "已办结",
    provisional: "暂定",
    provisionalWhy:
      "期限暂按法定节假日计算：明年的国务院节假日安排通知尚未发布，发布后重新计算，只会推后、不会提前。",
    overdue: "已超期",
    overdueWhy: "本步骤已超过期限，信用中心正在督办。",
    steps: "办理过程",
    stepAt: "时间",
    stepFrom: "由",
    stepTo: "至",
    stepBy: "办理方",
    stepNote: "说明",
    unknownItem: "已不在您的档案中的事项",
    SUBMITTED: "已提交",
    UNDER_REVIEW: "信用中心核查中",
    PROVIDER_VERIFYING: "提供单位核实中",
    CORRECTED: "已更正",
    UPHELD: "维持原信息",
    APPEALED: "申诉中",
    APPEAL_DISMISSED: "申诉驳回",
    APPLIED: "已申请",
    OPINION_SUPPORTED: "提供单位同意",
    IN_PUBLICITY: "公示中",
    OBJECTED: "公示期有异议",
    COMPLETED: "修复完成",
    REJECTED: "不予修复",
    SUBJECT: "本人",
    CREDIT_CENTER: "信用中心",
    PROVIDER: "提供单位",
    CREDIT_AUTHORITY: "信用主管部门",
    SYSTEM: "系统",
  },
  en: {
    title: "My objections and repairs",
    none: "You have filed no objection or repair application.",
    objection: "Objection: {item}",
    repair: "Credit repair: {item}",
    state: "Current step",
    filedAt: "Filed",
    dueOn: "This step is due by",
    settled: "Settled",
    provisional: "Provisional",
    provisionalWhy:
      "This deadline counts the statutory holidays only: next year's State Council holiday notice is not yet published. It is recomputed when it is, and can only move later, never earlier.",
    overdue: "Overdue",
    overdueWhy: "This step is past its deadline; the credit centre is chasing it.",
    steps: "Steps so far",
    stepAt: "When",
    stepFrom: "From",
    stepTo: "To",
    stepBy: "By",
    stepNote: "Note",
    unknownItem: "an item no longer in your file",
    SUBMITTED: "Submitted",
    UNDER_REVIEW: "Credit centre reviewing",
    PROVIDER_VERIFYING: "Provider verifying",
    CORRECTED: "Corrected",
    UPHELD: "Information upheld",
    APPEALED: "Appealed",
    APPEAL_DISMISSED: "Appeal dismissed",
    APPLIED: "Applied",
    OPINION_SUPPORTED: "Provider supports it",
    IN_PUBLICITY: "In publicity",
    OBJECTED: "Objected during publicity",
    COMPLETED: "Repaired",
    REJECTED: "Refused",
    SUBJECT: "You",
    CREDIT_CENTER: "Credit centre",
    PROVIDER: "Provider",
    CREDIT_AUTHORITY: "Credit authority",
    SYSTEM: "System",
  },
});

/** Each objection and repair case: its step, the step's deadline (provisional and overdue marked), its history. */
export function CasesSection({
  objections,
  repairCases,
  labels,
}: Readonly<{
  objections: readonly MyObjection[];
  repairCases: readonly MyRepairCase[];
  labels: ReadonlyMap<string, string>;
}>) {
  const t = useMessages(messages);
  const itemLabel = (id: string | null) => (id ? labels.get(id) : undefined) ?? t("unknownItem");
  return (
    <>
      <h2 id="my-cases">{t("title")}</h2>
      {objections.length === 0 && repairCases.length === 0 ? <p>{t("none")}</p> : null}
      {objections.map((objection) => (
        <CaseCard
          key={objection.id}
          heading={t("objection", { item: itemLabel(objection.targetId) })}
          state={objection.state}
          started={objection.filedAt}
          dueOn={objection.dueOn}
          provisional={objection.dueOnProvisional}
          overdue={objection.overdue}
          history={objection.history}
        />
      ))}
      {repairCases.map((repairCase) => (
        <CaseCard
          key={repairCase.id}
          heading={t("repair", { item: itemLabel(repairCase.targetId) })}
          state={repairCase.state}
          started={repairCase.appliedOn}
          dueOn={repairCase.dueOn}
          provisional={repairCase.dueOnProvisional}
          overdue={repairCase.overdue}
          history={repairCase.history}
        />
      ))}
    </>
  );
}

type CaseCardProps = Readonly<{
  heading: string;
  state: string;
  started: string | null;
  dueOn: string | null;
  provisional: boolean;
  overdue: boolean;
  history: readonly WorkflowStep[];
}>;

function CaseCard({ heading, state, started, dueOn, provisional, overdue, history }: CaseCardProps) {
  const t = useMessages(messages);
  const word = useWordsFor(messages);
  const language = useLanguage();
  const dateTime = (value: string) =>
    `${formatDate(value, language)} ${new Date(value).toLocaleTimeString(language, { hour: "2-digit", minute: "2-digit", timeZone: "Asia/Shanghai" })}`;
  return (
    <article class="card case">
      <h3>{heading}</h3>
      <dl class="facts">
        <dt>{t("state")}</dt>
        <dd class="case-state">{word(state)}</dd>
        <dt>{t("filedAt")}</dt>
        <dd>{started ? (started.length > 10 ? dateTime(started) : formatDate(started, language)) : "—"}</dd>
        <dt>{t("dueOn")}</dt>
        <dd class="case-due">
          {dueOn ? formatDate(dueOn, language) : t("settled")}
          {dueOn && provisional ? (
            <>
              {" "}
              <span class="badge provisional">{t("provisional")}</span>
            </>
          ) : null}
          {overdue ? (
            <>
              {" "}
              <span class="badge overdue">{t("overdue")}</span>
            </>
          ) : null}
        </dd>
      </dl>
      {dueOn && provisional ? <p class="notice warn">{t("provisionalWhy")}</p> : null}
      {overdue ? <p class="notice error">{t("overdueWhy")}</p> : null}
      {history.length > 0 ? (
        <table>
          <caption>{t("steps")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("stepAt")}</th>
              <th scope="col">{t("stepFrom")}</th>
              <th scope="col">{t("stepTo")}</th>
              <th scope="col">{t("stepBy")}</th>
              <th scope="col">{t("stepNote")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((step) => (
              <tr key={`${step.at}-${step.to}`}>
                <td>{dateTime(step.at)}</td>
                <td>{step.from ? word(step.from) : "—"}</td>
                <td>{word(step.to)}</td>
                <td>{word(step.role)}</td>
                <td>{step.note ?? ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </article>
  );
}
