import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  describeInBrowser,
  openPortal,
  POLL,
  seriousAccessibilityViolations,
  type PortalSession,
} from "./browser";
import { startTestFederation } from "../harness";

/** The portal's frame: served by the gateway from its own origin, Chinese first, signed in per tab, offline. */
describeInBrowser("portal shell", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal();
  });
  afterAll(() => portal?.stop());

  it("shows the public portal in Chinese at / with the demo lists, from this origin alone", async () => {
    const page = await portal.newPage();
    const response = await page.goto("/");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toContain("default-src 'self'");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL)
      .toBe("公共信用信息公示");
    await expect
      .poll(() => page.getByRole("link", { name: /^黑名单（在列 \d+ 条）$/ }).count(), POLL)
      .toBe(1);
    expect(await page.evaluate("document.documentElement.lang")).toBe("zh-CN");
    const timing = await page.evaluate(() => {
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      return Math.round(paint?.startTime ?? performance.now());
    });
    console.info(`portal first contentful paint on loopback: ${timing} ms (reported, not asserted)`);
    await portal.screenshot(page, "home-zh");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(portal.foreignRequests).toEqual([]);
  });

  it("switches to English and back by keyboard", async () => {
    const page = await portal.newPage();
    await page.goto("/");
    await page.getByRole("button", { name: "Switch to English" }).focus();
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL)
      .toBe("Public credit information");
    expect(await page.evaluate("document.documentElement.lang")).toBe("en");
    await portal.screenshot(page, "home-en");
    await page.getByRole("button", { name: "切换到中文" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent(), POLL)
      .toBe("公共信用信息公示");
  });

  it("signs a tab in as a demo identity, keeps the token out of the URL and out of storage that outlives the tab", async () => {
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "SUBJECT", subject: "91320802MA1000000F" });
    await expect.poll(() => page.getByText("当前身份：SUBJECT · 91320802MA1000000F").count(), POLL).toBe(1);
    expect(page.url()).not.toMatch(/eyJ/);
    expect(
      await page.evaluate(
        'Object.keys(localStorage).filter((key) => localStorage.getItem(key)?.includes("eyJ"))',
      ),
    ).toEqual([]);
    const other = await portal.newPage();
    await other.goto("/");
    await expect.poll(() => other.getByRole("link", { name: "登录" }).count(), POLL).toBe(1);
    await page.getByRole("button", { name: "退出" }).click();
    await expect.poll(() => page.evaluate('sessionStorage.getItem("credit.token")'), POLL).toBeNull();
  });

  it("refuses demo sign-in requests that are not a role, and answers API paths as the API", async () => {
    const refused = await fetch(new URL("/portal/demo-sign-in", portal.origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "ROOT" }),
    });
    expect(refused.status).toBe(400);
    const injected = await fetch(new URL("/portal/demo-sign-in", portal.origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ role: "SUBJECT", subject: "9132\u200b0802MA1000000F" }),
    });
    expect(injected.status).toBe(400);
    const graphqlPage = await fetch(new URL("/graphql", portal.origin), { headers: { accept: "text/html" } });
    expect(graphqlPage.headers.get("content-type")).not.toContain("text/html");
    const asset = await fetch(new URL("/assets/../index.html", portal.origin), {
      headers: { accept: "text/html" },
    });
    expect(asset.headers.get("content-type")).toContain("text/html");
    expect(await asset.text()).not.toContain("{{");
  });
});

describeInBrowser("portal in production", () => {
  it("offers no demo sign-in: the endpoint is 404 and the page asks for a token", async () => {
    const service = await startTestFederation({
      portal: true,
      environment: { NODE_ENV: "production", CREDIT_JWT_SECRET: randomBytes(32).toString("base64url") },
    });
    try {
      const origin = new URL(service.gatewayUrl).origin;
      for (const method of ["GET", "POST"]) {
        const response = await fetch(new URL("/portal/demo-sign-in", origin), {
          method,
          headers: { "content-type": "application/json" },
          ...(method === "POST" ? { body: JSON.stringify({ role: "CREDIT_CENTER" }) } : {}),
        });
        expect(response.status).toBe(404);
      }
      const page = await fetch(new URL("/sign-in", origin), { headers: { accept: "text/html" } });
      expect(page.status).toBe(200);
    } finally {
      await service.stop();
    }
  });
});
