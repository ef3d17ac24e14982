import type { ComponentChildren } from "preact";
import { useContext } from "preact/hooks";
import { useLocation } from "preact-iso";
import { defineMessages, LanguageContext, useMessages } from "./i18n";
import { GraphQLFailure } from "./graphql";
import { hasRole, PAGE_ROLES, signOut, useIdentity } from "./session";
import type { QueryState } from "./use-graphql";
import type { Role } from "../domain/vocabulary";

const messages = defineMessages({
  "zh-CN": {
    site: "信用信息公示平台",
    skip: "跳到正文",
    home: "信用公示",
    black: "黑名单",
    red: "红名单",
    measures: "联合奖惩措施",
    guide: "异议与修复",
    me: "我的信用",
    check: "信用核查",
    screen: "批量筛查",
    verify: "信用报告核验",
    audit: "审计",
    workbench: "信用中心工作台",
    signIn: "登录",
    signOut: "退出",
    signedInAs: "当前身份：{who}",
    language: "English",
    languageLabel: "Switch to English",
    loading: "正在加载…",
    failed: "出错了",
    UNAUTHENTICATED: "请先登录（或登录已过期）。",
    FORBIDDEN: "您的身份无权查看此项。",
    CONSENT_REQUIRED: "需要信用主体的授权：请信用主体在“我的信用”中向贵单位授权该用途后再查询。",
    PURPOSE_REQUIRED: "请选择查询用途。",
    NOT_FOUND: "未找到。",
    BAD_USER_INPUT: "输入有误：",
    RATE_LIMITED: "请求过于频繁，请稍后再试。",
    SERVICE_UNAVAILABLE: "服务暂不可用，请稍后再试。",
    NETWORK: "无法连接到服务。",
    footer: "本平台依法公示公共信用信息。所有查询均被记录审计。",
  },
  en: {
    site: "Credit Information Portal",
    skip: "Skip to content",
    home: "Public records",
    black: "Black list",
    red: "Red list",
    measures: "Joint measures",
    guide: "Objections & repair",
    me: "My credit",
    check: "Credit check",
    screen: "Batch screening",
    verify: "Verify a credit report",
    audit: "Audit",
    workbench: "Credit centre",
    signIn: "Sign in",
    signOut: "Sign out",
    signedInAs: "Signed in as {who}",
    language: "中文",
    languageLabel: "切换到中文",
    loading: "Loading…",
    failed: "Something went wrong",
    UNAUTHENTICATED: "Please sign in (or sign in again: your session has ended).",
    FORBIDDEN: "Your role may not see this.",
    CONSENT_REQUIRED:
      "The subject's consent is needed: the subject grants your organisation this purpose under “My credit”, then you can look them up.",
    PURPOSE_REQUIRED: "Choose the purpose of your lookup.",
    NOT_FOUND: "Not found.",
    BAD_USER_INPUT: "Please check your input: ",
    RATE_LIMITED: "Too many requests; please try again shortly.",
    SERVICE_UNAVAILABLE: "The service is unavailable; please try again shortly.",
    NETWORK: "The service cannot be reached.",
    footer: "Public credit information is published here as the law provides. Every lookup is audited.",
  },
});

/** Which pages a role finds in the menu; the gateway decides what each may actually see. */
const MENU: ReadonlyArray<
  Readonly<{
    path: string;
    label:
      | "home"
      | "black"
      | "red"
      | "measures"
      | "guide"
      | "me"
      | "check"
      | "screen"
      | "verify"
      | "audit"
      | "workbench";
    roles?: readonly Role[];
  }>
> = [
  { path: "/", label: "home" },
  { path: "/lists/black", label: "black" },
  { path: "/lists/red", label: "red" },
  { path: "/measures", label: "measures" },
  { path: "/guide", label: "guide" },
  { path: "/me", label: "me", roles: PAGE_ROLES.me },
  { path: "/check", label: "check", roles: PAGE_ROLES.officer },
  { path: "/screen", label: "screen", roles: PAGE_ROLES.officer },
  { path: "/verify", label: "verify", roles: PAGE_ROLES.officer },
  { path: "/audit", label: "audit", roles: PAGE_ROLES.audit },
  { path: "/workbench", label: "workbench", roles: PAGE_ROLES.workbench },
];

export function Layout({ children }: { children: ComponentChildren }) {
  const t = useMessages(messages);
  const identity = useIdentity();
  const { language, setLanguage } = useContext(LanguageContext);
  const { path } = useLocation();
  const who = identity ? [identity.role, identity.org ?? identity.subject].filter(Boolean).join(" · ") : "";
  return (
    <>
      <a class="skip" href="#main">
        {t("skip")}
      </a>
      <header class="masthead">
        <a class="brand" href="/">
          {t("site")}
        </a>
        <nav aria-label={t("site")}>
          <ul>
            {MENU.filter((item) => !item.roles || hasRole(identity, item.roles)).map((item) => (
              <li key={item.path}>
                <a href={item.path} aria-current={path === item.path ? "page" : undefined}>
                  {t(item.label)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="account">
          <button
            type="button"
            class="link"
            lang={language === "en" ? "zh-CN" : "en"}
            aria-label={t("languageLabel")}
            onClick={() => setLanguage(language === "en" ? "zh-CN" : "en")}
          >
            {t("language")}
          </button>
          {identity ? (
            <>
              <span class="who">{t("signedInAs", { who })}</span>
              <button type="button" onClick={signOut}>
                {t("signOut")}
              </button>
            </>
          ) : (
            <a class="button" href="/sign-in">
              {t("signIn")}
            </a>
          )}
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
      <footer>{t("footer")}</footer>
    </>
  );
}

/** A failure in words a person understands, with the contract code for support. */
export function FailureNotice({ failure }: { failure: GraphQLFailure }) {
  const t = useMessages(messages);
  const known = failure.code in messages["zh-CN"] ? t(failure.code as "FORBIDDEN") : t("failed");
  const detail =
    failure.code === "BAD_USER_INPUT" || !(failure.code in messages["zh-CN"]) ? failure.message : "";
  return (
    <div class="notice error" role="alert">
      <p>
        {known}
        {detail ? ` ${detail}` : ""}
      </p>
      <p class="code">{failure.code}</p>
    </div>
  );
}

/** Shows a query's loading and failure states; renders `children(data)` once it has answered. */
export function Loaded<Data>({
  state,
  children,
}: {
  state: QueryState<Data>;
  children: (data: Data, reload: () => void) => ComponentChildren;
}) {
  const t = useMessages(messages);
  if (state.status === "loading")
    return (
      <p class="loading" role="status">
        {t("loading")}
      </p>
    );
  if (state.status === "failed") return <FailureNotice failure={state.failure} />;
  return <>{children(state.data, state.reload)}</>;
}

/**
 * A part of a page for some roles only: `children` when the signed-in identity holds one of `roles`,
 * otherwise the refusal the gateway would answer (UNAUTHENTICATED signed out, FORBIDDEN signed in).
 */
export function RoleGate({
  roles,
  children,
}: Readonly<{ roles: readonly Role[]; children?: ComponentChildren }>) {
  const identity = useIdentity();
  if (hasRole(identity, roles)) return <>{children}</>;
  return <FailureNotice failure={new GraphQLFailure(identity ? "FORBIDDEN" : "UNAUTHENTICATED", "")} />;
}
