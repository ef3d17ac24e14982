import { useState } from "preact/hooks";
import { FailureNotice } from "../../components";
import { asFailure, GraphQLFailure, request } from "../../graphql";
import type { RepairEligibilityQuery } from "../../gql/graphql";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { APPLY_FOR_REPAIR, FILE_OBJECTION, REPAIR_ELIGIBILITY } from "./api";
import type { ActionTarget } from "./my-file";

const messages = defineMessages({
  "zh-CN": {
    objectionTitle: "提出异议：{item}",
    objectionIntro:
      "认为信息有误、遗漏，采集了禁止采集的信息，或过期信息仍被使用的，可以提出异议。信用中心自受理起10个工作日内核查处理；提出异议不影响您的其他权利。",
    ground: "异议理由",
    WRONG_OR_INCOMPLETE: "信息错误或遗漏",
    PROHIBITED_DATA: "采集了禁止采集的信息",
    EXPIRED_STILL_USED: "过期信息仍在使用",
    statement: "异议说明",
    evidence: "证明材料（可选，写明材料名称或编号）",
    fileObjection: "提交异议",
    cancel: "取消",
    objectionFiled: "异议已提交，处理期限至 {date}。",
    provisionalNote: "（暂定：明年的节假日安排尚未发布，发布后重新计算，只会推后）",
    repairTitle: "信用修复：{item}",
    repairIntro: "已履行义务或完成整改的，可以申请信用修复。修复条件的期限从整改完成之日起计算。",
    rectifiedOn: "履行义务或整改完成日期",
    checkEligibility: "查询能否修复",
    eligible: "现在可以申请修复。",
    notEligible: "现在还不能申请修复。",
    earliestOn: "最早可申请日期：{date}",
    nextSteps: "下一步",
    commitment: "信用承诺书",
    commitmentDefault: "本人承诺所提供材料真实有效，今后依法诚信经营、守信履约。",
    repairEvidence: "整改证明材料（写明材料名称或编号）",
    apply: "提交修复申请",
    applied: "修复申请已提交，当前步骤期限至 {date}。",
    required: "请填写{field}。",
  },
  en: {
    objectionTitle: "Object: {item}",
    objectionIntro:
      "If the information is wrong or incomplete, holds data that may not be collected, or is still used after it expired, you can object. The credit centre reviews it within 10 working days; objecting takes none of your other rights away.",
    ground: "Ground",
    WRONG_OR_INCOMPLETE: "The information is wrong or incomplete",
    PROHIBITED_DATA: "Prohibited data was collected",
    EXPIRED_STILL_USED: "Expired information is still used",
    statement: "What is wrong",
    evidence: "Evidence (optional: the document's name or number)",
    fileObjection: "File the objection",
    cancel: "Cancel",
    objectionFiled: "Objection filed; it is due to be handled by {date}.",
    provisionalNote:
      " (provisional: next year's holiday notice is not yet published; it is recomputed then, only ever later)",
    repairTitle: "Credit repair: {item}",
    repairIntro:
      "Once you have performed your obligations or completed rectification you can apply for repair. The waiting periods count from the day rectification was completed.",
    rectifiedOn: "Day obligations were performed or rectification completed",
    checkEligibility: "Check whether it can be repaired",
    eligible: "You can apply for repair now.",
    notEligible: "You cannot apply for repair yet.",
    earliestOn: "Earliest day to apply: {date}",
    nextSteps: "Next steps",
    commitment: "Written credit commitment",
    commitmentDefault:
      "I confirm the evidence is true and commit to act in good faith and keep my obligations.",
    repairEvidence: "Evidence of rectification (the document's name or number)",
    apply: "Apply for repair",
    applied: "Repair application filed; the current step is due by {date}.",
    required: "Please fill in {field}.",
  },
});

const GROUNDS = ["WRONG_OR_INCOMPLETE", "PROHIBITED_DATA", "EXPIRED_STILL_USED"] as const;

type FormProps = Readonly<{ target: ActionTarget; onDone(): void; onCancel(): void }>;

/** 异议 (PCIM art. 28): the ground, what is wrong, evidence; the answer names the review's deadline. */
export function ObjectionForm({ target, onDone, onCancel }: FormProps) {
  const t = useMessages(messages);
  const language = useLanguage();
  const [ground, setGround] = useState<(typeof GROUNDS)[number]>("WRONG_OR_INCOMPLETE");
  const [statement, setStatement] = useState("");
  const [evidence, setEvidence] = useState("");
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const [filed, setFiled] = useState<string | null>(null);
  const [filedProvisional, setFiledProvisional] = useState(false);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    if (!statement.trim()) {
      setFailure(new GraphQLFailure("BAD_USER_INPUT", t("required", { field: t("statement") })));
      return;
    }
    setBusy(true);
    try {
      const data = await request(FILE_OBJECTION, {
        input: {
          targetId: target.id,
          ground,
          statement: statement.trim(),
          ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        },
      });
      setFiled(formatDate(data.fileObjection.dueOn, language));
      setFiledProvisional(data.fileObjection.dueOnProvisional);
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  if (filed !== null) {
    return (
      <div class="card" role="region" aria-labelledby="objection-title">
        <h3 id="objection-title">{t("objectionTitle", { item: target.label })}</h3>
        <div class="notice ok" role="status">
          <p>
            {t("objectionFiled", { date: filed })}
            {filedProvisional ? t("provisionalNote") : ""}
          </p>
        </div>
        <button type="button" onClick={onDone}>
          OK
        </button>
      </div>
    );
  }
  return (
    <form class="card" aria-labelledby="objection-title" onSubmit={submit}>
      <h3 id="objection-title">{t("objectionTitle", { item: target.label })}</h3>
      <p>{t("objectionIntro")}</p>
      <fieldset>
        <legend>{t("ground")}</legend>
        {GROUNDS.map((value) => (
          <label class="choice" key={value}>
            <input
              type="radio"
              name="objection-ground"
              value={value}
              checked={ground === value}
              onChange={() => setGround(value)}
            />
            {t(value)}
          </label>
        ))}
      </fieldset>
      <label for="objection-statement">{t("statement")}</label>
      <textarea
        id="objection-statement"
        rows={3}
        maxLength={2000}
        value={statement}
        onInput={(event) => setStatement(event.currentTarget.value)}
      />
      <label for="objection-evidence">{t("evidence")}</label>
      <input
        id="objection-evidence"
        type="text"
        maxLength={500}
        value={evidence}
        onInput={(event) => setEvidence(event.currentTarget.value)}
      />
      {failure ? <FailureNotice failure={failure} /> : null}
      <div class="row-actions">
        <button type="submit" disabled={busy}>
          {t("fileObjection")}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

type Eligibility = RepairEligibilityQuery["repairEligibility"];

/** 信用修复 (JRP art. 18, PCIM art. 31): eligibility counted from the rectification date, then the application. */
export function RepairForm({ target, onDone, onCancel }: FormProps) {
  const t = useMessages(messages);
  const language = useLanguage();
  const [rectifiedOn, setRectifiedOn] = useState("");
  const [eligibility, setEligibility] = useState<Eligibility | null>(null);
  const [commitment, setCommitment] = useState(() => messages["zh-CN"].commitmentDefault);
  const [evidence, setEvidence] = useState("");
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const [appliedProvisional, setAppliedProvisional] = useState(false);
  const [busy, setBusy] = useState(false);
  const check = async () => {
    setFailure(null);
    setEligibility(null);
    setBusy(true);
    try {
      const data = await request(REPAIR_ELIGIBILITY, {
        targetId: target.id,
        rectifiedOn: rectifiedOn || null,
      });
      setEligibility(data.repairEligibility);
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const apply = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    const missing = !rectifiedOn
      ? t("rectifiedOn")
      : !commitment.trim()
        ? t("commitment")
        : !evidence.trim()
          ? t("repairEvidence")
          : null;
    if (missing) {
      setFailure(new GraphQLFailure("BAD_USER_INPUT", t("required", { field: missing })));
      return;
    }
    setBusy(true);
    try {
      const data = await request(APPLY_FOR_REPAIR, {
        input: { targetId: target.id, rectifiedOn, commitment: commitment.trim(), evidence: evidence.trim() },
      });
      setApplied(formatDate(data.applyForRepair.dueOn, language));
      setAppliedProvisional(data.applyForRepair.dueOnProvisional);
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  if (applied !== null) {
    return (
      <div class="card" role="region" aria-labelledby="repair-title">
        <h3 id="repair-title">{t("repairTitle", { item: target.label })}</h3>
        <div class="notice ok" role="status">
          <p>
            {t("applied", { date: applied })}
            {appliedProvisional ? t("provisionalNote") : ""}
          </p>
        </div>
        <button type="button" onClick={onDone}>
          OK
        </button>
      </div>
    );
  }
  return (
    <form class="card" aria-labelledby="repair-title" onSubmit={apply}>
      <h3 id="repair-title">{t("repairTitle", { item: target.label })}</h3>
      <p>{t("repairIntro")}</p>
      <label for="repair-rectified-on">{t("rectifiedOn")}</label>
      <input
        id="repair-rectified-on"
        type="date"
        value={rectifiedOn}
        onInput={(event) => setRectifiedOn(event.currentTarget.value)}
      />
      <div class="row-actions">
        <button type="button" class="secondary" disabled={busy} onClick={check}>
          {t("checkEligibility")}
        </button>
      </div>
      {eligibility ? (
        <div class={`notice ${eligibility.eligible ? "ok" : "warn"}`} role="status">
          <p>
            <strong>{t(eligibility.eligible ? "eligible" : "notEligible")}</strong>
          </p>
          <p class="explanation">{eligibility.explanation}</p>
          {eligibility.earliestOn ? (
            <p>{t("earliestOn", { date: formatDate(eligibility.earliestOn, language) })}</p>
          ) : null}
          {eligibility.nextSteps.length > 0 ? (
            <>
              <p>{t("nextSteps")}</p>
              <ul>
                {eligibility.nextSteps.map((step) => (
                  <li key={step}>{step}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <label for="repair-commitment">{t("commitment")}</label>
      <textarea
        id="repair-commitment"
        rows={3}
        maxLength={2000}
        value={commitment}
        onInput={(event) => setCommitment(event.currentTarget.value)}
      />
      <label for="repair-evidence">{t("repairEvidence")}</label>
      <input
        id="repair-evidence"
        type="text"
        maxLength={500}
        value={evidence}
        onInput={(event) => setEvidence(event.currentTarget.value)}
      />
      {failure ? <FailureNotice failure={failure} /> : null}
      <div class="row-actions">
        <button type="submit" disabled={busy}>
          {t("apply")}
        </button>
        <button type="button" class="secondary" onClick={onCancel}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
