import { useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { Loaded } from "../components";
import { defineMessages, useMessages } from "../i18n";
import { useGraphQL } from "../use-graphql";
import { LIST_COUNTS } from "./public/api";

const messages = defineMessages({
  "zh-CN": {
    title: "公共信用信息公示",
    intro:
      "查询企业等市场主体的公共信用信息、红黑名单和联合奖惩措施。自然人的信用信息仅本人及经授权的单位可查。",
    searchLabel: "统一社会信用代码或企业名称",
    searchButton: "查询",
    blackCount: "黑名单（在列 {count} 条）",
    redCount: "红名单（在列 {count} 条）",
    measures: "联合奖惩措施目录",
    guide: "如何提出异议、申请信用修复",
  },
  en: {
    title: "Public credit information",
    intro:
      "Look up the public credit information of companies and other market entities, the red and black lists and the joint measures. A person's information is shown only to them and to organisations they authorise.",
    searchLabel: "Unified social credit code or company name",
    searchButton: "Search",
    blackCount: "Black list ({count} entries in force)",
    redCount: "Red list ({count} entries in force)",
    measures: "Catalogue of joint measures",
    guide: "How to object and how to repair your credit",
  },
});

const USCC = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

export function HomePage() {
  const t = useMessages(messages);
  const { route } = useLocation();
  const [text, setText] = useState("");
  const counts = useGraphQL(LIST_COUNTS);
  const search = (event: Event) => {
    event.preventDefault();
    const query = text.trim().toUpperCase();
    if (!query) return;
    route(
      USCC.test(query)
        ? `/subjects/${encodeURIComponent(query)}`
        : `/search?name=${encodeURIComponent(text.trim())}`,
    );
  };
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form class="search" role="search" onSubmit={search}>
        <label for="home-search">{t("searchLabel")}</label>
        <input
          id="home-search"
          type="search"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          maxLength={100}
          autoComplete="off"
        />
        <button type="submit">{t("searchButton")}</button>
      </form>
      <ul class="tiles">
        <Loaded state={counts}>
          {(data) => (
            <>
              <li>
                <a href="/lists/black">{t("blackCount", { count: data.publicBlacklist.totalCount })}</a>
              </li>
              <li>
                <a href="/lists/red">{t("redCount", { count: data.publicRedlist.totalCount })}</a>
              </li>
            </>
          )}
        </Loaded>
        <li>
          <a href="/measures">{t("measures")}</a>
        </li>
        <li>
          <a href="/guide">{t("guide")}</a>
        </li>
      </ul>
    </section>
  );
}
