import { useState } from "preact/hooks";
import { Loaded } from "../../components";
import { useWordsFor } from "../../enum-words";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { MY_ACCESS_LOG } from "./api";
import { purposeLabel, purposeMessages } from "./purposes";

const messages = defineMessages({
  "zh-CN": {
    title: "谁查询了我",
    intro: "每一次向他人展示您的信用信息都被记录：查询单位、用途、时间和信息类别。您本人的查询不列入。",
    none: "尚无单位查询过您的信用信息。",
    total: "共 {count} 次",
    at: "时间",
    org: "查询单位",
    role: "身份",
    purpose: "用途",
    categories: "信息类别",
    outcome: "结果",
    previous: "上一页",
    next: "下一页",
    page: "第 {page} 页",
    OK: "已展示",
    DENIED: "被拒绝",
    ERROR: "出错",
    PENDING: "处理中",
    GOVERNMENT: "政府部门",
    ORGANIZATION: "机构",
    PROVIDER: "信息提供单位",
    CREDIT_CENTER: "信用中心",
    PUBLIC: "公众",
    CREDIT_AUTHORITY: "信用主管部门",
    AUDITOR: "审计",
    SUBJECT: "本人",
    CreditRecord: "信用记录",
    ListEntry: "红黑名单",
    Subject: "主体信息",
    Consent: "授权",
    CreditReport: "信用报告",
    RelatedEntry: "关联记录",
    Objection: "异议",
    RepairCase: "信用修复",
    "PUBLIC+": "社会公开",
    "GOVERNMENT+": "政府共享",
    "AUTHORIZED+": "授权查询",
  },
  en: {
    title: "Who looked me up",
    intro:
      "Every time your credit information was shown to someone it is recorded: the organisation, the purpose, when and which kind. Your own lookups are left out.",
    none: "No organisation has looked up your credit information yet.",
    total: "{count} in all",
    at: "When",
    org: "Organisation",
    role: "Role",
    purpose: "Purpose",
    categories: "Information",
    outcome: "Outcome",
    previous: "Previous page",
    next: "Next page",
    page: "Page {page}",
    OK: "Shown",
    DENIED: "Refused",
    ERROR: "Failed",
    PENDING: "Pending",
    GOVERNMENT: "Government body",
    ORGANIZATION: "Organisation",
    PROVIDER: "Provider",
    CREDIT_CENTER: "Credit centre",
    PUBLIC: "Public",
    CREDIT_AUTHORITY: "Credit authority",
    AUDITOR: "Auditor",
    SUBJECT: "You",
    CreditRecord: "Credit records",
    ListEntry: "Red/black lists",
    Subject: "Identity",
    Consent: "Consents",
    CreditReport: "Credit report",
    RelatedEntry: "Related items",
    Objection: "Objections",
    RepairCase: "Repairs",
    "PUBLIC+": "public",
    "GOVERNMENT+": "government-shared",
    "AUTHORIZED+": "with consent",
  },
});

type Word = keyof (typeof messages)["en"];

const PAGE_SIZE = 10;

/** "CreditRecord:GOVERNMENT+PUBLIC" (the audit's category) in words: 信用记录（政府共享、社会公开）. */
function categoryInWords(t: (key: Word) => string, category: string): string {
  const [entity = category, tiers = ""] = category.split(":");
  const word = useWordsFor(messages);
  const tierWords = tiers
    ? tiers
        .split("+")
        .filter(Boolean)
        .map((tier) => word(`${tier}+`))
    : [];
  return tierWords.length > 0 ? `${word(entity)}（${tierWords.join("、")}）` : word(entity);
}

/** `myAccessLog`, a page at a time (oldest first, as the log keeps it); the cursors of earlier pages kept to go back. */
export function AccessLogSection() {
  const t = useMessages(messages);
  const p = useMessages(purposeMessages);
  const language = useLanguage();
  const [cursors, setCursors] = useState<ReadonlyArray<string | null>>([null]);
  const after = cursors[cursors.length - 1] ?? null;
  const log = useGraphQL(MY_ACCESS_LOG, { first: PAGE_SIZE, after });
  const word = useWordsFor(messages);
  return (
    <>
      <h2 id="access-log">{t("title")}</h2>
      <p>{t("intro")}</p>
      <Loaded state={log}>
        {(data) =>
          data.myAccessLog.totalCount === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <>
              <p class="access-total">{t("total", { count: data.myAccessLog.totalCount })}</p>
              <div class="table-scroll">
                <table aria-labelledby="access-log">
                  <thead>
                    <tr>
                      <th scope="col">{t("at")}</th>
                      <th scope="col">{t("org")}</th>
                      <th scope="col">{t("purpose")}</th>
                      <th scope="col">{t("categories")}</th>
                      <th scope="col">{t("outcome")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.myAccessLog.edges.map(({ node }) => (
                      <tr key={node.id}>
                        <td>
                          {formatDate(node.at, language)}{" "}
                          {new Date(node.at).toLocaleTimeString(language, {
                            hour: "2-digit",
                            minute: "2-digit",
                            timeZone: "Asia/Shanghai",
                          })}
                        </td>
                        <th scope="row">
                          {node.org ?? "—"}
                          <br />
                          <small>{word(node.role)}</small>
                        </th>
                        <td>{purposeLabel(p, node.purpose)}</td>
                        <td>
                          {node.categories.length > 0
                            ? node.categories.map((category) => categoryInWords(t, category)).join("；")
                            : "—"}
                        </td>
                        <td>{word(node.outcome)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav class="pager" aria-label={t("title")}>
                <button
                  type="button"
                  class="secondary"
                  disabled={cursors.length === 1}
                  onClick={() => setCursors(cursors.slice(0, -1))}
                >
                  {t("previous")}
                </button>
                <span>{t("page", { page: cursors.length })}</span>
                <button
                  type="button"
                  class="secondary"
                  disabled={!data.myAccessLog.pageInfo.hasNextPage}
                  onClick={() => setCursors([...cursors, data.myAccessLog.pageInfo.endCursor])}
                >
                  {t("next")}
                </button>
              </nav>
            </>
          )
        }
      </Loaded>
    </>
  );
}
