import { useState } from "preact/hooks";
import { useLocation, useRoute } from "preact-iso";
import { Loaded } from "../../components";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { NotFoundPage } from "../not-found";
import { enumWords, inWords } from "../../enum-words";
import { LIST_GROUNDS, PUBLIC_BLACKLIST, PUBLIC_REDLIST } from "./api";

const messages = defineMessages({
  "zh-CN": {
    BLACK: "失信黑名单",
    RED: "守信红名单",
    introBLACK: "依法公示的严重失信主体名单（在有效期内）。自然人的身份证号码部分隐藏。",
    introRED: "依法公示的守信激励对象名单（在有效期内）。",
    filters: "筛选",
    name: "名称或姓名（包含）",
    region: "行政区划代码（如 3208）",
    recognizedBy: "认定单位代码（如 HA-SAMR）",
    grounds: "认定类型",
    anyGrounds: "全部类型",
    from: "认定日期起",
    to: "认定日期止",
    apply: "查询",
    clear: "清除筛选",
    caption: "{list}：共 {count} 条，第 {page}/{pages} 页",
    subject: "主体名称",
    identifier: "统一社会信用代码 / 身份证号码",
    kind: "主体类型",
    type: "认定类型",
    unit: "认定单位",
    recognizedOn: "认定日期",
    validUntil: "有效期至",
    none: "没有符合条件的名单信息。",
    pager: "翻页",
    previous: "上一页",
    next: "下一页",
    pageStatus: "第 {page} 页，共 {pages} 页（{count} 条）",
  },
  en: {
    BLACK: "Black list (serious dishonesty)",
    RED: "Red list (trustworthiness)",
    introBLACK:
      "Subjects of serious dishonesty published as the law provides, while their entry is in force. A person's ID number is partly hidden.",
    introRED: "Trustworthy subjects published for joint incentives, while their entry is in force.",
    filters: "Filters",
    name: "Name contains",
    region: "Region code (e.g. 3208)",
    recognizedBy: "Recognising unit code (e.g. HA-SAMR)",
    grounds: "Grounds",
    anyGrounds: "All grounds",
    from: "Recognised from",
    to: "Recognised until",
    apply: "Search",
    clear: "Clear filters",
    caption: "{list}: {count} entries, page {page} of {pages}",
    subject: "Subject",
    identifier: "Credit code / ID number",
    kind: "Kind",
    type: "Grounds",
    unit: "Recognising unit",
    recognizedOn: "Recognised on",
    validUntil: "Valid until",
    none: "No entries match.",
    pager: "Pages",
    previous: "Previous page",
    next: "Next page",
    pageStatus: "Page {page} of {pages} ({count} entries)",
  },
});

/** Rows a page shows: few enough to read on a phone, and the pager is part of every journey. */
export const LIST_PAGE_SIZE = 10;

/** The filters of ListFilter, as they stand in the page's query string (shareable; never a token). */
const FILTER_KEYS = ["name", "region", "recognizedBy", "grounds", "from", "to"] as const;
type FilterKey = (typeof FILTER_KEYS)[number];
type Filters = Partial<Record<FilterKey, string>>;

export type ListKind = "BLACK" | "RED";

/** `/lists/black` or `/lists/red`; any other segment is not a page. */
export function listOfSlug(slug: string | undefined): ListKind | null {
  return slug === "black" ? "BLACK" : slug === "red" ? "RED" : null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function filtersOf(query: Readonly<Record<string, string>>): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = query[key]?.trim();
    if (value && ((key !== "from" && key !== "to") || DATE.test(value))) filters[key] = value;
  }
  return filters;
}

export function ListPage() {
  const { params } = useRoute();
  const list = listOfSlug(params.list);
  return list ? <PublicList list={list} /> : <NotFoundPage />;
}

function PublicList({ list }: { list: ListKind }) {
  const t = useMessages(messages);
  const words = useMessages(enumWords);
  const language = useLanguage();
  const { query, path, route } = useLocation();
  const filters = filtersOf(query);
  const filterKey = JSON.stringify([list, filters]);
  // Cursors of the pages before this one, so "previous" returns exactly; a new filter starts at page 1.
  const [pages, setPages] = useState<{ key: string; cursors: string[] }>({ key: filterKey, cursors: [] });
  const cursors = pages.key === filterKey ? pages.cursors : [];
  const after = cursors.at(-1) ?? null;
  const state = useGraphQL(list === "BLACK" ? PUBLIC_BLACKLIST : PUBLIC_REDLIST, {
    filter: filters,
    first: LIST_PAGE_SIZE,
    after,
  });
  const grounds = useGraphQL(LIST_GROUNDS, { list });

  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const search = new URLSearchParams();
    for (const key of FILTER_KEYS) {
      const value = String(form.get(key) ?? "").trim();
      if (value) search.set(key, value);
    }
    const text = search.toString();
    route(text ? `${path}?${text}` : path);
  };

  return (
    <section>
      <h1>{t(list)}</h1>
      <p>{t(list === "BLACK" ? "introBLACK" : "introRED")}</p>
      <form class="card" role="search" aria-labelledby="list-filters" onSubmit={apply} key={filterKey}>
        <h2 id="list-filters">{t("filters")}</h2>
        <div class="filters">
          <div>
            <label for="filter-name">{t("name")}</label>
            <input
              id="filter-name"
              name="name"
              type="search"
              maxLength={100}
              defaultValue={filters.name ?? ""}
              autoComplete="off"
            />
          </div>
          <div>
            <label for="filter-region">{t("region")}</label>
            <input
              id="filter-region"
              name="region"
              inputMode="numeric"
              pattern="[0-9]{2,6}"
              maxLength={6}
              defaultValue={filters.region ?? ""}
            />
          </div>
          <div>
            <label for="filter-unit">{t("recognizedBy")}</label>
            <input
              id="filter-unit"
              name="recognizedBy"
              maxLength={40}
              defaultValue={filters.recognizedBy ?? ""}
              autoComplete="off"
            />
          </div>
          <div>
            <label for="filter-grounds">{t("grounds")}</label>
            <select id="filter-grounds" name="grounds">
              <option value="">{t("anyGrounds")}</option>
              {grounds.status === "done"
                ? grounds.data.listGrounds.map((ground) => (
                    <option
                      key={ground.code}
                      value={ground.code}
                      selected={ground.code === filters.grounds}
                    >{`${ground.article} ${ground.name}`}</option>
                  ))
                : filters.grounds && <option value={filters.grounds}>{filters.grounds}</option>}
            </select>
          </div>
          <div>
            <label for="filter-from">{t("from")}</label>
            <input id="filter-from" name="from" type="date" defaultValue={filters.from ?? ""} />
          </div>
          <div>
            <label for="filter-to">{t("to")}</label>
            <input id="filter-to" name="to" type="date" defaultValue={filters.to ?? ""} />
          </div>
        </div>
        <p class="public-actions">
          <button type="submit">{t("apply")}</button>
          {Object.keys(filters).length > 0 && <a href={path}>{t("clear")}</a>}
        </p>
      </form>
      <Loaded state={state}>
        {(data) => {
          const { totalCount, pageInfo, edges } = data.entries;
          const page = cursors.length + 1;
          const pageCount = Math.max(1, Math.ceil(totalCount / LIST_PAGE_SIZE));
          if (edges.length === 0)
            return (
              <p class="notice warn" role="status">
                {t("none")}
              </p>
            );
          return (
            <>
              <table class="public-table">
                <caption>
                  {t("caption", { list: t(list), count: totalCount, page, pages: pageCount })}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t("subject")}</th>
                    <th scope="col">{t("identifier")}</th>
                    <th scope="col">{t("kind")}</th>
                    <th scope="col">{t("type")}</th>
                    <th scope="col">{t("unit")}</th>
                    <th scope="col">{t("recognizedOn")}</th>
                    <th scope="col">{t("validUntil")}</th>
                  </tr>
                </thead>
                <tbody>
                  {edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <a href={`/lists/${list.toLowerCase()}/${node.id}`}>{node.disclosure.name}</a>
                      </th>
                      <td class="public-identifier">{node.disclosure.identifier}</td>
                      <td>{inWords(words, node.disclosure.kind)}</td>
                      <td>{node.groundsDescription}</td>
                      <td>{node.recognizedByName}</td>
                      <td>{formatDate(node.recognizedOn, language)}</td>
                      <td>{formatDate(node.validUntil, language)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              <nav class="pager" aria-label={t("pager")}>
                <button
                  type="button"
                  class="secondary"
                  disabled={page === 1}
                  onClick={() => setPages({ key: filterKey, cursors: cursors.slice(0, -1) })}
                >
                  {t("previous")}
                </button>
                <span role="status">{t("pageStatus", { page, pages: pageCount, count: totalCount })}</span>
                <button
                  type="button"
                  class="secondary"
                  disabled={!pageInfo.hasNextPage || !pageInfo.endCursor}
                  onClick={() => setPages({ key: filterKey, cursors: [...cursors, pageInfo.endCursor!] })}
                >
                  {t("next")}
                </button>
              </nav>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}
