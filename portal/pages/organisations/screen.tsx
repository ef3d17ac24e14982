import { MAX_ITEMS_PER_CALL } from "../../../domain/limits";
import { useState } from "preact/hooks";
import { Purpose, Scenario } from "../../../domain/vocabulary";
import { FailureNotice, RoleGate } from "../../components";
import { asFailure, GraphQLFailure, request } from "../../graphql";
import type { ScreenQuery } from "../../gql/graphql";
import { defineMessages, useMessages } from "../../i18n";
import { PAGE_ROLES } from "../../session";
import { SCREEN } from "./api";
import { checkLines, type CheckedLine, type LineProblem } from "./screening-lines";
import { downloadCsv, spreadsheetCsv } from "./spreadsheet-csv";

/** The API's limit per request (docs/api.md: screen ≤ 1000); longer lists go in chunks, one after another. */
export const SCREEN_CHUNK = MAX_ITEMS_PER_CALL;
/** A list this long is a mistake, not a batch: refused before anything is sent. */
const MAX_LINES = 50_000;

const messages = defineMessages({
  "zh-CN": {
    title: "批量筛查",
    intro:
      "上传或粘贴统一社会信用代码、身份证号码（每行一个，CSV 取第一列），按应用场景逐一给出联合奖惩结论。无法识别的行逐行列出，不予筛查，决不判为“通过”。",
    scenario: "应用场景",
    purpose: "查询用途",
    file: "上传 CSV 或文本文件",
    paste: "或粘贴标识（每行一个）",
    check: "检查并筛查",
    noLines: "没有可筛查的内容。",
    tooMany: "一次最多 {max} 行。",
    header: "第 1 行是表头（{header}），已跳过。",
    progress: "筛查进度",
    progressText: "已筛查 {done} / {total}",
    summary: "共 {total} 行：可筛查 {valid} 行，无法识别 {invalid} 行。",
    decisions:
      "结论：禁止 {BLOCK}，审查 {REVIEW}，绿色通道 {GREEN_CHANNEL}，通过 {PASS}，未筛查 {NOT_SCREENED}。",
    resultsTitle: "筛查结果",
    errorsTitle: "无法识别的行（未筛查）",
    line: "行号",
    identifier: "标识",
    decision: "结论",
    reasons: "依据",
    measures: "措施",
    content: "该行内容",
    problem: "原因",
    download: "下载结果（CSV）",
    fileName: "筛查结果.csv",
    BLOCK: "禁止（BLOCK）",
    REVIEW: "审查（REVIEW）",
    GREEN_CHANNEL: "绿色通道（GREEN_CHANNEL）",
    PASS: "通过（PASS）",
    NOT_SCREENED: "未筛查",
    EMPTY: "空行",
    INVISIBLE_CHARACTER: "含不可见字符 {detail}",
    TOO_LONG: "过长：{detail} 位，应为 18 位",
    TOO_SHORT: "过短：{detail} 位，应为 18 位",
    NOT_AN_IDENTIFIER: "校验位不符或格式错误：{detail}",
    DUPLICATE: "重复，与第 {detail} 行相同",
    stopped: "筛查中断，其余标识未筛查：",
    csvLine: "行号",
    csvIdentifier: "标识",
    csvDecision: "结论",
    csvReasons: "依据",
    csvMeasures: "措施",
    csvError: "错误",
  },
  en: {
    title: "Batch screening",
    intro:
      "Upload or paste unified social credit codes and citizen ID numbers (one a line; of a CSV the first column) and get each one's decision for the scenario. Lines that cannot be read are listed by line and not screened — never a PASS.",
    scenario: "Scenario",
    purpose: "Purpose of the query",
    file: "Upload a CSV or text file",
    paste: "Or paste identifiers (one a line)",
    check: "Check and screen",
    noLines: "There is nothing to screen.",
    tooMany: "At most {max} lines at a time.",
    header: "Line 1 is a header ({header}) and was skipped.",
    progress: "Screening progress",
    progressText: "{done} of {total} screened",
    summary: "{total} lines: {valid} can be screened, {invalid} cannot be read.",
    decisions:
      "Decisions: BLOCK {BLOCK}, REVIEW {REVIEW}, GREEN_CHANNEL {GREEN_CHANNEL}, PASS {PASS}, not screened {NOT_SCREENED}.",
    resultsTitle: "Results",
    errorsTitle: "Lines that cannot be read (not screened)",
    line: "Line",
    identifier: "Identifier",
    decision: "Decision",
    reasons: "Reasons",
    measures: "Measures",
    content: "Line as given",
    problem: "Why",
    download: "Download results (CSV)",
    fileName: "screening-results.csv",
    BLOCK: "BLOCK",
    REVIEW: "REVIEW",
    GREEN_CHANNEL: "GREEN_CHANNEL",
    PASS: "PASS",
    NOT_SCREENED: "Not screened",
    EMPTY: "Empty line",
    INVISIBLE_CHARACTER: "Contains an invisible character {detail}",
    TOO_LONG: "Too long: {detail} characters, 18 expected",
    TOO_SHORT: "Too short: {detail} characters, 18 expected",
    NOT_AN_IDENTIFIER: "Check character or format wrong: {detail}",
    DUPLICATE: "Duplicate of line {detail}",
    stopped: "Screening stopped; the remaining identifiers were not screened:",
    csvLine: "line",
    csvIdentifier: "identifier",
    csvDecision: "decision",
    csvReasons: "reasons",
    csvMeasures: "measures",
    csvError: "error",
  },
});

type ScreeningAnswer = ScreenQuery["screen"][number];
/** One valid line and what became of it: answered, or not screened because a request failed. */
type ScreenedLine = Readonly<{
  line: number;
  identifier: string;
  answer: ScreeningAnswer | null;
  failure: string | null;
}>;
type InvalidLine = Extract<CheckedLine, { valid: false }>;

/** Reads an uploaded file: UTF-8, or GB18030 as Excel saves CSV on a Chinese Windows. */
async function readListFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

export function ScreenPage() {
  const t = useMessages(messages);
  const [scenario, setScenario] = useState<Scenario>(Scenario.ADMINISTRATIVE_LICENSING);
  const [purpose, setPurpose] = useState<string>(Purpose.ADMINISTRATIVE_LICENSING);
  const [text, setText] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [header, setHeader] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<InvalidLine[]>([]);
  const [screened, setScreened] = useState<ScreenedLine[]>([]);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [failure, setFailure] = useState<GraphQLFailure | null>(null);
  const [busy, setBusy] = useState(false);

  const problemText = (line: InvalidLine) => t(line.problem as LineProblem, { detail: line.detail });

  const run = async (event: Event) => {
    event.preventDefault();
    setFailure(null);
    setNotice(null);
    setScreened([]);
    setInvalid([]);
    const checked = checkLines(text);
    setHeader(checked.header);
    if (checked.lines.length === 0) return setNotice(t("noLines"));
    if (checked.lines.length > MAX_LINES) return setNotice(t("tooMany", { max: MAX_LINES }));
    const valid = checked.lines.filter((line): line is Extract<CheckedLine, { valid: true }> => line.valid);
    setInvalid(checked.lines.filter((line): line is InvalidLine => !line.valid));
    const results: ScreenedLine[] = valid.map((line) => ({
      line: line.line,
      identifier: line.identifier,
      answer: null,
      failure: null,
    }));
    setScreened(results);
    setBusy(true);
    setProgress({ done: 0, total: valid.length });
    try {
      for (let start = 0; start < valid.length; start += SCREEN_CHUNK) {
        const chunk = valid.slice(start, start + SCREEN_CHUNK);
        let answers: readonly ScreeningAnswer[];
        try {
          answers = (
            await request(
              SCREEN,
              { identifiers: chunk.map((line) => line.identifier), scenario },
              { purpose },
            )
          ).screen;
          if (answers.length !== chunk.length)
            throw new GraphQLFailure(
              "SERVICE_UNAVAILABLE",
              `the service answered ${answers.length} of ${chunk.length} identifiers`,
            );
        } catch (error) {
          const stopped = asFailure(error);
          setFailure(stopped);
          for (let index = start; index < results.length; index++)
            results[index] = { ...results[index]!, failure: stopped.code };
          break;
        }
        answers.forEach(
          (answer, offset) => (results[start + offset] = { ...results[start + offset]!, answer }),
        );
        setProgress({ done: start + chunk.length, total: valid.length });
        setScreened([...results]);
      }
    } finally {
      setScreened([...results]);
      setBusy(false);
    }
  };

  const counts = { BLOCK: 0, REVIEW: 0, GREEN_CHANNEL: 0, PASS: 0, NOT_SCREENED: invalid.length };
  for (const line of screened) {
    if (line.answer) counts[line.answer.decision] += 1;
    else if (line.failure) counts.NOT_SCREENED += 1;
  }

  const download = () => {
    const rows: Array<Array<string | number | null>> = [
      [t("csvLine"), t("csvIdentifier"), t("csvDecision"), t("csvReasons"), t("csvMeasures"), t("csvError")],
    ];
    const all = [
      ...screened.map((line) => ({
        line: line.line,
        row: [
          line.line,
          line.identifier,
          line.answer?.decision ?? "NOT_SCREENED",
          line.answer?.reasons.join("; ") ?? "",
          line.answer?.measures.map((measure) => `${measure.code} ${measure.title}`).join("; ") ?? "",
          line.answer?.error ?? line.failure ?? "",
        ],
      })),
      ...invalid.map((line) => ({
        line: line.line,
        row: [line.line, line.text, "NOT_SCREENED", "", "", problemText(line)],
      })),
    ].sort((a, b) => a.line - b.line);
    downloadCsv(t("fileName"), spreadsheetCsv([...rows, ...all.map((entry) => entry.row)]));
  };

  const finished =
    !busy &&
    (screened.some((line) => line.answer || line.failure) || (invalid.length > 0 && screened.length === 0));

  return (
    <section>
      <h1>{t("title")}</h1>
      <p>{t("intro")}</p>
      <RoleGate roles={PAGE_ROLES.officer} />
      <form class="card" onSubmit={run}>
        <div class="filters">
          <div>
            <label for="screen-scenario">{t("scenario")}</label>
            <select
              id="screen-scenario"
              value={scenario}
              onChange={(event) => setScenario(event.currentTarget.value as Scenario)}
            >
              {Object.values(Scenario).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label for="screen-purpose">{t("purpose")}</label>
            <select
              id="screen-purpose"
              value={purpose}
              onChange={(event) => setPurpose(event.currentTarget.value)}
            >
              {Object.values(Purpose).map((value) => (
                <option key={value} value={value}>
                  {value}
                </option>
              ))}
            </select>
          </div>
        </div>
        <label for="screen-file">{t("file")}</label>
        <input
          id="screen-file"
          type="file"
          accept=".csv,.txt,text/csv,text/plain"
          onChange={async (event) => {
            const file = event.currentTarget.files?.[0];
            if (file) setText(await readListFile(file));
          }}
        />
        <label for="screen-paste">{t("paste")}</label>
        <textarea
          id="screen-paste"
          rows={8}
          value={text}
          spellcheck={false}
          onInput={(event) => setText(event.currentTarget.value)}
        />
        <p>
          <button type="submit" disabled={busy}>
            {t("check")}
          </button>
        </p>
      </form>
      {notice ? (
        <p class="notice warn" role="status">
          {notice}
        </p>
      ) : null}
      {header ? <p class="notice ok">{t("header", { header })}</p> : null}
      {progress ? (
        <p>
          <label for="screen-progress">{t("progress")}</label>
          <progress id="screen-progress" max={Math.max(progress.total, 1)} value={progress.done} />{" "}
          <span role="status">{t("progressText", { done: progress.done, total: progress.total })}</span>
        </p>
      ) : null}
      {failure ? (
        <>
          <p>{t("stopped")}</p>
          <FailureNotice failure={failure} />
        </>
      ) : null}
      {finished ? (
        <div class="card" aria-live="polite">
          <p>
            {t("summary", {
              total: screened.length + invalid.length,
              valid: screened.length,
              invalid: invalid.length,
            })}
          </p>
          <p>{t("decisions", counts)}</p>
          <button type="button" onClick={download}>
            {t("download")}
          </button>
        </div>
      ) : null}
      <div class="screen-results">
        {screened.length > 0 ? (
          <div>
            <h2>{t("resultsTitle")}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("identifier")}</th>
                  <th scope="col">{t("decision")}</th>
                  <th scope="col">{t("reasons")}</th>
                  <th scope="col">{t("measures")}</th>
                </tr>
              </thead>
              <tbody>
                {screened.map((line) => (
                  <tr key={line.line} data-decision={line.answer?.decision ?? "NOT_SCREENED"}>
                    <td>{line.line}</td>
                    <th scope="row">{line.identifier}</th>
                    <td>
                      <span
                        class={`badge decision-${(line.answer?.decision ?? "NOT_SCREENED").toLowerCase()}`}
                      >
                        {line.answer ? t(line.answer.decision) : line.failure ? t("NOT_SCREENED") : "…"}
                      </span>
                    </td>
                    <td>
                      {line.answer ? (
                        <ul class="plain">
                          {[...line.answer.reasons, ...(line.answer.error ? [line.answer.error] : [])].map(
                            (reason) => (
                              <li key={reason}>{reason}</li>
                            ),
                          )}
                        </ul>
                      ) : (
                        line.failure
                      )}
                    </td>
                    <td>
                      {line.answer ? (
                        <ul class="plain">
                          {line.answer.measures.map((measure) => (
                            <li key={measure.code}>
                              {measure.code} {measure.title}
                            </li>
                          ))}
                        </ul>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
        {invalid.length > 0 ? (
          <div>
            <h2>{t("errorsTitle")}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("line")}</th>
                  <th scope="col">{t("content")}</th>
                  <th scope="col">{t("problem")}</th>
                  <th scope="col">{t("decision")}</th>
                </tr>
              </thead>
              <tbody>
                {invalid.map((line) => (
                  <tr key={line.line}>
                    <th scope="row">{line.line}</th>
                    <td>
                      <code>{line.text}</code>
                    </td>
                    <td>{problemText(line)}</td>
                    <td>{t("NOT_SCREENED")}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </div>
    </section>
  );
}
