import { useState } from "preact/hooks";
import { FailureNotice } from "../../components";
import { asFailure, request, type GraphQLFailure } from "../../graphql";
import type { CheckedSubjectFragment } from "../../gql/graphql";
import { creditRecordColumns, listEntryColumns } from "../../item-columns";
import { RecordsTable } from "../../records-table";
import { useWordsFor } from "../../enum-words";
import { defineMessages, useLanguage, useMessages } from "../../i18n";
import { hasRole, PAGE_ROLES, useIdentity } from "../../session";
import { purposeLabel, purposeMessages, type Purpose } from "../self-service/purposes";
import { CONSENTED_CHECK, PUBLIC_CHECK } from "./api";
import { PurposeChoice } from "./purpose-choice";

const messages = defineMessages({
  "zh-CN": {
    title: "信用核查",
    intro:
      "银行、用人单位等机构经信用主体书面授权后，可为所选用途查询其授权查询信息；未经授权只能看到社会公开信息。每次查询都会被记录，信用主体本人可以看到。",
    rolesOnly: "信用核查供政府部门和机构使用：请以 GOVERNMENT 或 ORGANIZATION 身份登录。",
    identifier: "公民身份号码或统一社会信用代码",
    check: "查询",
    verifyLink: "持有信用报告？核验报告真伪",
    checking: "正在查询…",
    choosePurpose: "请先选择查询用途。",
    enterIdentifier: "请输入要查询的证件号码或统一社会信用代码。",
    consentTitle: "需要信用主体授权",
    consentText: "信用主体尚未授权贵单位（{org}）为“{purpose}”查询其授权查询信息，或授权已撤回、已到期。",
    consentWhat:
      "请信用主体本人登录本平台“我的信用”，在“查询授权”中填写单位代码 {org}、选择用途“{purpose}”和授权截止日期后提交；授权生效后再次查询即可。",
    consentPublicOnly: "下面仅显示社会公开信息。",
    consented: "已取得信用主体对“{purpose}”的有效授权：以下包括授权查询信息。",
    INVALID_IDENTIFIER: "证件号码或统一社会信用代码有误（校验位不符），请核对后重新输入。",
    notFound: "未找到该信用主体的信用档案，或其中没有贵单位可查看的信息。",
    subject: "信用主体",
    name: "名称",
    kind: "类型",
    records: "信用记录",
    noRecords: "没有贵单位可查看的信用记录。",
    entries: "红黑名单",
    noEntries: "未被列入在效的红名单或黑名单。",
    title_: "事项",
    category: "类别",
    tier: "公开范围",
    provider: "提供单位",
    decidedOn: "认定日期",
    expiresOn: "有效期至",
    status: "状态",
    list: "名单",
    facts: "主要事实",
    recognizedBy: "认定单位",
    recognizedOn: "列入日期",
    validUntil: "有效期至",
    underObjection: "异议处理中",
  },
  en: {
    title: "Credit check",
    intro:
      "A bank, an employer or another organisation reads a subject's consent-only information for the purpose chosen once the subject has given written consent; without it only public information is shown. Every lookup is recorded, and the subject can see it.",
    rolesOnly:
      "Credit checks are for government bodies and organisations: sign in as GOVERNMENT or ORGANIZATION.",
    identifier: "Citizen ID or unified social credit code",
    check: "Check",
    verifyLink: "Holding a credit report? Verify it",
    checking: "Checking…",
    choosePurpose: "Choose the purpose of the lookup first.",
    enterIdentifier: "Enter the citizen ID or unified social credit code to check.",
    consentTitle: "The subject's consent is needed",
    consentText:
      "The subject has not given your organisation ({org}) consent for “{purpose}”, or has withdrawn it, or it has ended.",
    consentWhat:
      "The subject signs in to this portal, opens “My credit”, and under “Consents” enters the organisation code {org}, the purpose “{purpose}” and an end date; once it is in force, check again.",
    consentPublicOnly: "Only public information is shown below.",
    consented:
      "The subject's consent for “{purpose}” is in force: consent-only information is included below.",
    INVALID_IDENTIFIER:
      "That citizen ID or unified social credit code is wrong (its check character does not match): please check it and enter it again.",
    notFound: "No credit file for this subject, or nothing in it your organisation may see.",
    subject: "Subject",
    name: "Name",
    kind: "Kind",
    records: "Credit records",
    noRecords: "No credit records your organisation may see.",
    entries: "Red and black lists",
    noEntries: "On no red or black list in force.",
    title_: "Item",
    category: "Category",
    tier: "Who may see it",
    provider: "Provided by",
    decidedOn: "Decided on",
    expiresOn: "In use until",
    status: "Status",
    list: "List",
    facts: "Main facts",
    recognizedBy: "Recognised by",
    recognizedOn: "Listed on",
    validUntil: "Valid until",
    underObjection: "Objection open",
  },
});

type Word = keyof (typeof messages)["en"];

type CheckedSubject = CheckedSubjectFragment;

type Outcome =
  | Readonly<{ kind: "consented"; subject: CheckedSubject | null; purpose: Purpose }>
  | Readonly<{ kind: "consentRequired"; subject: CheckedSubject | null; purpose: Purpose }>
  | Readonly<{ kind: "failed"; failure: GraphQLFailure }>;

/** 信用核查: an officer declares a purpose, enters an identifier and sees what the API gives, CONSENT_REQUIRED in words. */
export function CheckPage() {
  const t = useMessages(messages);
  const p = useMessages(purposeMessages);
  const language = useLanguage();
  const identity = useIdentity();
  const [purpose, setPurpose] = useState<Purpose | "">("");
  const [identifier, setIdentifier] = useState("");
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (!hasRole(identity, PAGE_ROLES.officer)) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <div class="notice warn">
          <p>{t("rolesOnly")}</p>
        </div>
      </section>
    );
  }
  const org = identity.org ?? "—";
  const check = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (!purpose) return setProblem(t("choosePurpose"));
    const wanted = identifier.replace(/\s+/g, "").toUpperCase();
    if (!wanted) return setProblem(t("enterIdentifier"));
    setBusy(true);
    setOutcome(null);
    try {
      const data = await request(CONSENTED_CHECK, { identifier: wanted }, { purpose });
      setOutcome({ kind: "consented", subject: data.subject ?? null, purpose });
    } catch (error) {
      const failure = asFailure(error);
      if (failure.code !== "CONSENT_REQUIRED") {
        setOutcome({ kind: "failed", failure });
      } else {
        try {
          const data = await request(PUBLIC_CHECK, { identifier: wanted }, { purpose });
          setOutcome({ kind: "consentRequired", subject: data.subject ?? null, purpose });
        } catch (second) {
          setOutcome({ kind: "failed", failure: asFailure(second) });
        }
      }
    } finally {
      setBusy(false);
    }
  };
  const word = useWordsFor(messages);
  return (
    <section class="check">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <p>
        <a href="/verify">{t("verifyLink")}</a>
      </p>
      <form class="card" onSubmit={check} aria-label={t("title")}>
        <div class="filters">
          <div>
            <PurposeChoice id="check-purpose" value={purpose} onChange={setPurpose} />
          </div>
          <div>
            <label for="check-identifier">{t("identifier")}</label>
            <input
              id="check-identifier"
              type="text"
              maxLength={40}
              autoComplete="off"
              value={identifier}
              onInput={(event) => setIdentifier(event.currentTarget.value)}
            />
          </div>
          <div>
            <button type="submit" disabled={busy}>
              {t("check")}
            </button>
          </div>
        </div>
        {problem ? (
          <div class="notice error" role="alert">
            <p>{problem}</p>
          </div>
        ) : null}
      </form>
      {busy ? <p role="status">{t("checking")}</p> : null}
      {outcome?.kind === "failed" ? (
        outcome.failure.code === "INVALID_IDENTIFIER" ? (
          <div class="notice error" role="alert">
            <p>{t("INVALID_IDENTIFIER")}</p>
            <p class="code">INVALID_IDENTIFIER</p>
          </div>
        ) : (
          <FailureNotice failure={outcome.failure} />
        )
      ) : null}
      {outcome?.kind === "consentRequired" ? (
        <div class="notice warn consent-required" role="alert">
          <h2>{t("consentTitle")}</h2>
          <p>{t("consentText", { org, purpose: purposeLabel(p, outcome.purpose) })}</p>
          <p>{t("consentWhat", { org, purpose: purposeLabel(p, outcome.purpose) })}</p>
          <p>{t("consentPublicOnly")}</p>
          <p class="code">CONSENT_REQUIRED</p>
        </div>
      ) : null}
      {outcome?.kind === "consented" && outcome.subject ? (
        <div class="notice ok" role="status">
          <p>{t("consented", { purpose: purposeLabel(p, outcome.purpose) })}</p>
        </div>
      ) : null}
      {outcome && outcome.kind !== "failed" ? (
        outcome.subject ? (
          <CheckedFile subject={outcome.subject} word={word} t={t} language={language} />
        ) : (
          <div class="notice warn" role="status">
            <p>{t("notFound")}</p>
          </div>
        )
      ) : null}
    </section>
  );
}

function CheckedFile({
  subject,
  word,
  t,
  language,
}: Readonly<{
  subject: CheckedSubject;
  word(key: string): string;
  t(key: Word): string;
  language: ReturnType<typeof useLanguage>;
}>) {
  return (
    <>
      <h2 id="checked-subject">{t("subject")}</h2>
      <dl class="facts">
        <dt>{t("name")}</dt>
        <dd class="checked-name">{subject.name}</dd>
        <dt>{t("identifier")}</dt>
        <dd>{subject.identifier}</dd>
        <dt>{t("kind")}</dt>
        <dd>{word(subject.kind)}</dd>
      </dl>
      <h2 id="checked-records">{t("records")}</h2>
      {subject.records.length === 0 ? (
        <p>{t("noRecords")}</p>
      ) : (
        <RecordsTable
          scroll
          labelledBy="checked-records"
          rows={subject.records}
          columns={creditRecordColumns(t, word, language)}
        />
      )}
      <h2 id="checked-entries">{t("entries")}</h2>
      {subject.listEntries.length === 0 ? (
        <p>{t("noEntries")}</p>
      ) : (
        <RecordsTable
          scroll
          labelledBy="checked-entries"
          rows={subject.listEntries}
          columns={[
            ...listEntryColumns<(typeof subject.listEntries)[number]>(t, word, language),
            { header: t("status"), cell: (entry) => word(entry.status) },
          ]}
        />
      )}
    </>
  );
}
