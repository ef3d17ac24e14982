import { useState } from "preact/hooks";
import { Loaded } from "../../components";
import { useWordsFor } from "../../enum-words";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { creditRecordColumns, listEntryColumns } from "../../item-columns";
import { RecordsTable } from "../../records-table";
import { hasRole, PAGE_ROLES, useIdentity } from "../../session";
import { useGraphQL } from "../../use-graphql";
import { AccessLogSection } from "./access-log";
import { CasesSection } from "./cases";
import { ConsentsSection } from "./consents";
import { MY_FILE } from "./api";
import type { ActionTarget } from "./my-file";
import { ObjectionForm, RepairForm } from "./item-actions";
import { ReportsSection } from "./reports";

const messages = defineMessages({
  "zh-CN": {
    title: "我的信用",
    signInFirst: "“我的信用”供信用主体本人使用：请以本人证件号码或统一社会信用代码登录。",
    signIn: "去登录",
    noFile: "尚无您的信用档案。",
    whoAmI: "{name}（{identifier}）",
    records: "我的信用记录",
    recordsIntro: "以下是关于您的全部信用信息，包括仅政府共享和需授权查询的信息，以及已过期的信息。",
    noRecords: "没有信用记录。",
    entries: "红黑名单",
    noEntries: "您未被列入红名单或黑名单。",
    title_: "事项",
    category: "类别",
    tier: "公开范围",
    provider: "提供单位",
    decidedOn: "认定日期",
    expiresOn: "有效期至",
    status: "状态",
    actions: "操作",
    list: "名单",
    recognizedBy: "认定单位",
    recognizedOn: "列入日期",
    validUntil: "有效期至（移出日期）",
    facts: "主要事实",
    object: "提出异议",
    repair: "申请信用修复",
    objectLabel: "对“{item}”提出异议",
    repairLabel: "为“{item}”申请信用修复",
    underObjection: "异议处理中",
    inPublicity: "修复公示至 {date}",
  },
  en: {
    title: "My credit",
    signInFirst:
      "“My credit” is for the subject itself: sign in with your own citizen ID or unified social credit code.",
    signIn: "Sign in",
    noFile: "There is no credit file for you yet.",
    whoAmI: "{name} ({identifier})",
    records: "My credit records",
    recordsIntro:
      "All credit information about you, including what only government bodies or those you authorise may see, and what has expired.",
    noRecords: "No credit records.",
    entries: "Red and black lists",
    noEntries: "You are on no red or black list.",
    title_: "Item",
    category: "Category",
    tier: "Who may see it",
    provider: "Provided by",
    decidedOn: "Decided on",
    expiresOn: "In use until",
    status: "Status",
    actions: "Actions",
    list: "List",
    recognizedBy: "Recognised by",
    recognizedOn: "Listed on",
    validUntil: "Valid until (removal date)",
    facts: "Main facts",
    object: "Object",
    repair: "Apply for repair",
    objectLabel: "Object to “{item}”",
    repairLabel: "Apply for repair of “{item}”",
    underObjection: "Objection open",
    inPublicity: "Repair in publicity until {date}",
  },
});

/** 我的信用: the subject's whole file, who looked it up, its consents, objections, repairs and reports. */
export function MePage() {
  const t = useMessages(messages);
  const identity = useIdentity();
  if (!hasRole(identity, PAGE_ROLES.me) || !identity.subject) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <div class="notice warn">
          <p>{t("signInFirst")}</p>
        </div>
        <a class="button" href="/sign-in">
          {t("signIn")}
        </a>
      </section>
    );
  }
  return <MyCredit identifier={identity.subject} />;
}

function MyCredit({ identifier }: { identifier: string }) {
  const t = useMessages(messages);
  const word = useWordsFor(messages);
  const language = useLanguage();
  const file = useGraphQL(MY_FILE, { identifier });
  const [target, setTarget] = useState<ActionTarget | null>(null);
  return (
    <section class="self-service">
      <h1>{t("title")}</h1>
      <Loaded state={file}>
        {(data, reload) => {
          const subject = data.subject;
          if (!subject)
            return (
              <div class="notice warn">
                <p>{t("noFile")}</p>
              </div>
            );
          const labels = new Map<string, string>([
            ...subject.records.map((record) => [record.id, record.title] as const),
            ...subject.listEntries.map((entry) => [entry.id, `${word(entry.list)}：${entry.facts}`] as const),
          ]);
          const actionButtons = (id: string, label: string) => (
            <div class="row-actions">
              <button
                type="button"
                class="secondary"
                aria-label={t("objectLabel", { item: label })}
                onClick={() => setTarget({ id, label, action: "objection" })}
              >
                {t("object")}
              </button>
              <button
                type="button"
                class="secondary"
                aria-label={t("repairLabel", { item: label })}
                onClick={() => setTarget({ id, label, action: "repair" })}
              >
                {t("repair")}
              </button>
            </div>
          );
          const done = () => {
            setTarget(null);
            reload();
          };
          return (
            <>
              <p class="who-am-i">{t("whoAmI", { name: subject.name, identifier: subject.identifier })}</p>
              <h2 id="my-records">{t("records")}</h2>
              <p>{t("recordsIntro")}</p>
              {subject.records.length === 0 ? (
                <p>{t("noRecords")}</p>
              ) : (
                <RecordsTable
                  scroll
                  labelledBy="my-records"
                  rows={subject.records}
                  columns={[
                    ...creditRecordColumns(t, word, language),
                    { header: t("actions"), cell: (record) => actionButtons(record.id, record.title) },
                  ]}
                />
              )}
              <h2 id="my-entries">{t("entries")}</h2>
              {subject.listEntries.length === 0 ? (
                <p>{t("noEntries")}</p>
              ) : (
                <RecordsTable
                  scroll
                  labelledBy="my-entries"
                  rows={subject.listEntries}
                  columns={[
                    ...listEntryColumns<(typeof subject.listEntries)[number]>(t, word, language),
                    {
                      header: t("status"),
                      cell: (entry) => (
                        <>
                          {word(entry.status)}
                          {entry.underObjection ? (
                            <>
                              {" "}
                              <span class="badge provisional">{t("underObjection")}</span>
                            </>
                          ) : null}
                          {entry.repairPublicityUntil ? (
                            <>
                              <br />
                              {t("inPublicity", { date: formatDate(entry.repairPublicityUntil, language) })}
                            </>
                          ) : null}
                        </>
                      ),
                    },
                    {
                      header: t("actions"),
                      cell: (entry) => actionButtons(entry.id, labels.get(entry.id) ?? entry.facts),
                    },
                  ]}
                />
              )}
              {target?.action === "objection" ? (
                <ObjectionForm target={target} onDone={done} onCancel={() => setTarget(null)} />
              ) : null}
              {target?.action === "repair" ? (
                <RepairForm target={target} onDone={done} onCancel={() => setTarget(null)} />
              ) : null}
              <CasesSection
                objections={subject.objections}
                repairCases={subject.repairCases}
                labels={labels}
              />
            </>
          );
        }}
      </Loaded>
      <ConsentsSection />
      <AccessLogSection />
      <ReportsSection />
    </section>
  );
}
