import { useRoute } from "preact-iso";
import type { ComponentChildren } from "preact";
import { Loaded } from "../../components";
import { defineMessages, formatDate, useLanguage, useMessages } from "../../i18n";
import { useGraphQL } from "../../use-graphql";
import { NotFoundPage } from "../not-found";
import { listOfSlug, type ListKind } from "./lists";
import { enumWords, inWords } from "../../enum-words";
import type { PublicEntryDisclosureFragment } from "../../gql/graphql";
import { PUBLIC_BLACKLIST_ENTRY, PUBLIC_REDLIST_ENTRY } from "./api";

const messages = defineMessages({
  "zh-CN": {
    titleBLACK: "失信黑名单公示信息",
    titleRED: "守信红名单公示信息",
    intro:
      "以下为《淮安市守信联合激励和失信联合惩戒实施办法》第八条规定公示的信息；涉及国家秘密、商业秘密和个人隐私的信息不予公示。",
    missing: "该名单信息不存在，或已不在公示期内。",
    back: "返回名单",
    name: "名称 / 姓名",
    personName: "姓名",
    orgName: "名称",
    sex: "性别",
    ageBand: "年龄段",
    citizenId: "身份证号码",
    uscc: "统一社会信用代码",
    employer: "工作单位",
    registeredAddress: "注册地址",
    nature: "单位性质",
    legalRepresentative: "法定代表人",
    facts: "主要失信事实",
    honourFacts: "认定事由",
    type: "失信类型",
    honour: "荣誉 / 认定类型",
    basis: "认定依据",
    documentNumber: "认定文书及文号",
    unit: "认定单位",
    recognizedOn: "认定日期",
    validUntil: "信息有效期（移出日期）",
    redValidUntil: "有效期至",
    objection: "认为信息有误？",
    objectionLink: "了解如何提出异议和申请信用修复",
  },
  en: {
    titleBLACK: "Black-list entry",
    titleRED: "Red-list entry",
    intro:
      "What article 8 of the Huai'an joint incentives and punishments measures publishes; state secrets, trade secrets and privacy are never published.",
    missing: "This entry does not exist or is no longer published.",
    back: "Back to the list",
    name: "Name",
    personName: "Name",
    orgName: "Name",
    sex: "Sex",
    ageBand: "Age",
    citizenId: "ID number",
    uscc: "Unified social credit code",
    employer: "Employer",
    registeredAddress: "Registered address",
    nature: "Nature",
    legalRepresentative: "Legal representative",
    facts: "Main facts",
    honourFacts: "Reason",
    type: "Type of dishonesty",
    honour: "Honour",
    basis: "Basis",
    documentNumber: "Decision document number",
    unit: "Recognising unit",
    recognizedOn: "Recognised on",
    validUntil: "Valid until (removal date)",
    redValidUntil: "Valid until",
    objection: "Is this wrong?",
    objectionLink: "How to object and how to repair your credit",
  },
});

type Entry = PublicEntryDisclosureFragment;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `/lists/:list/:id`: one entry in force and what JRP art. 8 publishes with it. */
export function EntryPage() {
  const { params } = useRoute();
  const list = listOfSlug(params.list);
  return list && params.id && UUID.test(params.id) ? (
    <EntryDisclosure list={list} id={params.id} />
  ) : (
    <NotFoundPage />
  );
}

/**
 * The fields JRP art. 8 names, per list and kind of subject. A red entry publishes what an honour needs —
 * name, honour, unit, date — never a person's ID number, sex, age or employer (JRP art. 7: privacy is never disclosed), whatever the
 * answer holds.
 */
function disclosedFields(
  list: ListKind,
  entry: Entry,
  t: (key: keyof (typeof messages)["zh-CN"]) => string,
  words: (key: keyof (typeof enumWords)["zh-CN"]) => string,
  language: "zh-CN" | "en",
): Array<[string, ComponentChildren]> {
  const { disclosure } = entry;
  const person = disclosure.kind === "NATURAL_PERSON";
  const common: Array<[string, ComponentChildren]> = [
    [t("unit"), entry.recognizedByName],
    [t("recognizedOn"), formatDate(entry.recognizedOn, language)],
  ];
  if (list === "RED") {
    return [
      [t("name"), disclosure.name],
      ...(person ? [] : ([[t("uscc"), disclosure.identifier]] as Array<[string, ComponentChildren]>)),
      [t("honour"), entry.groundsDescription],
      [t("honourFacts"), entry.facts],
      ...common,
      [t("redValidUntil"), formatDate(entry.validUntil, language)],
    ];
  }
  const who: Array<[string, ComponentChildren]> = person
    ? [
        [t("personName"), disclosure.name],
        [t("sex"), inWords(words, disclosure.sex)],
        [t("ageBand"), disclosure.ageBand ?? "—"],
        [t("citizenId"), disclosure.identifier],
        [t("employer"), disclosure.employer ?? "—"],
      ]
    : [
        [t("orgName"), disclosure.name],
        [t("uscc"), disclosure.identifier],
        [t("registeredAddress"), disclosure.registeredAddress ?? "—"],
        [t("nature"), disclosure.nature ?? "—"],
        [t("legalRepresentative"), disclosure.legalRepresentative ?? "—"],
      ];
  return [
    ...who,
    [t("facts"), entry.facts],
    [t("type"), entry.groundsDescription],
    [t("basis"), entry.basis],
    [t("documentNumber"), entry.documentNumber],
    ...common,
    [t("validUntil"), formatDate(entry.validUntil, language)],
  ];
}

function EntryDisclosure({ list, id }: { list: ListKind; id: string }) {
  const t = useMessages(messages);
  const words = useMessages(enumWords);
  const language = useLanguage();
  const state = useGraphQL(list === "BLACK" ? PUBLIC_BLACKLIST_ENTRY : PUBLIC_REDLIST_ENTRY, {
    filter: { id },
  });
  return (
    <section>
      <h1>{t(list === "BLACK" ? "titleBLACK" : "titleRED")}</h1>
      <p>
        <a href={`/lists/${list.toLowerCase()}`}>{t("back")}</a>
      </p>
      <Loaded state={state}>
        {(data) => {
          const entry = data.entries.edges[0]?.node;
          if (!entry)
            return (
              <p class="notice warn" role="status">
                {t("missing")}
              </p>
            );
          return (
            <article class="card">
              <h2>{entry.disclosure.name}</h2>
              <p>{t("intro")}</p>
              <dl class="public-fields">
                {disclosedFields(list, entry, t, words, language).map(([label, value]) => (
                  <div key={label}>
                    <dt>{label}</dt>
                    <dd>{value}</dd>
                  </div>
                ))}
              </dl>
              <p>
                {t("objection")} <a href="/guide">{t("objectionLink")}</a>
              </p>
            </article>
          );
        }}
      </Loaded>
    </section>
  );
}
