import { useLocation, useRoute } from "preact-iso";
import { Loaded } from "../../components";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { enumWords, inWords } from "../../enum-words";
import { RecordsTable } from "../../records-table";
import { PUBLIC_SUBJECT, SEARCH_ORGANISATIONS } from "./api";

const messages = defineMessages({
  "zh-CN": {
    title: "查询企业和组织",
    intro:
      "按名称查询法人和非法人组织的公共信用信息；已知统一社会信用代码的，可直接输入代码。自然人的信用信息不通过姓名公开查询。",
    label: "企业或组织名称（至少 2 个字），或统一社会信用代码",
    search: "查询",
    results: "名称包含“{name}”的企业和组织（{count} 个）",
    none: "没有找到名称包含“{name}”的企业或组织。",
    tooShort: "请至少输入 2 个字。",
    name: "名称",
    identifier: "统一社会信用代码",
    kind: "类型",
    subjectTitle: "公共信用信息",
    unknown: "没有该主体可公开的信用信息。请核对代码。",
    records: "公共信用记录",
    noRecords: "没有可公开的信用记录。",
    category: "类别",
    item: "信息",
    severity: "失信程度",
    tier: "公开范围",
    provider: "提供单位",
    decidedOn: "决定日期",
    expiresOn: "有效期至",
    entries: "在列的红黑名单",
    noEntries: "不在红名单或黑名单中。",
    list: "名单",
    grounds: "认定类型",
    unit: "认定单位",
    recognizedOn: "认定日期",
    validUntil: "有效期至",
    details: "公示信息",
    underObjection: "异议处理中",
    mine: "这是您的信息？登录后可查看全部信息、提出异议或申请信用修复：",
    myCredit: "我的信用",
  },
  en: {
    title: "Find a company or organisation",
    intro:
      "Look up the public credit information of legal persons and other organisations by name, or enter the unified social credit code directly. A person's information cannot be searched by name.",
    label: "Company or organisation name (2 characters or more), or unified social credit code",
    search: "Search",
    results: "Companies and organisations whose name contains “{name}” ({count})",
    none: "No company or organisation's name contains “{name}”.",
    tooShort: "Enter at least 2 characters.",
    name: "Name",
    identifier: "Unified social credit code",
    kind: "Kind",
    subjectTitle: "Public credit information",
    unknown: "There is no public credit information for this identifier. Please check it.",
    records: "Public credit records",
    noRecords: "No public credit records.",
    category: "Category",
    item: "Item",
    severity: "Severity",
    tier: "Published to",
    provider: "Provided by",
    decidedOn: "Decided on",
    expiresOn: "Valid until",
    entries: "Red and black list entries in force",
    noEntries: "Not on the red or black list.",
    list: "List",
    grounds: "Grounds",
    unit: "Recognising unit",
    recognizedOn: "Recognised on",
    validUntil: "Valid until",
    details: "Disclosure",
    underObjection: "Objection open",
    mine: "Is this you? Sign in to see everything, object or apply for repair:",
    myCredit: "My credit",
  },
});

const USCC = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;
const SEARCH_PAGE_SIZE = 20;

/** `/search?name=…`: organisations by part of their name (never persons: searchOrganisations finds none). */
export function SearchPage() {
  const t = useMessages(messages);
  const words = useMessages(enumWords);
  const { query, route } = useLocation();
  const name = (query.name ?? "").trim();
  const searchable = [...name].length >= 2;
  const state = useGraphQL(SEARCH_ORGANISATIONS, { name, first: SEARCH_PAGE_SIZE }, { skip: !searchable });
  const submit = (event: Event) => {
    event.preventDefault();
    const text = String(new FormData(event.currentTarget as HTMLFormElement).get("name") ?? "").trim();
    if (USCC.test(text.toUpperCase())) route(`/subjects/${encodeURIComponent(text.toUpperCase())}`);
    else route(`/search?${new URLSearchParams({ name: text }).toString()}`);
  };
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form class="search" role="search" onSubmit={submit} key={name}>
        <label for="search-name">{t("label")}</label>
        <input
          id="search-name"
          name="name"
          type="search"
          defaultValue={name}
          maxLength={100}
          autoComplete="off"
        />
        <button type="submit">{t("search")}</button>
      </form>
      {name && !searchable && (
        <p class="notice warn" role="status">
          {t("tooShort")}
        </p>
      )}
      {searchable && (
        <Loaded state={state}>
          {(data) =>
            data.searchOrganisations.length === 0 ? (
              <p class="notice warn" role="status">
                {t("none", { name })}
              </p>
            ) : (
              <table class="public-table">
                <caption>{t("results", { name, count: data.searchOrganisations.length })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("name")}</th>
                    <th scope="col">{t("identifier")}</th>
                    <th scope="col">{t("kind")}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.searchOrganisations.map((found) => (
                    <tr key={found.identifier}>
                      <th scope="row">
                        <a href={`/subjects/${encodeURIComponent(found.identifier)}`}>{found.name}</a>
                      </th>
                      <td class="public-identifier">{found.identifier}</td>
                      <td>{inWords(words, found.kind)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </Loaded>
      )}
    </section>
  );
}

/** `/subjects/:identifier`: the public record of a subject — what the viewer's role may read, nothing more. */
export function SubjectPage() {
  const t = useMessages(messages);
  const words = useMessages(enumWords);
  const language = useLanguage();
  const { params } = useRoute();
  const identifier = decodeURIComponent(params.identifier ?? "")
    .trim()
    .toUpperCase();
  const state = useGraphQL(PUBLIC_SUBJECT, { identifier });
  return (
    <section>
      <Loaded state={state}>
        {(data) => {
          const subject = data.subject;
          if (!subject) {
            return (
              <>
                <h1>{t("subjectTitle")}</h1>
                <p class="notice warn" role="status">
                  {t("unknown")}
                </p>
              </>
            );
          }
          return (
            <>
              <h1>{subject.name}</h1>
              <p>
                <span class="public-identifier">{subject.identifier}</span> · {inWords(words, subject.kind)}
              </p>
              <h2>{t("entries")}</h2>
              {subject.listEntries.length === 0 ? (
                <p>{t("noEntries")}</p>
              ) : (
                <RecordsTable
                  class="public-table"
                  rows={subject.listEntries}
                  columns={[
                    {
                      header: t("list"),
                      rowHeader: true,
                      cell: (entry) => (
                        <span class={`badge ${entry.list === "BLACK" ? "black" : "red"}`}>
                          {inWords(words, entry.list)}
                        </span>
                      ),
                    },
                    { header: t("grounds"), cell: (entry) => entry.groundsDescription },
                    { header: t("unit"), cell: (entry) => entry.recognizedByName },
                    { header: t("recognizedOn"), cell: (entry) => formatDate(entry.recognizedOn, language) },
                    { header: t("validUntil"), cell: (entry) => formatDate(entry.validUntil, language) },
                    {
                      header: t("details"),
                      cell: (entry) => (
                        <a href={`/lists/${entry.list.toLowerCase()}/${entry.id}`}>{t("details")}</a>
                      ),
                    },
                  ]}
                />
              )}
              <h2>{t("records")}</h2>
              {subject.records.length === 0 ? (
                <p>{t("noRecords")}</p>
              ) : (
                <RecordsTable
                  class="public-table"
                  rows={subject.records}
                  columns={[
                    {
                      header: t("item"),
                      rowHeader: true,
                      cell: (record) => (
                        <>
                          {record.title}
                          {record.underObjection && (
                            <>
                              {" "}
                              <span class="badge provisional">{t("underObjection")}</span>
                            </>
                          )}
                        </>
                      ),
                    },
                    { header: t("category"), cell: (record) => inWords(words, record.category) },
                    {
                      header: t("severity"),
                      cell: (record) => (record.severity ? inWords(words, record.severity) : "—"),
                    },
                    { header: t("tier"), cell: (record) => inWords(words, record.tier) },
                    { header: t("provider"), cell: (record) => record.provider },
                    { header: t("decidedOn"), cell: (record) => formatDate(record.decidedOn, language) },
                    { header: t("expiresOn"), cell: (record) => formatDate(record.expiresOn, language) },
                  ]}
                />
              )}
              <p class="notice ok">
                {t("mine")} <a href="/me">{t("myCredit")}</a>
              </p>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
