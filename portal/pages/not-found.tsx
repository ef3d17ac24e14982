import { defineMessages, useMessages } from "../i18n";

const messages = defineMessages({
  "zh-CN": { title: "页面不存在", back: "返回首页" },
  en: { title: "Page not found", back: "Back to the home page" },
});

export function NotFoundPage() {
  const t = useMessages(messages);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p>
        <a href="/">{t("back")}</a>
      </p>
    </section>
  );
}
