import type { CreditRecordRowFragment, ListEntryRowFragment } from "./gql/graphql";
import { formatDate, type Language } from "./i18n";
import type { Column } from "./records-table";

/** The page's words for a code (enum-words.ts `useWordsFor`). */
type Words = (value: string) => string;

/**
 * The columns a subject's credit records show wherever they are checked or read by their subject, each heading in
 * the page's own words (`t`); a page adds its own columns after them (the subject's actions).
 */
export function creditRecordColumns<Row extends CreditRecordRowFragment & Readonly<{ status: string }>>(
  t: (
    key:
      | "title_"
      | "category"
      | "tier"
      | "provider"
      | "decidedOn"
      | "expiresOn"
      | "status"
      | "underObjection",
  ) => string,
  word: Words,
  language: Language,
): Column<Row>[] {
  return [
    { header: t("title_"), rowHeader: true, cell: (record) => record.title },
    { header: t("category"), cell: (record) => word(record.category) },
    { header: t("tier"), cell: (record) => word(record.tier) },
    { header: t("provider"), cell: (record) => record.provider },
    { header: t("decidedOn"), cell: (record) => formatDate(record.decidedOn, language) },
    { header: t("expiresOn"), cell: (record) => formatDate(record.expiresOn, language) },
    {
      header: t("status"),
      cell: (record) => (
        <>
          {word(record.status)}
          {record.underObjection ? (
            <>
              {" "}
              <span class="badge provisional">{t("underObjection")}</span>
            </>
          ) : null}
        </>
      ),
    },
  ];
}

/**
 * The columns a subject's list entries show wherever they are checked or read by their subject, up to their status,
 * which each page words as its reader needs (the subject also sees an objection and a repair's publicity).
 */
export function listEntryColumns<Row extends ListEntryRowFragment & Readonly<{ facts: string }>>(
  t: (key: "list" | "facts" | "recognizedBy" | "recognizedOn" | "validUntil") => string,
  word: Words,
  language: Language,
): Column<Row>[] {
  return [
    {
      header: t("list"),
      cell: (entry) => (
        <span class={`badge ${entry.list === "BLACK" ? "black" : "red"}`}>{word(entry.list)}</span>
      ),
    },
    {
      header: t("facts"),
      rowHeader: true,
      cell: (entry) => (
        <>
          {entry.facts}
          <br />
          <small>{entry.groundsDescription}</small>
        </>
      ),
    },
    { header: t("recognizedBy"), cell: (entry) => entry.recognizedByName },
    { header: t("recognizedOn"), cell: (entry) => formatDate(entry.recognizedOn, language) },
    { header: t("validUntil"), cell: (entry) => formatDate(entry.validUntil, language) },
  ];
}
