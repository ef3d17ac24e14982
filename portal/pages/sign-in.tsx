import { useEffect, useState } from "preact/hooks";
import { useLocation } from "preact-iso";
import { defineMessages, useMessages } from "../i18n";
import type { Role } from "../../domain/vocabulary";
import { signIn } from "../session";

const messages = defineMessages({
  "zh-CN": {
    title: "登录",
    demoTitle: "演示身份（仅开发环境）",
    demoIntro: "选择一个演示身份，服务器为本标签页签发一小时有效的令牌。生产环境不提供此功能。",
    role: "角色",
    org: "单位代码",
    subject: "本人证件号码或统一社会信用代码",
    actAs: "以此身份登录",
    tokenTitle: "使用令牌登录",
    tokenIntro:
      "生产环境请通过本单位的统一身份认证登录；在此之前，可粘贴管理员签发的令牌。令牌只保存在本标签页中，关闭即失效。",
    token: "令牌",
    useToken: "使用此令牌",
    badToken: "这不是有效的令牌。",
    failed: "登录失败：{reason}",
  },
  en: {
    title: "Sign in",
    demoTitle: "Demo identities (development only)",
    demoIntro:
      "Choose a demo identity; the server issues this tab a token valid for one hour. Not offered in production.",
    role: "Role",
    org: "Organisation code",
    subject: "Your ID number or unified social credit code",
    actAs: "Sign in as this identity",
    tokenTitle: "Sign in with a token",
    tokenIntro:
      "In production, sign in through your organisation's identity provider; until then, paste a token an operator issued. It is kept in this tab only and ends when the tab closes.",
    token: "Token",
    useToken: "Use this token",
    badToken: "That is not a valid token.",
    failed: "Sign-in failed: {reason}",
  },
});

/** Identities of the demo data (db/seed/demo.ts); a starting point, every field can be changed. */
export const DEMO_IDENTITIES: ReadonlyArray<Readonly<{ role: Role; org?: string; subject?: string }>> = [
  { role: "SUBJECT", subject: "91320802MA1000000F" },
  { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" },
  { role: "ORGANIZATION", org: "HA-BANK" },
  { role: "PROVIDER", org: "HA-SAMR" },
  { role: "CREDIT_CENTER", org: "HA-CREDIT" },
  { role: "CREDIT_AUTHORITY", org: "HA-NDRC" },
  { role: "AUDITOR", org: "HA-AUDIT" },
];

const TOKEN_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function SignInPage() {
  const t = useMessages(messages);
  const { route } = useLocation();
  const [demoAvailable, setDemoAvailable] = useState(false);
  const [preset, setPreset] = useState(0);
  const [role, setRole] = useState(DEMO_IDENTITIES[0]!.role);
  const [org, setOrg] = useState("");
  const [subject, setSubject] = useState(DEMO_IDENTITIES[0]!.subject ?? "");
  const [pasted, setPasted] = useState("");
  const [error, setError] = useState("");

  useEffect(() => {
    fetch("/portal/demo-sign-in").then(
      (response) => setDemoAvailable(response.ok),
      () => setDemoAvailable(false),
    );
  }, []);

  const choose = (index: number) => {
    const identity = DEMO_IDENTITIES[index]!;
    setPreset(index);
    setRole(identity.role);
    setOrg(identity.org ?? "");
    setSubject(identity.subject ?? "");
  };

  const actAs = async (event: Event) => {
    event.preventDefault();
    setError("");
    const response = await fetch("/portal/demo-sign-in", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role, ...(org ? { org } : {}), ...(subject ? { subject } : {}) }),
    });
    const body = (await response.json().catch(() => ({}))) as { token?: string; error?: string };
    if (!response.ok || !body.token)
      return setError(t("failed", { reason: body.error ?? String(response.status) }));
    signIn(body.token);
    route("/");
  };

  const useToken = (event: Event) => {
    event.preventDefault();
    if (!TOKEN_SHAPE.test(pasted.trim())) return setError(t("badToken"));
    signIn(pasted);
    route("/");
  };

  return (
    <section>
      <h1>{t("title")}</h1>
      {error && (
        <p class="notice error" role="alert">
          {error}
        </p>
      )}
      {demoAvailable && (
        <form class="card" onSubmit={actAs} aria-labelledby="demo-title">
          <h2 id="demo-title">{t("demoTitle")}</h2>
          <p>{t("demoIntro")}</p>
          <fieldset>
            <legend>{t("role")}</legend>
            {DEMO_IDENTITIES.map((identity, index) => (
              <label key={identity.role} class="choice">
                <input
                  type="radio"
                  name="demo-identity"
                  checked={preset === index}
                  onChange={() => choose(index)}
                />
                {identity.role}
              </label>
            ))}
          </fieldset>
          <label for="demo-org">{t("org")}</label>
          <input
            id="demo-org"
            value={org}
            onInput={(event) => setOrg(event.currentTarget.value)}
            maxLength={40}
            autoComplete="off"
          />
          <label for="demo-subject">{t("subject")}</label>
          <input
            id="demo-subject"
            value={subject}
            onInput={(event) => setSubject(event.currentTarget.value)}
            maxLength={40}
            autoComplete="off"
          />
          <button type="submit">{t("actAs")}</button>
        </form>
      )}
      <form class="card" onSubmit={useToken} aria-labelledby="token-title">
        <h2 id="token-title">{t("tokenTitle")}</h2>
        <p>{t("tokenIntro")}</p>
        <label for="token">{t("token")}</label>
        <textarea
          id="token"
          rows={4}
          value={pasted}
          onInput={(event) => setPasted(event.currentTarget.value)}
          autoComplete="off"
          spellcheck={false}
        />
        <button type="submit">{t("useToken")}</button>
      </form>
    </section>
  );
}
