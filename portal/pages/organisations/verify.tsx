import { useState } from "preact/hooks";
import { FailureNotice } from "../../components";
import { asFailure, request, type GraphQLFailure } from "../../graphql";
import type { VerifyCreditReportQuery } from "../../gql/graphql";
import { useWordsFor } from "../../enum-words";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { hasRole, PAGE_ROLES, useIdentity } from "../../session";
import { purposeLabel, purposeMessages, type Purpose } from "../self-service/purposes";
import { RecordsTable } from "../../records-table";
import { VERIFY_CREDIT_REPORT } from "./api";
import { PurposeChoice } from "./purpose-choice";

const messages = defineMessages({
  "zh-CN": {
    title: "信用报告核验",
    intro:
      "输入信用报告上印制的核验码，核对报告是否由本平台签发、是否仍然有效、签发后信用档案是否有变化。核验会被记录，报告主体可以看到。",
    rolesOnly: "报告核验供政府部门和机构使用：请以 GOVERNMENT 或 ORGANIZATION 身份登录。",
    code: "核验码（如 ABCD-EFGH-JKMN）",
    verify: "核验",
    choosePurpose: "请先选择查询用途。",
    enterCode: "请输入核验码。",
    genuine: "真实：该报告由本平台签发，内容未被篡改。",
    notGenuine: "无法确认：没有以此核验码签发的报告，或其内容与签名不符。请勿采信。",
    VALID: "有效",
    EXPIRED: "已过期：报告主体设定的核验期限已过，内容不再显示。",
    REVOKED: "已撤销：报告主体撤销了核验码，内容不再显示。",
    UNKNOWN: "不存在：没有以此核验码签发的报告。",
    status: "状态",
    issuedAt: "签发时间",
    validUntil: "核验有效期至",
    revokedAt: "撤销时间",
    keyId: "签名密钥",
    changed:
      "报告签发后，该主体的信用档案已有变化（有事项被更正、过期、修复或新增）。请以最新信息为准，可请其重新出具报告。",
    changedItems: "已变化的报告事项：{count} 项",
    unchanged: "报告签发后信用档案没有变化。",
    content: "报告内容（签发时）",
    subject: "信用主体",
    purpose: "报告用途",
    tiers: "展示范围",
    records: "信用记录",
    entries: "红黑名单",
    none: "无",
    title_: "事项",
    provider: "提供单位",
    decidedOn: "认定日期",
    expiresOn: "有效期至",
    list: "名单",
    facts: "主要事实",
    recognizedBy: "认定单位",
    recognizedOn: "列入日期",
    changedMark: "已变化",
  },
  en: {
    title: "Verify a credit report",
    intro:
      "Enter the verification code printed on a credit report to check that this service issued it, that it is still valid and whether the subject's file changed since. Verification is recorded, and the report's subject can see it.",
    rolesOnly:
      "Report verification is for government bodies and organisations: sign in as GOVERNMENT or ORGANIZATION.",
    code: "Verification code (e.g. ABCD-EFGH-JKMN)",
    verify: "Verify",
    choosePurpose: "Choose the purpose of the lookup first.",
    enterCode: "Enter the verification code.",
    genuine: "Genuine: this service issued the report and its content is untouched.",
    notGenuine:
      "Not confirmed: no report was issued with this code, or its content does not match its signature. Do not rely on it.",
    VALID: "Valid",
    EXPIRED: "Expired: the validity the subject chose has passed; the content is no longer shown.",
    REVOKED: "Revoked: the subject revoked the code; the content is no longer shown.",
    UNKNOWN: "Unknown: no report was issued with this code.",
    status: "Status",
    issuedAt: "Issued",
    validUntil: "Verifiable until",
    revokedAt: "Revoked",
    keyId: "Signing key",
    changed:
      "The subject's file changed since the report was issued (an item corrected, expired, repaired or added). Rely on current information; ask for a new report.",
    changedItems: "Report items no longer as shown: {count}",
    unchanged: "The subject's file has not changed since the report was issued.",
    content: "The report as issued",
    subject: "Subject",
    purpose: "Purpose",
    tiers: "Shows",
    records: "Credit records",
    entries: "Red and black lists",
    none: "None",
    title_: "Item",
    provider: "Provided by",
    decidedOn: "Decided on",
    expiresOn: "In use until",
    list: "List",
    facts: "Main facts",
    recognizedBy: "Recognised by",
    recognizedOn: "Listed on",
    changedMark: "Changed",
  },
});

/** A report's content as issued: the API sends it as JSON, the report's own format. */
type ReportContent = Readonly<{
  purpose: string;
  tiers: readonly string[];
  subject: Readonly<{ kind: string; name: string; identifier: string }>;
  records: ReadonlyArray<{
    id: string;
    title: string;
    provider: string;
    decidedOn: string;
    expiresOn: string | null;
  }>;
  listEntries: ReadonlyArray<{
    id: string;
    list: string;
    facts: string;
    recognizedBy: string;
    recognizedOn: string;
  }>;
}>;
type Verification = Omit<VerifyCreditReportQuery["verifyCreditReport"], "content"> &
  Readonly<{ content?: ReportContent | null }>;

/** 报告核验: a report's code → genuine, status, the content as issued and whether the file changed since. */
export function VerifyPage() {
  const t = useMessages(messages);
  const p = useMessages(purposeMessages);
  const language = useLanguage();
  const identity = useIdentity();
  const [purpose, setPurpose] = useState<Purpose | "">("");
  const [code, setCode] = useState("");
  const [result, setResult] = useState<Verification | null>(null);
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
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
  const verify = async (event: Event) => {
    event.preventDefault();
    setProblem(null);
    if (!purpose) return setProblem(t("choosePurpose"));
    if (!code.trim()) return setProblem(t("enterCode"));
    setBusy(true);
    setResult(null);
    setFailure(null);
    try {
      const data = await request(VERIFY_CREDIT_REPORT, { code: code.trim() }, { purpose });
      setResult(data.verifyCreditReport as Verification);
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const word = useWordsFor(messages);
  // Only a genuine, valid report is good news; every other answer is shown as a warning, never as a pass.
  const trusted = result !== null && result.genuine && result.status === "VALID";
  const changed = new Set(result?.changedItemIds ?? []);
  return (
    <section class="verify">
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form class="card" onSubmit={verify} aria-label={t("title")}>
        <div class="filters">
          <div>
            <PurposeChoice id="verify-purpose" value={purpose} onChange={setPurpose} />
          </div>
          <div>
            <label for="verify-code">{t("code")}</label>
            <input
              id="verify-code"
              type="text"
              maxLength={40}
              autoComplete="off"
              value={code}
              onInput={(event) => setCode(event.currentTarget.value)}
            />
          </div>
          <div>
            <button type="submit" disabled={busy}>
              {t("verify")}
            </button>
          </div>
        </div>
        {problem ? (
          <div class="notice error" role="alert">
            <p>{problem}</p>
          </div>
        ) : null}
      </form>
      {failure ? <FailureNotice failure={failure} /> : null}
      {result ? (
        <>
          <div class={`notice ${trusted ? "ok" : "error"}`} role="status">
            <p class="verify-verdict">
              <strong>{result.genuine ? t("genuine") : t("notGenuine")}</strong>
            </p>
            <p class="verify-status">
              {t("status")}：{word(result.status)}
            </p>
          </div>
          <dl class="facts">
            <dt>{t("issuedAt")}</dt>
            <dd>{formatDate(result.issuedAt, language)}</dd>
            <dt>{t("validUntil")}</dt>
            <dd>{formatDate(result.validUntil, language)}</dd>
            {result.revokedAt ? (
              <>
                <dt>{t("revokedAt")}</dt>
                <dd>{formatDate(result.revokedAt, language)}</dd>
              </>
            ) : null}
            {result.keyId ? (
              <>
                <dt>{t("keyId")}</dt>
                <dd>
                  <code>{result.keyId}</code>
                </dd>
              </>
            ) : null}
          </dl>
          {result.status === "VALID" && result.changedSinceIssue !== null ? (
            <div class={`notice ${result.changedSinceIssue ? "warn" : "ok"}`}>
              <p class="verify-changed">{result.changedSinceIssue ? t("changed") : t("unchanged")}</p>
              {result.changedSinceIssue && changed.size > 0 ? (
                <p>{t("changedItems", { count: changed.size })}</p>
              ) : null}
            </div>
          ) : null}
          {result.content ? (
            <>
              <h2 id="report-content">{t("content")}</h2>
              <dl class="facts">
                <dt>{t("subject")}</dt>
                <dd class="report-subject">
                  {result.content.subject.name}（{result.content.subject.identifier}）
                </dd>
                <dt>{t("purpose")}</dt>
                <dd>{purposeLabel(p, result.content.purpose)}</dd>
                <dt>{t("tiers")}</dt>
                <dd>{result.content.tiers.map(word).join("、")}</dd>
              </dl>
              <h3 id="report-records">{t("records")}</h3>
              {result.content.records.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <RecordsTable
                  labelledBy="report-records"
                  rows={result.content.records}
                  columns={[
                    {
                      header: t("title_"),
                      rowHeader: true,
                      cell: (record) => (
                        <>
                          {record.title}
                          {changed.has(record.id) ? (
                            <>
                              {" "}
                              <span class="badge overdue">{t("changedMark")}</span>
                            </>
                          ) : null}
                        </>
                      ),
                    },
                    { header: t("provider"), cell: (record) => record.provider },
                    { header: t("decidedOn"), cell: (record) => formatDate(record.decidedOn, language) },
                    { header: t("expiresOn"), cell: (record) => formatDate(record.expiresOn, language) },
                  ]}
                />
              )}
              <h3 id="report-entries">{t("entries")}</h3>
              {result.content.listEntries.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <RecordsTable
                  labelledBy="report-entries"
                  rows={result.content.listEntries}
                  columns={[
                    { header: t("list"), cell: (entry) => word(entry.list) },
                    {
                      header: t("facts"),
                      rowHeader: true,
                      cell: (entry) => (
                        <>
                          {entry.facts}
                          {changed.has(entry.id) ? (
                            <>
                              {" "}
                              <span class="badge overdue">{t("changedMark")}</span>
                            </>
                          ) : null}
                        </>
                      ),
                    },
                    { header: t("recognizedBy"), cell: (entry) => entry.recognizedBy },
                    { header: t("recognizedOn"), cell: (entry) => formatDate(entry.recognizedOn, language) },
                  ]}
                />
              )}
            </>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
