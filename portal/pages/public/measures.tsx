import { useLocation } from "preact-iso";
import { Loaded } from "../../components";
import { defineMessages, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { MEASURES } from "./api";
import { Scenario, type ListType } from "../../../domain/vocabulary";
import { enumWords, inWords } from "../../enum-words";

const messages = defineMessages({
  "zh-CN": {
    title: "联合奖惩措施目录",
    intro:
      "对红名单主体的联合激励措施和对黑名单主体的联合惩戒措施，每项措施注明实施部门和法律依据。措施只对其依据所涵盖的失信类型适用。",
    filters: "筛选",
    list: "名单",
    anyList: "红名单和黑名单",
    scenario: "应用场景",
    anyScenario: "全部场景",
    apply: "筛选",
    caption: "措施 {count} 项",
    code: "编号",
    measure: "措施",
    kind: "类型",
    decision: "处理方式",
    grounds: "适用的失信类型",
    allGrounds: "全部失信类型",
    basis: "法律依据",
    department: "实施部门",
    none: "没有符合条件的措施。",
  },
  en: {
    title: "Catalogue of joint measures",
    intro:
      "Joint incentives for red-list subjects and joint punishments for black-list subjects, each with its initiating department and legal basis. A measure applies only to the grounds its basis covers.",
    filters: "Filters",
    list: "List",
    anyList: "Red and black lists",
    scenario: "Scenario",
    anyScenario: "All scenarios",
    apply: "Filter",
    caption: "{count} measures",
    code: "Code",
    measure: "Measure",
    kind: "Kind",
    decision: "Decision",
    grounds: "Grounds covered",
    allGrounds: "All grounds",
    basis: "Legal basis",
    department: "Department",
    none: "No measures match.",
  },
});

const LISTS = ["BLACK", "RED"] as const;

/** `/measures?list=BLACK&scenario=…`: the catalogue, filtered by list and scenario (filters in the URL). */
export function MeasuresPage() {
  const t = useMessages(messages);
  const words = useMessages(enumWords);
  const { query, path, route } = useLocation();
  const list = (LISTS as readonly string[]).includes(query.list ?? "") ? (query.list as ListType) : null;
  const scenario =
    query.scenario && Object.hasOwn(Scenario, query.scenario) ? (query.scenario as Scenario) : null;
  const state = useGraphQL(MEASURES, { list, scenario });
  const apply = (event: Event) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const search = new URLSearchParams();
    for (const key of ["list", "scenario"]) {
      const value = String(form.get(key) ?? "");
      if (value) search.set(key, value);
    }
    const text = search.toString();
    route(text ? `${path}?${text}` : path);
  };
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <form class="card" aria-labelledby="measure-filters" onSubmit={apply} key={`${list}-${scenario}`}>
        <h2 id="measure-filters">{t("filters")}</h2>
        <div class="filters">
          <div>
            <label for="measure-list">{t("list")}</label>
            <select id="measure-list" name="list">
              <option value="">{t("anyList")}</option>
              {LISTS.map((value) => (
                <option key={value} value={value} selected={value === list}>
                  {inWords(words, value)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="measure-scenario">{t("scenario")}</label>
            <select id="measure-scenario" name="scenario">
              <option value="">{t("anyScenario")}</option>
              {Object.values(Scenario).map((value) => (
                <option key={value} value={value} selected={value === scenario}>
                  {inWords(words, value)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <button type="submit">{t("apply")}</button>
          </div>
        </div>
      </form>
      <Loaded state={state}>
        {(data) =>
          data.measures.length === 0 ? (
            <p class="notice warn" role="status">
              {t("none")}
            </p>
          ) : (
            <table class="public-table">
              <caption>{t("caption", { count: data.measures.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("code")}</th>
                  <th scope="col">{t("measure")}</th>
                  <th scope="col">{t("list")}</th>
                  <th scope="col">{t("decision")}</th>
                  <th scope="col">{t("grounds")}</th>
                  <th scope="col">{t("basis")}</th>
                  <th scope="col">{t("department")}</th>
                </tr>
              </thead>
              <tbody>
                {data.measures.map((measure) => (
                  <tr key={measure.code}>
                    <td class="public-identifier">{measure.code}</td>
                    <th scope="row">{measure.title}</th>
                    <td>
                      <span class={`badge ${measure.list === "BLACK" ? "black" : "red"}`}>
                        {inWords(words, measure.list)}
                      </span>
                    </td>
                    <td>{inWords(words, measure.decision)}</td>
                    <td>{measure.grounds.length === 0 ? t("allGrounds") : measure.grounds.join("、")}</td>
                    <td>{measure.basis}</td>
                    <td>{measure.department}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}
