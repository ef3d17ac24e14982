import { useEffect, useState } from "preact/hooks";
import { FailureNotice, Loaded } from "../../components";
import { asFailure, GraphQLFailure, request } from "../../graphql";
import type { MyCreditReportsQuery, Tier } from "../../gql/graphql";
import { useWordsFor } from "../../enum-words";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { ISSUE_CREDIT_REPORT, MY_CREDIT_REPORTS, REVOKE_CREDIT_REPORT } from "./api";
import { PURPOSES, purposeLabel, purposeMessages, type Purpose } from "./purposes";

const messages = defineMessages({
  "zh-CN": {
    title: "信用报告",
    intro:
      "生成一份带电子签名的信用报告，交给用人单位、银行或招标方。报告上的核验码可让对方在“报告核验”中核对真伪；您可随时撤销核验码。",
    purpose: "报告用途",
    tiers: "报告中除社会公开信息外还展示",
    GOVERNMENT: "政府共享信息",
    AUTHORIZED: "授权查询信息",
    validDays: "核验码有效天数（1-90）",
    generate: "生成报告",
    issued: "报告已生成。核验码只显示这一次，请记下或下载报告：",
    download: "下载 PDF 报告",
    mine: "我的报告",
    none: "您还没有生成过信用报告。",
    issuedAt: "生成时间",
    validUntil: "核验有效期至",
    shown: "展示范围",
    status: "状态",
    actions: "操作",
    revoke: "撤销核验码",
    revokeLabel: "撤销核验码（{date}生成的报告）",
    revokedNotice: "核验码已撤销，对方将无法再核验该报告。",
    VALID: "有效",
    EXPIRED: "已过期",
    REVOKED: "已撤销",
    UNKNOWN: "不存在",
  },
  en: {
    title: "Credit report",
    intro:
      "Issue a signed credit report to give an employer, a bank or a tender. Its verification code lets them check it under “Verify a report”; you can revoke the code at any time.",
    purpose: "What the report is for",
    tiers: "Besides public information, the report shows",
    GOVERNMENT: "Government-shared information",
    AUTHORIZED: "Consent-only information",
    validDays: "Days the verification code stays valid (1-90)",
    generate: "Issue the report",
    issued:
      "The report is issued. The verification code is shown only this once: note it or download the report:",
    download: "Download the PDF report",
    mine: "My reports",
    none: "You have issued no credit report yet.",
    issuedAt: "Issued",
    validUntil: "Verifiable until",
    shown: "Shows",
    status: "Status",
    actions: "Actions",
    revoke: "Revoke the code",
    revokeLabel: "Revoke the code of the report issued {date}",
    revokedNotice: "The code is revoked: nobody can verify that report any more.",
    VALID: "Valid",
    EXPIRED: "Expired",
    REVOKED: "Revoked",
    UNKNOWN: "Unknown",
  },
});

type Report = MyCreditReportsQuery["myCreditReports"][number];
type Issued = Readonly<{ code: string; url: string; fileName: string }>;

/** The PDF the API returns once (base64) as a Blob URL: the file stays in the tab, no token or code in any URL. */
function pdfUrl(base64: string): string {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: "application/pdf" }));
}

/** 信用报告: issue one for a purpose, tiers and validity, download it, list them, revoke a code. */
export function ReportsSection() {
  const t = useMessages(messages);
  const word = useWordsFor(messages);
  const p = useMessages(purposeMessages);
  const language = useLanguage();
  const reports = useGraphQL(MY_CREDIT_REPORTS);
  const [purpose, setPurpose] = useState<Purpose>("EMPLOYMENT_SCREENING");
  const [tiers, setTiers] = useState<ReadonlySet<Tier>>(new Set());
  const [validDays, setValidDays] = useState("30");
  const [issued, setIssued] = useState<Issued | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => () => void (issued && URL.revokeObjectURL(issued.url)), [issued]);
  const toggleTier = (tier: Tier) => {
    const next = new Set(tiers);
    if (next.has(tier)) next.delete(tier);
    else next.add(tier);
    setTiers(next);
  };
  const run = async (action: () => Promise<void>, reload: () => void) => {
    setFailure(null);
    setNotice(null);
    setBusy(true);
    try {
      await action();
      reload();
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const generate = (reload: () => void) => (event: Event) => {
    event.preventDefault();
    const days = Number(validDays);
    if (!Number.isInteger(days) || days < 1 || days > 90) {
      setFailure(new GraphQLFailure("BAD_USER_INPUT", t("validDays")));
      return;
    }
    void run(async () => {
      const data = await request(ISSUE_CREDIT_REPORT, {
        input: { purpose, tiers: [...tiers], validDays: days },
      });
      const report = data.myCreditReport;
      if (!report.pdfBase64 || !report.verificationCode)
        throw new GraphQLFailure("SERVICE_UNAVAILABLE", "the report came back without its file");
      setIssued({
        code: report.verificationCode,
        url: pdfUrl(report.pdfBase64),
        fileName: `credit-report-${report.issuedAt.slice(0, 10)}.pdf`,
      });
    }, reload);
  };
  const revoke = (report: Report, reload: () => void) =>
    void run(async () => {
      await request(REVOKE_CREDIT_REPORT, { id: report.id });
      setNotice(t("revokedNotice"));
    }, reload);
  return (
    <>
      <h2 id="my-reports">{t("title")}</h2>
      <p>{t("intro")}</p>
      <Loaded state={reports}>
        {(data, reload) => (
          <>
            <form class="card" aria-labelledby="report-title" onSubmit={generate(reload)}>
              <h3 id="report-title">{t("generate")}</h3>
              <div class="filters">
                <div>
                  <label for="report-purpose">{t("purpose")}</label>
                  <select
                    id="report-purpose"
                    value={purpose}
                    onChange={(event) => setPurpose(event.currentTarget.value as Purpose)}
                  >
                    {PURPOSES.map((value) => (
                      <option key={value} value={value}>
                        {p(value)}
                      </option>
                    ))}
                  </select>
                </div>
                <div>
                  <label for="report-valid-days">{t("validDays")}</label>
                  <input
                    id="report-valid-days"
                    type="number"
                    min={1}
                    max={90}
                    value={validDays}
                    onInput={(event) => setValidDays(event.currentTarget.value)}
                  />
                </div>
              </div>
              <fieldset>
                <legend>{t("tiers")}</legend>
                {(["GOVERNMENT", "AUTHORIZED"] as const).map((tier) => (
                  <label class="choice" key={tier}>
                    <input type="checkbox" checked={tiers.has(tier)} onChange={() => toggleTier(tier)} />
                    {t(tier)}
                  </label>
                ))}
              </fieldset>
              <div class="row-actions">
                <button type="submit" disabled={busy}>
                  {t("generate")}
                </button>
              </div>
            </form>
            {failure ? <FailureNotice failure={failure} /> : null}
            {notice ? (
              <div class="notice ok" role="status">
                <p>{notice}</p>
              </div>
            ) : null}
            {issued ? (
              <div class="notice ok" role="status">
                <p>
                  {t("issued")} <strong class="verification-code">{issued.code}</strong>
                </p>
                <p>
                  <a class="button" href={issued.url} download={issued.fileName}>
                    {t("download")}
                  </a>
                </p>
              </div>
            ) : null}
            <h3 id="report-list">{t("mine")}</h3>
            {data.myCreditReports.length === 0 ? (
              <p>{t("none")}</p>
            ) : (
              <div class="table-scroll">
                <table aria-labelledby="report-list">
                  <thead>
                    <tr>
                      <th scope="col">{t("issuedAt")}</th>
                      <th scope="col">{t("purpose")}</th>
                      <th scope="col">{t("shown")}</th>
                      <th scope="col">{t("validUntil")}</th>
                      <th scope="col">{t("status")}</th>
                      <th scope="col">{t("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.myCreditReports.map((report) => (
                      <tr key={report.id}>
                        <th scope="row">{formatDate(report.issuedAt, language)}</th>
                        <td>{purposeLabel(p, report.purpose)}</td>
                        <td>{report.tiers.map((tier) => word(tier)).join("、")}</td>
                        <td>{formatDate(report.validUntil, language)}</td>
                        <td>{word(report.status)}</td>
                        <td>
                          {report.status === "VALID" ? (
                            <button
                              type="button"
                              class="secondary"
                              disabled={busy}
                              aria-label={t("revokeLabel", { date: formatDate(report.issuedAt, language) })}
                              onClick={() => revoke(report, reload)}
                            >
                              {t("revoke")}
                            </button>
                          ) : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )}
      </Loaded>
    </>
  );
}
