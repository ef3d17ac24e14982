import { createContext } from "preact";
import { useContext } from "preact/hooks";

/** Chinese first; English on request. */
export const LANGUAGES = ["zh-CN", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * Each page keeps its own words, in both languages side by side, so a page is read (and changed) in one
 * place and the two languages cannot drift apart: the English table must have every Chinese key.
 */
export type Messages<Keys extends string> = Readonly<Record<Language, Readonly<Record<Keys, string>>>>;

export function defineMessages<Keys extends string>(messages: {
  "zh-CN": Record<Keys, string>;
  en: Record<Keys, string>;
}): Messages<Keys> {
  return messages;
}

export const LanguageContext = createContext<{ language: Language; setLanguage(language: Language): void }>({
  language: "zh-CN",
  setLanguage: () => undefined,
});

/** The page's words in the chosen language; `{name}` placeholders filled from `values`. */
export function useMessages<Keys extends string>(
  messages: Messages<Keys>,
): (key: Keys, values?: Readonly<Record<string, string | number>>) => string {
  const { language } = useContext(LanguageContext);
  const table = messages[language];
  return (key, values) =>
    values ? table[key].replace(/\{(\w+)\}/g, (_, name: string) => String(values[name] ?? "")) : table[key];
}

export function useLanguage(): Language {
  return useContext(LanguageContext).language;
}

const LANGUAGE_KEY = "credit.language";

/** The last language chosen on this machine (a preference, not a secret: kept across tabs). */
export function storedLanguage(): Language {
  const stored = localStorage.getItem(LANGUAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(stored ?? "") ? (stored as Language) : "zh-CN";
}

export function storeLanguage(language: Language): void {
  localStorage.setItem(LANGUAGE_KEY, language);
  document.documentElement.lang = language;
}

/** Dates as people write them: 2026年12月1日 / 1 Dec 2026. */
export function formatDate(date: string | null | undefined, language: Language): string {
  if (!date) return "—";
  const parsed = new Date(date.length === 10 ? `${date}T00:00:00+08:00` : date);
  if (Number.isNaN(parsed.getTime())) return date;
  return new Intl.DateTimeFormat(language, {
    year: "numeric",
    month: language === "en" ? "short" : "long",
    day: "numeric",
    timeZone: "Asia/Shanghai",
  }).format(parsed);
}
