import { useState } from "preact/hooks";
import { FailureNotice, Loaded } from "../../components";
import { asFailure, GraphQLFailure, request } from "../../graphql";
import type { MyConsentsQuery } from "../../gql/graphql";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { GRANT_CONSENT, MY_CONSENTS, REVOKE_CONSENT } from "./api";
import { PURPOSES, purposeLabel, purposeMessages, type Purpose } from "./purposes";

const messages = defineMessages({
  "zh-CN": {
    title: "查询授权",
    intro:
      "您可以书面授权某个单位在一定期限内为某一用途查询您需授权查询的信用信息（如银行办理贷款、用人单位招聘），也可以随时撤回。",
    grantTitle: "新增授权",
    grantee: "被授权单位代码",
    granteeHint: "如 HA-BANK 或统一社会信用代码",
    purpose: "查询用途",
    validUntil: "授权截止日期",
    evidence: "书面授权书（可选，写明文件名或编号；只保存其摘要）",
    grant: "授权",
    granted: "已授权 {grantee} 为“{purpose}”查询，至 {date}。",
    mine: "我的授权",
    none: "您尚未授权任何单位。",
    validFrom: "生效时间",
    status: "状态",
    used: "已被使用",
    usedTimes: "{count} 次查询",
    notUsed: "未被使用",
    actions: "操作",
    revoke: "撤回",
    revokeLabel: "撤回对 {grantee} 的授权（{purpose}）",
    revoked: "已撤回",
    valid: "有效",
    ended: "已到期",
    required: "请填写{field}。",
  },
  en: {
    title: "Consents",
    intro:
      "You can give an organisation written consent to read your consent-only credit information for one purpose for a while (a bank for a loan, an employer for a job), and withdraw it at any time.",
    grantTitle: "Give consent",
    grantee: "Organisation code",
    granteeHint: "e.g. HA-BANK or a unified social credit code",
    purpose: "Purpose",
    validUntil: "Consent ends on",
    evidence: "Signed consent (optional: its file name or number; only a digest is kept)",
    grant: "Consent",
    granted: "{grantee} may look you up for “{purpose}” until {date}.",
    mine: "My consents",
    none: "You have consented to no organisation.",
    validFrom: "From",
    status: "Status",
    used: "Used",
    usedTimes: "{count} lookups",
    notUsed: "Not used",
    actions: "Actions",
    revoke: "Withdraw",
    revokeLabel: "Withdraw the consent to {grantee} ({purpose})",
    revoked: "Withdrawn",
    valid: "In force",
    ended: "Ended",
    required: "Please fill in {field}.",
  },
});

type ConsentsAndUse = MyConsentsQuery;
type Consent = ConsentsAndUse["myConsents"][number];

/** How many lookups of the subject relied on each consent (the audit names the consents a disclosure used). */
function countConsentUses(data: ConsentsAndUse): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { node } of data.myAccessLog.edges)
    for (const id of node.consentIds) counts.set(id, (counts.get(id) ?? 0) + 1);
  return counts;
}

/** The last day a consent covers, as the end of that day in China (the contract takes an instant). */
function endOfDay(date: string): string {
  return `${date}T23:59:59+08:00`;
}

/** 授权 (PCIM art. 21): grant for an organisation, purpose and period; see which are in force and used; withdraw. */
export function ConsentsSection() {
  const t = useMessages(messages);
  const p = useMessages(purposeMessages);
  const language = useLanguage();
  const consents = useGraphQL(MY_CONSENTS);
  const [grantee, setGrantee] = useState("");
  const [purpose, setPurpose] = useState<Purpose>("CREDIT_LENDING");
  const [validUntil, setValidUntil] = useState("");
  const [evidence, setEvidence] = useState("");
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<string>, reload: () => void) => {
    setFailure(null);
    setNotice(null);
    setBusy(true);
    try {
      setNotice(await action());
      reload();
    } catch (error) {
      setFailure(asFailure(error));
    } finally {
      setBusy(false);
    }
  };
  const grant = (reload: () => void) => (event: Event) => {
    event.preventDefault();
    const missing = !grantee.trim() ? t("grantee") : !validUntil ? t("validUntil") : null;
    if (missing) {
      setFailure(new GraphQLFailure("BAD_USER_INPUT", t("required", { field: missing })));
      return;
    }
    void run(async () => {
      const data = await request(GRANT_CONSENT, {
        input: {
          grantee: grantee.trim(),
          purpose,
          validUntil: endOfDay(validUntil),
          ...(evidence.trim() ? { evidence: evidence.trim() } : {}),
        },
      });
      setGrantee("");
      setEvidence("");
      return t("granted", {
        grantee: data.grantConsent.grantee,
        purpose: purposeLabel(p, data.grantConsent.purpose),
        date: formatDate(data.grantConsent.validUntil, language),
      });
    }, reload);
  };
  const revoke = (consent: Consent, reload: () => void) =>
    void run(async () => {
      await request(REVOKE_CONSENT, { id: consent.id });
      return `${t("revoked")}：${consent.grantee}（${purposeLabel(p, consent.purpose)}）`;
    }, reload);
  return (
    <>
      <h2 id="my-consents">{t("title")}</h2>
      <p>{t("intro")}</p>
      <Loaded state={consents}>
        {(data, reload) => {
          const counts = countConsentUses(data);
          return (
            <>
              <form class="card" aria-labelledby="grant-title" onSubmit={grant(reload)}>
                <h3 id="grant-title">{t("grantTitle")}</h3>
                <div class="filters">
                  <div>
                    <label for="consent-grantee">{t("grantee")}</label>
                    <input
                      id="consent-grantee"
                      type="text"
                      maxLength={64}
                      placeholder={t("granteeHint")}
                      value={grantee}
                      onInput={(event) => setGrantee(event.currentTarget.value)}
                    />
                  </div>
                  <div>
                    <label for="consent-purpose">{t("purpose")}</label>
                    <select
                      id="consent-purpose"
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
                    <label for="consent-valid-until">{t("validUntil")}</label>
                    <input
                      id="consent-valid-until"
                      type="date"
                      value={validUntil}
                      onInput={(event) => setValidUntil(event.currentTarget.value)}
                    />
                  </div>
                </div>
                <label for="consent-evidence">{t("evidence")}</label>
                <input
                  id="consent-evidence"
                  type="text"
                  maxLength={500}
                  value={evidence}
                  onInput={(event) => setEvidence(event.currentTarget.value)}
                />
                <div class="row-actions">
                  <button type="submit" disabled={busy}>
                    {t("grant")}
                  </button>
                </div>
              </form>
              {failure ? <FailureNotice failure={failure} /> : null}
              {notice ? (
                <div class="notice ok" role="status">
                  <p>{notice}</p>
                </div>
              ) : null}
              <h3 id="consent-list">{t("mine")}</h3>
              {data.myConsents.length === 0 ? (
                <p>{t("none")}</p>
              ) : (
                <div class="table-scroll">
                  <table aria-labelledby="consent-list">
                    <thead>
                      <tr>
                        <th scope="col">{t("grantee")}</th>
                        <th scope="col">{t("purpose")}</th>
                        <th scope="col">{t("validFrom")}</th>
                        <th scope="col">{t("validUntil")}</th>
                        <th scope="col">{t("status")}</th>
                        <th scope="col">{t("used")}</th>
                        <th scope="col">{t("actions")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {data.myConsents.map((consent) => {
                        const used = counts.get(consent.id) ?? 0;
                        return (
                          <tr key={consent.id}>
                            <th scope="row">{consent.grantee}</th>
                            <td>{purposeLabel(p, consent.purpose)}</td>
                            <td>{formatDate(consent.validFrom, language)}</td>
                            <td>{formatDate(consent.validUntil, language)}</td>
                            <td>
                              {consent.revokedAt ? t("revoked") : consent.valid ? t("valid") : t("ended")}
                            </td>
                            <td>{used > 0 ? t("usedTimes", { count: used }) : t("notUsed")}</td>
                            <td>
                              {consent.valid ? (
                                <button
                                  type="button"
                                  class="secondary"
                                  disabled={busy}
                                  aria-label={t("revokeLabel", {
                                    grantee: consent.grantee,
                                    purpose: purposeLabel(p, consent.purpose),
                                  })}
                                  onClick={() => revoke(consent, reload)}
                                >
                                  {t("revoke")}
                                </button>
                              ) : null}
                            </td>
                          </tr>
                        );
                      })}
                    </tbody>
                  </table>
                </div>
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
