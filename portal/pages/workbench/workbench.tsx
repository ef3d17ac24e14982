import { useState } from "preact/hooks";
import { FailureNotice, Loaded, RoleGate } from "../../components";
import { asFailure, request, type GraphQLFailure } from "../../graphql";
import type {
  ObjectionState,
  RepairState,
  WorkbenchObjectionsQuery,
  WorkbenchRepairCasesQuery,
} from "../../gql/graphql";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { PAGE_ROLES, useIdentity } from "../../session";
import { useGraphQL, type QueryState } from "../../use-graphql";
import {
  CALENDAR_STATUS,
  MEASURE_STATS,
  MOVE_OBJECTION,
  MOVE_REPAIR_CASE,
  UNIT_REPORTS,
  WORKBENCH_OBJECTIONS,
  WORKBENCH_REPAIR_CASES,
} from "./api";

const OBJECTION_STATES = [
  "SUBMITTED",
  "UNDER_REVIEW",
  "PROVIDER_VERIFYING",
  "CORRECTED",
  "UPHELD",
  "APPEALED",
  "APPEAL_DISMISSED",
] as const satisfies readonly ObjectionState[];
const REPAIR_STATES = [
  "APPLIED",
  "OPINION_SUPPORTED",
  "IN_PUBLICITY",
  "OBJECTED",
  "COMPLETED",
  "REJECTED",
] as const satisfies readonly RepairState[];

const messages = defineMessages({
  "zh-CN": {
    title: "信用中心工作台",
    publicationLink: "发布前审核：涉及自然人的公开信息",
    authorityTitle: "信用主管部门：复核申请",
    calendarTitle: "工作日日历",
    calendarOk: "{next} 年国务院节假日安排已导入，期限按正式日历计算。",
    calendarMissing:
      "{next} 年国务院节假日安排尚未导入：跨入 {next} 年的期限仅按法定节假日计算，标为“暂定”。",
    calendarThisYear: "{year} 年：{state}（{source}）",
    official: "已导入",
    provisionalYear: "未导入",
    objectionsTitle: "异议队列",
    repairsTitle: "信用修复队列",
    stateFilter: "状态",
    any: "全部",
    count: "共 {count} 件",
    none: "没有案件。",
    filed: "提出时间",
    subject: "信用主体",
    target: "对象",
    ground: "理由",
    statement: "陈述",
    state: "状态",
    due: "期限",
    actions: "办理",
    history: "办理记录",
    note: "办理意见（第 {n} 件）",
    moved: "已办理：{id} → {state}",
    overdue: "已逾期",
    provisional: "暂定",
    noDue: "无期限",
    commitment: "信用承诺",
    applied: "申请日期",
    rectified: "整改完成日期",
    statsTitle: "提供单位统计",
    quarter: "季度",
    unit: "单位",
    entriesRecognized: "认定名单数",
    latePushes: "逾期推送",
    measuresApplied: "措施反馈数",
    objectionsCorrected: "异议更正数",
    incomplete: "（季度未结束，截至今日）",
    measureStatsTitle: "联合奖惩措施实施情况（本季度）",
    measure: "措施",
    applications: "实施次数",
    subjects: "涉及主体",
    reporters: "反馈单位",
    outcomes: "结果",
    WRONG_OR_INCOMPLETE: "信息错误或遗漏",
    PROHIBITED_DATA: "含禁止采集的信息",
    EXPIRED_STILL_USED: "超期仍在使用",
    SUBMITTED: "已提交",
    UNDER_REVIEW: "审查中",
    PROVIDER_VERIFYING: "提供单位核实中",
    CORRECTED: "已更正",
    UPHELD: "维持",
    APPEALED: "已申请复核",
    APPEAL_DISMISSED: "复核驳回",
    APPLIED: "已申请",
    OPINION_SUPPORTED: "提供单位同意",
    IN_PUBLICITY: "公示中",
    OBJECTED: "公示期有异议",
    COMPLETED: "修复完成",
    REJECTED: "不予修复",
    to_UNDER_REVIEW: "受理审查",
    to_PROVIDER_VERIFYING: "转提供单位核实",
    to_CORRECTED: "予以更正",
    to_UPHELD: "维持原信息",
    to_APPEAL_DISMISSED: "驳回复核",
    to_REJECTED: "不予修复",
    to_IN_PUBLICITY: "开始公示",
    to_COMPLETED: "完成修复",
    to_OBJECTED: "登记公示异议",
  },
  en: {
    title: "Credit centre workbench",
    publicationLink: "Review before publication: public information about natural persons",
    authorityTitle: "Credit authority: appeals",
    calendarTitle: "Working-day calendar",
    calendarOk:
      "The State Council's holiday notice for {next} is loaded: deadlines are counted with the official calendar.",
    calendarMissing:
      "The State Council's holiday notice for {next} is not loaded: deadlines reaching into {next} count statutory holidays only and are marked provisional.",
    calendarThisYear: "{year}: {state} ({source})",
    official: "loaded",
    provisionalYear: "not loaded",
    objectionsTitle: "Objections",
    repairsTitle: "Credit repair cases",
    stateFilter: "State",
    any: "Any",
    count: "{count} in all",
    none: "No cases.",
    filed: "Filed",
    subject: "Subject",
    target: "Item",
    ground: "Ground",
    statement: "Statement",
    state: "State",
    due: "Due",
    actions: "Action",
    history: "Steps so far",
    note: "Note (case {n})",
    moved: "Done: {id} → {state}",
    overdue: "Overdue",
    provisional: "Provisional",
    noDue: "No deadline",
    commitment: "Commitment",
    applied: "Applied",
    rectified: "Rectified",
    statsTitle: "Provider statistics",
    quarter: "Quarter",
    unit: "Unit",
    entriesRecognized: "List entries recognised",
    latePushes: "Late pushes",
    measuresApplied: "Measures reported applied",
    objectionsCorrected: "Objections corrected",
    incomplete: "(quarter not over: figures so far)",
    measureStatsTitle: "Joint measures applied (this quarter)",
    measure: "Measure",
    applications: "Applications",
    subjects: "Subjects",
    reporters: "Reporting systems",
    outcomes: "Outcomes",
    WRONG_OR_INCOMPLETE: "Wrong or incomplete",
    PROHIBITED_DATA: "Prohibited data",
    EXPIRED_STILL_USED: "Expired but still used",
    SUBMITTED: "Submitted",
    UNDER_REVIEW: "Under review",
    PROVIDER_VERIFYING: "Provider verifying",
    CORRECTED: "Corrected",
    UPHELD: "Upheld",
    APPEALED: "Appealed",
    APPEAL_DISMISSED: "Appeal dismissed",
    APPLIED: "Applied",
    OPINION_SUPPORTED: "Provider supports",
    IN_PUBLICITY: "In publicity",
    OBJECTED: "Objected in publicity",
    COMPLETED: "Completed",
    REJECTED: "Rejected",
    to_UNDER_REVIEW: "Start review",
    to_PROVIDER_VERIFYING: "Forward to provider",
    to_CORRECTED: "Correct",
    to_UPHELD: "Uphold",
    to_APPEAL_DISMISSED: "Dismiss appeal",
    to_REJECTED: "Reject",
    to_IN_PUBLICITY: "Start publicity",
    to_COMPLETED: "Complete repair",
    to_OBJECTED: "Record an objection",
  },
});
type Key = Parameters<ReturnType<typeof useMessages<keyof (typeof messages)["en"]>>>[0];

type Objection = WorkbenchObjectionsQuery["objections"][number];
type RepairCase = WorkbenchRepairCasesQuery["repairCases"][number];
type Deadline = Pick<Objection, "dueOn" | "dueOnProvisional" | "overdue">;

export function WorkbenchPage() {
  const t = useMessages(messages);
  const identity = useIdentity();
  const centre = identity?.role === "CREDIT_CENTER";
  return (
    <section>
      <h1>{centre || !identity ? t("title") : t("authorityTitle")}</h1>
      <RoleGate roles={PAGE_ROLES.workbench} />
      {centre ? (
        <p>
          <a href="/workbench/publication">{t("publicationLink")}</a>
        </p>
      ) : null}
      {centre ? <CalendarCard /> : null}
      {identity ? <Queue kind="objection" /> : null}
      {centre ? <Queue kind="repair" /> : null}
      {centre ? <ProviderStatistics /> : null}
    </section>
  );
}

function CalendarCard() {
  const t = useMessages(messages);
  const status = useGraphQL(CALENDAR_STATUS);
  return (
    <section class="card" aria-labelledby="workbench-calendar-title">
      <h2 id="workbench-calendar-title">{t("calendarTitle")}</h2>
      <Loaded state={status}>
        {({ calendarStatus: calendar }) => (
          <>
            <p
              class={`notice ${calendar.nextYear.official ? "ok" : "warn"}`}
              data-calendar={calendar.nextYear.official ? "loaded" : "missing"}
            >
              {t(calendar.nextYear.official ? "calendarOk" : "calendarMissing", {
                next: calendar.nextYear.year,
              })}
            </p>
            <ul>
              {[calendar.thisYear, calendar.nextYear].map((year) => (
                <li key={year.year}>
                  {t("calendarThisYear", {
                    year: year.year,
                    state: t(year.official ? "official" : "provisionalYear"),
                    source: year.source,
                  })}
                </li>
              ))}
            </ul>
            {calendar.warning ? (
              <p>
                <code>{calendar.warning}</code>
              </p>
            ) : null}
          </>
        )}
      </Loaded>
    </section>
  );
}

function DueCell({ item }: { item: Deadline }) {
  const t = useMessages(messages);
  const language = useLanguage();
  if (!item.dueOn) return <>{t("noDue")}</>;
  return (
    <>
      <time dateTime={item.dueOn}>{formatDate(item.dueOn, language)}</time>
      {item.overdue ? (
        <>
          {" "}
          <span class="badge overdue">{t("overdue")}</span>
        </>
      ) : null}
      {item.dueOnProvisional ? (
        <>
          {" "}
          <span class="badge provisional">{t("provisional")}</span>
        </>
      ) : null}
    </>
  );
}

function Queue({ kind }: { kind: "objection" | "repair" }) {
  const t = useMessages(messages);
  const language = useLanguage();
  const [state, setState] = useState("");
  const [notes, setNotes] = useState<Record<string, string>>({});
  const [outcome, setOutcome] = useState<
    { id: string; text: string } | { id: string; failure: GraphQLFailure } | null
  >(null);
  const [busy, setBusy] = useState(false);
  const objections = kind === "objection";
  const objectionList = useGraphQL(
    WORKBENCH_OBJECTIONS,
    { state: (state || null) as ObjectionState | null },
    { skip: !objections },
  );
  const repairList = useGraphQL(
    WORKBENCH_REPAIR_CASES,
    { state: (state || null) as RepairState | null },
    { skip: objections },
  );
  const list: QueryState<Partial<WorkbenchObjectionsQuery & WorkbenchRepairCasesQuery>> = objections
    ? objectionList
    : repairList;
  const titleId = `workbench-${kind}-title`;

  const move = async (id: string, to: string, reload: () => void) => {
    setBusy(true);
    setOutcome(null);
    try {
      const note = notes[id]?.trim() || null;
      if (objections) await request(MOVE_OBJECTION, { id, to: to as ObjectionState, note });
      else await request(MOVE_REPAIR_CASE, { id, to: to as RepairState, note });
      setNotes({ ...notes, [id]: "" });
      setOutcome({ id, text: t("moved", { id: id.slice(0, 8), state: t(to as Key) }) });
      reload();
    } catch (error) {
      setOutcome({ id, failure: asFailure(error) });
      // The case has usually moved on meanwhile: show where it stands now, beside the refusal.
      reload();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId}>{t(objections ? "objectionsTitle" : "repairsTitle")}</h2>
      <div class="filters">
        <div>
          <label for={`${titleId}-state`}>{t("stateFilter")}</label>
          <select
            id={`${titleId}-state`}
            value={state}
            onChange={(event) => setState(event.currentTarget.value)}
          >
            <option value="">{t("any")}</option>
            {(objections ? OBJECTION_STATES : REPAIR_STATES).map((value) => (
              <option key={value} value={value}>
                {t(value)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {outcome && "text" in outcome ? (
        <p class="notice ok" role="status">
          {outcome.text}
        </p>
      ) : null}
      <Loaded state={list}>
        {(data, reload) => {
          const rows: ReadonlyArray<Objection | RepairCase> =
            (objections ? data.objections : data.repairCases) ?? [];
          if (rows.length === 0) return <p>{t("none")}</p>;
          return (
            <>
              <p>{t("count", { count: rows.length })}</p>
              <div class="table-scroll">
                <table data-table={kind}>
                  <thead>
                    <tr>
                      <th scope="col">{t(objections ? "filed" : "applied")}</th>
                      <th scope="col">{t("subject")}</th>
                      <th scope="col">{objections ? t("statement") : t("commitment")}</th>
                      <th scope="col">{t("state")}</th>
                      <th scope="col">{t("due")}</th>
                      <th scope="col">{t("actions")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((row, index) => {
                      const allowed = row.movesAllowed;
                      const noteId = `${kind}-note-${row.id}`;
                      return (
                        <tr key={row.id} data-id={row.id} data-state={row.state}>
                          <th scope="row">
                            {objections
                              ? formatDate((row as Objection).filedAt, language)
                              : formatDate((row as RepairCase).appliedOn, language)}
                          </th>
                          <td>
                            {row.subject ? `${row.subject.name} ${row.subject.identifier}` : "—"}
                            <br />
                            <small>{row.targetType ?? ""}</small>
                          </td>
                          <td>
                            {objections ? (
                              <>
                                <strong>{t((row as Objection).ground as Key)}</strong>
                                <br />
                                {(row as Objection).statement}
                              </>
                            ) : (
                              (row as RepairCase).commitment
                            )}
                            <details>
                              <summary>{t("history")}</summary>
                              <ol>
                                {row.history.map((step) => (
                                  <li key={`${step.at}-${step.to}`}>
                                    {new Date(step.at).toLocaleString(language, {
                                      timeZone: "Asia/Shanghai",
                                    })}{" "}
                                    {step.from ? `${t(step.from as Key)} → ` : ""}
                                    {t(step.to as Key)} ({step.role}){step.note ? `：${step.note}` : ""}
                                  </li>
                                ))}
                              </ol>
                            </details>
                          </td>
                          <td data-cell="state">{t(row.state as Key)}</td>
                          <td data-cell="due">
                            <DueCell item={row} />
                          </td>
                          <td>
                            {allowed.length > 0 ? (
                              <>
                                <label for={noteId}>{t("note", { n: index + 1 })}</label>
                                <textarea
                                  id={noteId}
                                  rows={2}
                                  value={notes[row.id] ?? ""}
                                  onInput={(event) =>
                                    setNotes({ ...notes, [row.id]: event.currentTarget.value })
                                  }
                                />
                                <div class="moves">
                                  {allowed.map((to) => (
                                    <button
                                      key={to}
                                      type="button"
                                      class="secondary"
                                      disabled={busy}
                                      onClick={() => move(row.id, to, reload)}
                                    >
                                      {t(`to_${to}` as Key)}
                                    </button>
                                  ))}
                                </div>
                              </>
                            ) : null}
                            {outcome && "failure" in outcome && outcome.id === row.id ? (
                              <FailureNotice failure={outcome.failure} />
                            ) : null}
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Loaded>
    </section>
  );
}

/** The quarter a China date falls in, and the three before it. */
function quartersUpTo(today: string): string[] {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3) + 1;
  return [0, 1, 2, 3].map((back) => {
    const index = year * 4 + quarter - 1 - back;
    return `${Math.floor(index / 4)}Q${(index % 4) + 1}`;
  });
}

function ProviderStatistics() {
  const t = useMessages(messages);
  const calendar = useGraphQL(CALENDAR_STATUS);
  return (
    <section aria-labelledby="workbench-stats-title">
      <h2 id="workbench-stats-title">{t("statsTitle")}</h2>
      <Loaded state={calendar}>{(data) => <Statistics today={data.calendarStatus.today} />}</Loaded>
    </section>
  );
}

function Statistics({ today }: { today: string }) {
  const t = useMessages(messages);
  const quarters = quartersUpTo(today);
  const [quarter, setQuarter] = useState(quarters[0]!);
  const reports = useGraphQL(UNIT_REPORTS, { quarter });
  const quarterStart = `${today.slice(0, 4)}-${String(Math.floor((Number(today.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, "0")}-01`;
  const stats = useGraphQL(MEASURE_STATS, { from: quarterStart, to: today });
  return (
    <>
      <div class="filters">
        <div>
          <label for="workbench-quarter">{t("quarter")}</label>
          <select
            id="workbench-quarter"
            value={quarter}
            onChange={(event) => setQuarter(event.currentTarget.value)}
          >
            {quarters.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </div>
      </div>
      <Loaded state={reports}>
        {(data) =>
          data.unitReports.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <div class="table-scroll">
              <table data-table="unit-reports">
                <caption>
                  {quarter} {data.unitReports.some((row) => !row.complete) ? t("incomplete") : ""}
                </caption>
                <thead>
                  <tr>
                    {(
                      [
                        "unit",
                        "entriesRecognized",
                        "latePushes",
                        "measuresApplied",
                        "objectionsCorrected",
                      ] as const
                    ).map((key) => (
                      <th key={key} scope="col">
                        {t(key)}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {data.unitReports.map((row) => (
                    <tr key={row.unit}>
                      <th scope="row">{row.unit}</th>
                      <td>{row.entriesRecognized}</td>
                      <td>{row.latePushes}</td>
                      <td>{row.measuresApplied}</td>
                      <td>{row.objectionsCorrected}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
      <h3>{t("measureStatsTitle")}</h3>
      <Loaded state={stats}>
        {(data) =>
          data.measureStats.length === 0 ? (
            <p>{t("none")}</p>
          ) : (
            <div class="table-scroll">
              <table data-table="measure-stats">
                <thead>
                  <tr>
                    {(["measure", "applications", "subjects", "reporters", "outcomes"] as const).map(
                      (key) => (
                        <th key={key} scope="col">
                          {t(key)}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {data.measureStats.map((row) => (
                    <tr key={row.measure.code}>
                      <th scope="row">
                        {row.measure.code} {row.measure.title}
                      </th>
                      <td>{row.applications}</td>
                      <td>{row.subjects}</td>
                      <td>{row.reporters}</td>
                      <td>
                        {row.outcomes.map((outcome) => `${outcome.outcome} ${outcome.count}`).join("，")}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </Loaded>
    </>
  );
}
