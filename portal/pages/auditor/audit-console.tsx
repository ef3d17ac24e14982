import { useEffect, useMemo, useState } from "preact/hooks";
import { FailureNotice, Loaded } from "../../components";
import { Purpose, Role } from "../../../domain/vocabulary";
import { asFailure, request, type GraphQLFailure } from "../../graphql";
import type { AuditAlertsQuery, AuditEventsQuery, AuditFilter } from "../../gql/graphql";
import { defineMessages, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { downloadCsv, spreadsheetCsv } from "../organisations/spreadsheet-csv";
import { AUDIT_ALERTS, AUDIT_CHAIN, AUDIT_EVENTS } from "./api";
import { BarChart } from "./bar-chart";

const OUTCOMES = ["OK", "DENIED", "ERROR", "PENDING"] as const;
const PAGE_SIZE = 50;
/** The API's largest page (auditEvents first ≤ 500). */
const FETCH_PAGE = 500;
/** Export and charts read at most this many events of a filter; past it the page says so. */
export const MAX_EVENTS = 10_000;
const DAY_MS = 86_400_000;

const messages = defineMessages({
  "zh-CN": {
    title: "审计控制台",
    chainTitle: "审计链",
    chainOk: "审计链完整：已逐条验证 {length} 条事件。",
    chainBroken: "审计链已被破坏：第一条不成立的事件 {brokenAt}。{reason}",
    verifyAgain: "重新验证",
    filtersTitle: "筛选事件",
    actor: "操作者（sub）",
    org: "单位代码",
    role: "角色",
    purpose: "用途",
    subject: "信用主体标识",
    outcome: "结果",
    operation: "操作名称",
    from: "起始时间",
    to: "截止时间",
    any: "全部",
    apply: "筛选",
    reset: "清除",
    eventsTitle: "事件（共 {count} 条）",
    at: "时间",
    subjects: "涉及主体",
    errors: "错误代码",
    previous: "上一页",
    next: "下一页",
    page: "第 {page} 页",
    export: "导出筛选结果（CSV）",
    exporting: "正在导出…",
    exported: "已导出 {count} 条事件。",
    capped: "仅包含前 {max} 条事件，请缩小时间范围。",
    fileName: "审计事件.csv",
    alertsTitle: "告警（{from} 至 {to}）",
    noAlerts: "此期间没有告警。",
    rule: "规则",
    count: "次数",
    detail: "说明",
    chartsTitle: "图表（筛选结果，按北京时间逐日）",
    chartsLoading: "正在统计…",
    perOrg: "各单位每日查询量",
    perOrgSummary: "{days} 天内共 {total} 次查询，最多的单位：{top}",
    denials: "每日被拒请求",
    offHours: "每日非工作时间读取（告警规则 OFF_HOURS）",
    screening: "每日筛查量（被筛查的在册主体数）",
    sumSummary: "{days} 天内共 {total}",
    table: "以表格查看数据",
    day: "日期",
    total: "合计",
    series: "系列",
    noOrg: "（无单位）",
    all: "全部",
  },
  en: {
    title: "Audit console",
    chainTitle: "Audit chain",
    chainOk: "The chain holds: {length} events verified in order.",
    chainBroken: "The chain is broken: the first event that does not hold is {brokenAt}. {reason}",
    verifyAgain: "Verify again",
    filtersTitle: "Filter events",
    actor: "Actor (sub)",
    org: "Organisation code",
    role: "Role",
    purpose: "Purpose",
    subject: "Subject identifier",
    outcome: "Outcome",
    operation: "Operation name",
    from: "From",
    to: "To",
    any: "Any",
    apply: "Filter",
    reset: "Clear",
    eventsTitle: "Events ({count} in all)",
    at: "Time",
    subjects: "Subjects",
    errors: "Error codes",
    previous: "Previous page",
    next: "Next page",
    page: "Page {page}",
    export: "Export the filtered events (CSV)",
    exporting: "Exporting…",
    exported: "{count} events exported.",
    capped: "Only the first {max} events are included; narrow the period.",
    fileName: "audit-events.csv",
    alertsTitle: "Alerts ({from} to {to})",
    noAlerts: "No alerts in this period.",
    rule: "Rule",
    count: "Count",
    detail: "Detail",
    chartsTitle: "Charts (the filtered events, per day in China time)",
    chartsLoading: "Counting…",
    perOrg: "Queries per organisation per day",
    perOrgSummary: "{total} queries over {days} days; most from {top}",
    denials: "Refused requests per day",
    offHours: "Off-hours reads per day (alert rule OFF_HOURS)",
    screening: "Screening volume per day (subjects on file screened)",
    sumSummary: "{total} over {days} days",
    table: "Show the data as a table",
    day: "Day",
    total: "Total",
    series: "Series",
    noOrg: "(no organisation)",
    all: "All",
  },
});

type Filter = Partial<
  Record<"actor" | "org" | "role" | "purpose" | "subject" | "outcome" | "operation" | "from" | "to", string>
>;
type AuditEvent = AuditEventsQuery["auditEvents"]["edges"][number]["node"];
type AuditAlert = AuditAlertsQuery["auditAlerts"][number];

/** The day in China (YYYY-MM-DD) an instant falls on: the platform's days are Beijing days. */
export function chinaDay(instant: string | number): string {
  return new Date(new Date(instant).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let day = Date.parse(`${from}T00:00:00Z`), end = Date.parse(`${to}T00:00:00Z`);
    day <= end && days.length < 92;
    day += DAY_MS
  )
    days.push(new Date(day).toISOString().slice(0, 10));
  return days;
}

/** A datetime-local value (the browser's time) as the API's DateTime; empty stays absent. */
function toInstant(local: string | undefined): string | undefined {
  if (!local) return undefined;
  const parsed = new Date(local);
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString();
}

/** The form's fields as the API's filter: the role, purpose and outcome fields only offer the API's values. */
function apiFilter(filter: Filter): AuditFilter {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(filter)) {
    if (!value || !value.trim()) continue;
    result[key] = key === "from" || key === "to" ? (toInstant(value) ?? value) : value.trim();
  }
  return result;
}

/** Every event of a filter, page by page, up to MAX_EVENTS. */
async function fetchAllEvents(filter: AuditFilter): Promise<{ events: AuditEvent[]; capped: boolean }> {
  const events: AuditEvent[] = [];
  let after: string | null = null;
  for (;;) {
    const page: AuditEventsQuery = await request(AUDIT_EVENTS, { filter, first: FETCH_PAGE, after });
    events.push(...page.auditEvents.edges.map((edge) => edge.node));
    if (!page.auditEvents.pageInfo.hasNextPage) return { events, capped: false };
    if (events.length >= MAX_EVENTS) return { events: events.slice(0, MAX_EVENTS), capped: true };
    after = page.auditEvents.pageInfo.endCursor;
  }
}

function weekAgoLocal(): string {
  const local = new Date(Date.now() - 7 * DAY_MS - new Date().getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function AuditConsolePage() {
  const t = useMessages(messages);
  const language = useLanguage();
  const [draft, setDraft] = useState<Filter>(() => ({ from: weekAgoLocal() }));
  const [filter, setFilter] = useState<Filter>(draft);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const [exportState, setExportState] = useState<
    | { status: "idle" | "running" }
    | { status: "done"; count: number; capped: boolean }
    | { status: "failed"; failure: GraphQLFailure }
  >({ status: "idle" });
  const variables = apiFilter(filter);
  const page = useGraphQL(AUDIT_EVENTS, {
    filter: variables,
    first: PAGE_SIZE,
    after: cursors[cursors.length - 1] ?? null,
  });
  const chain = useGraphQL(AUDIT_CHAIN);
  // The period is fixed when the filter is applied: a "now" taken at every render would re-run the queries forever.
  const period = useMemo(
    () => ({
      from: variables.from ?? new Date(Date.now() - 7 * DAY_MS).toISOString(),
      to: variables.to ?? new Date().toISOString(),
    }),
    [JSON.stringify(variables)],
  );
  const alerts = useGraphQL(AUDIT_ALERTS, period);

  const apply = (event: Event) => {
    event.preventDefault();
    setFilter({ ...draft });
    setCursors([null]);
    setExportState({ status: "idle" });
  };
  const exportEvents = async () => {
    setExportState({ status: "running" });
    try {
      const { events, capped } = await fetchAllEvents(variables);
      downloadCsv(
        t("fileName"),
        spreadsheetCsv([
          [
            "id",
            "at",
            "actor",
            "role",
            "org",
            "purpose",
            "operationName",
            "outcome",
            "errorCodes",
            "subjects",
          ],
          ...events.map((one) => [
            one.id,
            one.at,
            one.actor,
            one.role,
            one.org,
            one.purpose,
            one.operationName,
            one.outcome,
            one.errorCodes.join(" "),
            one.subjects.join(" "),
          ]),
        ]),
      );
      setExportState({ status: "done", count: events.length, capped });
    } catch (error) {
      setExportState({ status: "failed", failure: asFailure(error) });
    }
  };
  const field = (name: keyof Filter, type = "text") => (
    <div>
      <label for={`audit-${name}`}>{t(name)}</label>
      <input
        id={`audit-${name}`}
        type={type}
        value={draft[name] ?? ""}
        onInput={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
      />
    </div>
  );
  const choice = (name: keyof Filter, values: readonly string[]) => (
    <div>
      <label for={`audit-${name}`}>{t(name)}</label>
      <select
        id={`audit-${name}`}
        value={draft[name] ?? ""}
        onChange={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
      >
        <option value="">{t("any")}</option>
        {values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section>
      <h1>{t("title")}</h1>
      <section class="card" aria-labelledby="audit-chain-title">
        <h2 id="audit-chain-title">{t("chainTitle")}</h2>
        <Loaded state={chain}>
          {(data, reload) => (
            <>
              <p
                class={`notice ${data.auditChain.verified ? "ok" : "error"}`}
                role="status"
                data-chain={data.auditChain.verified ? "verified" : "broken"}
              >
                {data.auditChain.verified
                  ? t("chainOk", { length: data.auditChain.length })
                  : t("chainBroken", {
                      brokenAt: data.auditChain.brokenAt ?? "—",
                      reason: data.auditChain.reason ?? "",
                    })}
              </p>
              <button type="button" class="secondary" onClick={reload}>
                {t("verifyAgain")}
              </button>
            </>
          )}
        </Loaded>
      </section>

      <form class="card" onSubmit={apply} aria-labelledby="audit-filters-title">
        <h2 id="audit-filters-title">{t("filtersTitle")}</h2>
        <div class="filters">
          {field("actor")}
          {field("org")}
          {choice("role", Object.values(Role))}
          {choice("purpose", Object.values(Purpose))}
          {field("subject")}
          {choice("outcome", OUTCOMES)}
          {field("operation")}
          {field("from", "datetime-local")}
          {field("to", "datetime-local")}
        </div>
        <p>
          <button type="submit">{t("apply")}</button>{" "}
          <button
            type="button"
            class="secondary"
            onClick={() => {
              setDraft({});
              setFilter({});
              setCursors([null]);
              setExportState({ status: "idle" });
            }}
          >
            {t("reset")}
          </button>
        </p>
      </form>

      <Loaded state={page}>
        {(data) => (
          <section aria-labelledby="audit-events-title">
            <h2 id="audit-events-title">{t("eventsTitle", { count: data.auditEvents.totalCount })}</h2>
            <p>
              <button type="button" onClick={exportEvents} disabled={exportState.status === "running"}>
                {t("export")}
              </button>{" "}
              {exportState.status === "running" ? <span role="status">{t("exporting")}</span> : null}
              {exportState.status === "done" ? (
                <span role="status">
                  {t("exported", { count: exportState.count })}
                  {exportState.capped ? ` ${t("capped", { max: MAX_EVENTS })}` : ""}
                </span>
              ) : null}
            </p>
            {exportState.status === "failed" ? <FailureNotice failure={exportState.failure} /> : null}
            <div class="table-scroll">
              <table data-table="audit-events">
                <thead>
                  <tr>
                    {(
                      [
                        "at",
                        "actor",
                        "role",
                        "org",
                        "purpose",
                        "operation",
                        "outcome",
                        "errors",
                        "subjects",
                      ] as const
                    ).map((key) => (
                      <th key={key} scope="col">
                        {t(key)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.auditEvents.edges.map(({ node }) => (
                    <tr key={node.id}>
                      <th scope="row">
                        <time dateTime={node.at}>
                          {new Date(node.at).toLocaleString(language, { timeZone: "Asia/Shanghai" })}
                        </time>
                      </th>
                      <td>{node.actor ?? "—"}</td>
                      <td>{node.role}</td>
                      <td>{node.org ?? "—"}</td>
                      <td>{node.purpose ?? "—"}</td>
                      <td>{node.operationName ?? "—"}</td>
                      <td>
                        <span class={node.outcome === "OK" ? "" : "badge overdue"}>{node.outcome}</span>
                      </td>
                      <td>{node.errorCodes.join(" ")}</td>
                      <td>{node.subjects.join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav class="pager" aria-label={t("page", { page: cursors.length })}>
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
                disabled={!data.auditEvents.pageInfo.hasNextPage}
                onClick={() => setCursors([...cursors, data.auditEvents.pageInfo.endCursor])}
              >
                {t("next")}
              </button>
            </nav>
          </section>
        )}
      </Loaded>

      <section aria-labelledby="audit-alerts-title">
        <h2 id="audit-alerts-title">
          {t("alertsTitle", { from: chinaDay(period.from), to: chinaDay(period.to) })}
        </h2>
        <Loaded state={alerts}>
          {(data) =>
            data.auditAlerts.length === 0 ? (
              <p>{t("noAlerts")}</p>
            ) : (
              <div class="table-scroll">
                <table data-table="audit-alerts">
                  <thead>
                    <tr>
                      <th scope="col">{t("rule")}</th>
                      <th scope="col">{t("at")}</th>
                      <th scope="col">{t("actor")}</th>
                      <th scope="col">{t("org")}</th>
                      <th scope="col">{t("count")}</th>
                      <th scope="col">{t("detail")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.auditAlerts.map((alert, index) => (
                      <tr key={`${alert.rule}-${alert.at}-${index}`}>
                        <th scope="row">{alert.rule}</th>
                        <td>{new Date(alert.at).toLocaleString(language, { timeZone: "Asia/Shanghai" })}</td>
                        <td>{alert.actor ?? "—"}</td>
                        <td>{alert.org ?? "—"}</td>
                        <td>{alert.count}</td>
                        <td>{alert.detail}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loaded>
      </section>

      <AuditCharts
        filter={variables}
        period={period}
        alerts={alerts.status === "done" ? alerts.data.auditAlerts : null}
      />
    </section>
  );
}

function AuditCharts({
  filter,
  period,
  alerts,
}: {
  filter: AuditFilter;
  period: { from: string; to: string };
  alerts: readonly AuditAlert[] | null;
}) {
  const t = useMessages(messages);
  const [state, setState] = useState<
    | { status: "loading" }
    | { status: "done"; events: AuditEvent[]; capped: boolean }
    | { status: "failed"; failure: GraphQLFailure }
  >({ status: "loading" });
  const key = JSON.stringify(filter);
  useEffect(() => {
    let current = true;
    setState({ status: "loading" });
    fetchAllEvents(filter).then(
      (result) => current && setState({ status: "done", ...result }),
      (error: unknown) => current && setState({ status: "failed", failure: asFailure(error) }),
    );
    return () => void (current = false);
  }, [key]);
  const labels = { table: t("table"), day: t("day"), total: t("total"), series: t("series") };
  const days = daysBetween(chinaDay(period.from), chinaDay(period.to));
  const perDay = (events: readonly { at: string }[], weight: (event: never) => number = () => 1) => {
    const values = days.map(() => 0);
    for (const event of events) {
      const index = days.indexOf(chinaDay(event.at));
      if (index >= 0) values[index]! += weight(event as never);
    }
    return values;
  };
  return (
    <section aria-labelledby="audit-charts-title">
      <h2 id="audit-charts-title">{t("chartsTitle")}</h2>
      {state.status === "loading" ? <p role="status">{t("chartsLoading")}</p> : null}
      {state.status === "failed" ? <FailureNotice failure={state.failure} /> : null}
      {state.status === "done"
        ? (() => {
            if (state.capped) return <p class="notice warn">{t("capped", { max: MAX_EVENTS })}</p>;
            const byOrg = new Map<string, AuditEvent[]>();
            for (const event of state.events) {
              const org = event.org ?? t("noOrg");
              byOrg.set(org, [...(byOrg.get(org) ?? []), event]);
            }
            const orgSeries = [...byOrg]
              .map(([label, events]) => ({ label, values: perDay(events) }))
              .sort((a, b) => b.values.reduce((x, y) => x + y, 0) - a.values.reduce((x, y) => x + y, 0));
            const denied = perDay(state.events.filter((event) => event.outcome === "DENIED"));
            const screened = perDay(
              state.events.filter((event) =>
                event.categories.some((category) => category.startsWith("ScreeningResult")),
              ),
              (event: AuditEvent) => event.subjects.length,
            );
            const offHours = perDay((alerts ?? []).filter((alert) => alert.rule === "OFF_HOURS"));
            const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
            return (
              <div class="charts">
                <BarChart
                  id="queries-per-org"
                  title={t("perOrg")}
                  summary={t("perOrgSummary", {
                    total: state.events.length,
                    days: days.length,
                    top: orgSeries[0]?.label ?? "—",
                  })}
                  days={days}
                  series={orgSeries}
                  labels={labels}
                />
                <BarChart
                  id="denials"
                  title={t("denials")}
                  summary={t("sumSummary", { total: sum(denied), days: days.length })}
                  days={days}
                  series={[{ label: t("denials"), values: denied }]}
                  labels={labels}
                />
                <BarChart
                  id="off-hours"
                  title={t("offHours")}
                  summary={t("sumSummary", { total: sum(offHours), days: days.length })}
                  days={days}
                  series={[{ label: t("offHours"), values: offHours }]}
                  labels={labels}
                />
                <BarChart
                  id="screening"
                  title={t("screening")}
                  summary={t("sumSummary", { total: sum(screened), days: days.length })}
                  days={days}
                  series={[{ label: t("screening"), values: screened }]}
                  labels={labels}
                />
              </div>
            );
          })()
        : null}
    </section>
  );
}
