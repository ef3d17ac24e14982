import { existsSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { describe, expect } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";
import type { TokenClaims } from "../../platform/tokens";
import { startTestFederation, type TestFederation } from "../harness";

/**
 * The portal's tests drive Debian's Chromium (never a downloaded browser) through playwright-core. Without a
 * Chromium they are skipped, with the reason — unless `CREDIT_REQUIRE_BROWSER=1` (CI), where a missing
 * browser is a failure.
 */
export const CHROMIUM = process.env.CREDIT_CHROMIUM ?? "/usr/bin/chromium";
const browserFound = existsSync(CHROMIUM);
const browserRequired = process.env.CREDIT_REQUIRE_BROWSER === "1";

/** `describe` for browser journeys: skipped without a Chromium, failing without one when CI requires it. */
export function describeInBrowser(name: string, body: () => void): void {
  // A journey is many steps through a real browser: two minutes each, for a loaded machine.
  if (browserFound || browserRequired) describe(name, { timeout: 120_000 }, body);
  else
    describe.skip(
      `${name} (no Chromium at ${CHROMIUM}: apt-get install chromium, or set CREDIT_CHROMIUM)`,
      body,
    );
}

/** How long a journey waits for the page to show something: generous, for a loaded 2-core machine. */
export const POLL = { timeout: 15_000 } as const;

/** Where screenshots go: one per journey step worth seeing, for a person to look at after a run. */
export const SCREENSHOT_FOLDER = path.join(PACKAGE_ROOT, "test-output", "portal");

// Chromium's own background traffic (updates, sync, safe browsing) is off: the portal must work offline,
// and the test counts every request the page makes.
const CHROMIUM_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

/**
 * Chromium runs without libfaketime: `npm run test:on-date` fakes the date with it (LD_PRELOAD), under which
 * Chromium hangs at start. Each page's clock is set to the test process's instead (`newPage`).
 */
function browserEnvironment(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && entry[0] !== "LD_PRELOAD" && !entry[0].startsWith("FAKETIME"),
    ),
  );
}

export type PortalSession = Readonly<{
  service: TestFederation;
  /** The portal's origin, e.g. http://127.0.0.1:40123 */
  origin: string;
  browser: Browser;
  /** A new tab in a fresh browser context (its own sessionStorage: signed out). */
  newPage(): Promise<Page>;
  /** Signs the tab in as a demo identity through the sign-in page, as a person would. */
  signInAs(page: Page, identity: Readonly<{ role: string; org?: string; subject?: string }>): Promise<void>;
  /** A bearer token for the same service, for arranging data through the API. */
  token(claims: TokenClaims): Promise<string>;
  /** Requests any page made to another origin (must stay empty: everything is bundled). */
  foreignRequests: string[];
  /** Saves a screenshot as test-output/portal/NAME.png. */
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}>;

/** The service with its portal and demo data (in development, unless `environment` says otherwise), and a headless Chromium to drive it. */
export async function openPortal(
  options: Parameters<typeof startTestFederation>[0] = {},
): Promise<PortalSession> {
  // Demo sign-in is development's alone: the journeys sign in through it, so they ask for development by name.
  const service = await startTestFederation({
    seed: "demo",
    ...options,
    environment: { NODE_ENV: "development", ...options.environment },
    portal: true,
  });
  const origin = new URL(service.gatewayUrl).origin;
  let browser: Browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: CHROMIUM_FLAGS,
      env: browserEnvironment(),
    });
  } catch (error) {
    await service.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];
  const foreignRequests: string[] = [];
  await mkdir(SCREENSHOT_FOLDER, { recursive: true });
  return {
    service,
    origin,
    browser,
    foreignRequests,
    async newPage() {
      const context = await browser.newContext({
        baseURL: origin,
        locale: "zh-CN",
        timezoneId: "Asia/Shanghai",
      });
      contexts.push(context);
      // The page's clock starts at this machine's as the service process sees it (faked by test:on-date, which
      // Chromium escapes) and runs on: a browser and its server agree on the date — "the last 7 days" means the
      // same days to both, and a token minted now has not expired for the page.
      await context.clock.install({ time: Date.now() });
      context.on("request", (request) => {
        const url = new URL(request.url());
        if (url.origin !== origin && url.protocol !== "data:") foreignRequests.push(request.url());
      });
      return context.newPage();
    },
    async signInAs(page, identity) {
      await page.goto("/sign-in");
      await page.getByRole("radio", { name: identity.role, exact: true }).check();
      await page.getByLabel("单位代码").fill(identity.org ?? "");
      await page.getByLabel("本人证件号码或统一社会信用代码").fill(identity.subject ?? "");
      await page.getByRole("button", { name: "以此身份登录" }).click();
      await expect
        .poll(() => page.evaluate('sessionStorage.getItem("credit.token") !== null'), POLL)
        .toBe(true);
    },
    token: (claims) => service.token(claims),
    async screenshot(page, name) {
      await page.screenshot({ path: path.join(SCREENSHOT_FOLDER, `${name}.png`), fullPage: true });
    },
    async stop() {
      await Promise.allSettled(contexts.map((context) => context.close()));
      await browser.close();
      await service.stop();
    },
  };
}

const axeSource = readFile(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

export type AxeViolation = Readonly<{
  id: string;
  impact: string | null;
  help: string;
  nodes: ReadonlyArray<{ target: string[] }>;
}>;

/**
 * axe-core's WCAG 2.1 A/AA scan of the page as it stands, run through the DevTools protocol (the page's
 * Content-Security-Policy admits no injected script tag); the serious and critical violations.
 */
export async function seriousAccessibilityViolations(page: Page): Promise<AxeViolation[]> {
  const source = await axeSource;
  const violations = (await page.evaluate(
    `${source}\n;axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } }).then((result) => result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, help: violation.help, nodes: violation.nodes.map((node) => ({ target: node.target })) })))`,
  )) as AxeViolation[];
  return violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}
