import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { startTestFederation } from "../harness";
import { publishPendingItems } from "../publication";
import { describeInBrowser, openPortal, seriousAccessibilityViolations, type PortalSession } from "./browser";

/**
 * 信用公示, clicked through as a member of the public: search a company by name and read
 * its record; the black list filtered by unit and name, page 2, an entry's JRP art. 8 disclosure; a
 * person's name finds nothing; the measure catalogue by list; the guide's deadlines.
 */
const PAGED = 12;
const PERSON = citizenId(981, "19900301");

describeInBrowser("public portal journey", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal();
    const provider = await portal.token({ role: "PROVIDER", org: "HA-SAMR" });
    const today = portal.service.clock.now();
    const recognize = async (input: Record<string, unknown>) => {
      const result = await portal.service.query(
        `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
        { token: provider, variables: { input } },
      );
      expect(result.errors).toBeUndefined();
    };
    for (let index = 0; index < PAGED; index += 1) {
      await recognize({
        subject: {
          identifier: uscc(980 + index * 1_000),
          name: `淮安市翻页测试${String(index + 1).padStart(2, "0")}号有限公司`,
          kind: "LEGAL_PERSON",
        },
        list: "BLACK",
        grounds: "B03_MARKET_FRAUD",
        facts: `销售不合格产品（第 ${index + 1} 批）`,
        basis: "淮安市守信联合激励和失信联合惩戒实施办法 第六条",
        documentNumber: `淮市监罚〔2026〕${index + 1}号`,
        recognizedOn: daysAgo(10 + index, today),
      });
    }
    await recognize({
      subject: { identifier: PERSON, name: "公示测试李某", kind: "NATURAL_PERSON" },
      list: "BLACK",
      grounds: "B07_REFUSE_JUDGEMENT",
      facts: "有履行能力而拒不履行生效判决",
      basis: "淮安市守信联合激励和失信联合惩戒实施办法 第六条",
      documentNumber: "淮中法执〔2026〕7号",
      recognizedOn: daysAgo(5, today),
    });
    // A person's entry is published once the credit centre has reviewed it.
    await publishPendingItems(portal.service);
  });
  afterAll(() => portal?.stop());

  async function expectAccessibleAndOffline(page: Page, screenshot: string) {
    await portal.screenshot(page, screenshot);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(portal.foreignRequests).toEqual([]);
  }

  const cellsOfColumn = (page: Page, column: number) =>
    page.locator(`main table tbody tr > :nth-child(${column})`).allTextContents();

  /** Records the table's caption and first name at every change of the page, until the returned function reads them. */
  async function watchTable(
    page: Page,
  ): Promise<() => Promise<Array<{ caption: string; firstRow: string }>>> {
    await page.evaluate(`{
      const seen = [];
      const record = () => {
        const caption = document.querySelector("main table caption")?.textContent ?? "";
        const firstRow = document.querySelector("main table tbody tr > :first-child")?.textContent ?? "";
        const last = seen.at(-1);
        if (last?.caption !== caption || last?.firstRow !== firstRow) seen.push({ caption, firstRow });
      };
      new MutationObserver(record).observe(document.querySelector("main"), { subtree: true, childList: true, characterData: true });
      window.tableStates = seen;
    }`);
    return async () =>
      (await page.evaluate("window.tableStates")) as Array<{ caption: string; firstRow: string }>;
  }

  it("finds a demo company by name from the home page and shows its public record", async () => {
    const page = await portal.newPage();
    await page.goto("/");
    await page.getByLabel("统一社会信用代码或企业名称").fill("恒达建材");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => new URL(page.url()).pathname + new URL(page.url()).search)
      .toBe(`/search?name=${encodeURIComponent("恒达建材")}`);
    await expect.poll(() => page.getByRole("link", { name: DEMO_BLACKLISTED_COMPANY }).count()).toBe(1);
    await expectAccessibleAndOffline(page, "public-search");

    await page.getByRole("link", { name: DEMO_BLACKLISTED_COMPANY }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe(DEMO_BLACKLISTED_COMPANY);
    expect(new URL(page.url()).pathname).toBe("/subjects/91320802MA1000000F");
    await expect.poll(() => page.getByRole("row").filter({ hasText: "黑名单" }).count()).toBe(1);
    expect(await page.getByRole("row").filter({ hasText: "黑名单" }).textContent()).toContain(
      "淮安市市场监督管理局",
    );
    expect(await page.getByRole("row").filter({ hasText: "营业执照登记信息" }).textContent()).toContain(
      "社会公开",
    );
    await expectAccessibleAndOffline(page, "public-subject");
  });

  it("shows nothing for a natural person's name, though the person is on the black list", async () => {
    const page = await portal.newPage();
    await page.goto(`/search?name=${encodeURIComponent("公示测试李某")}`);
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe("没有找到名称包含“公示测试李某”的企业或组织。");
    expect(await page.locator("main table").count()).toBe(0);
    await portal.screenshot(page, "public-search-person");
  });

  it("filters the black list by unit and name in the URL, pages to page 2 and back, and opens an entry's disclosure", async () => {
    const page = await portal.newPage();
    await page.goto("/lists/black");
    await expect
      .poll(() => page.locator("main table caption").textContent())
      .toMatch(/^失信黑名单：共 \d+ 条/);
    await page.getByLabel("名称或姓名（包含）").fill("翻页测试");
    await page.getByLabel("认定单位代码（如 HA-SAMR）").fill("HA-SAMR");
    await page.getByRole("button", { name: "查询" }).click();
    await expect
      .poll(() => new URL(page.url()).searchParams.toString())
      .toBe(new URLSearchParams({ name: "翻页测试", recognizedBy: "HA-SAMR" }).toString());
    await expect
      .poll(() => page.locator("main table caption").textContent())
      .toBe(`失信黑名单：共 ${PAGED} 条，第 1/2 页`);
    const firstPage = await cellsOfColumn(page, 1);
    expect(firstPage).toHaveLength(10);
    expect(firstPage[0]).toBe("淮安市翻页测试01号有限公司");
    await expectAccessibleAndOffline(page, "public-black-filtered");

    const shown = await watchTable(page);
    await page.getByRole("button", { name: "下一页" }).click();
    await expect
      .poll(() => page.locator("main table caption").textContent())
      .toBe(`失信黑名单：共 ${PAGED} 条，第 2/2 页`);
    expect(await cellsOfColumn(page, 1)).toEqual([
      "淮安市翻页测试11号有限公司",
      "淮安市翻页测试12号有限公司",
    ]);
    // Every state the table passed through on the way: page 2's caption only ever over page 2's rows.
    expect((await shown()).filter(({ caption }) => caption.endsWith("第 2/2 页"))).toEqual([
      expect.objectContaining({ firstRow: "淮安市翻页测试11号有限公司" }),
    ]);
    expect(await page.getByRole("button", { name: "下一页" }).isDisabled()).toBe(true);
    expect(new Set(await cellsOfColumn(page, 5))).toEqual(new Set(["淮安市市场监督管理局"]));
    await portal.screenshot(page, "public-black-page-2");
    await page.getByRole("button", { name: "上一页" }).click();
    await expect
      .poll(() => page.locator("main table caption").textContent())
      .toBe(`失信黑名单：共 ${PAGED} 条，第 1/2 页`);
    await page.getByRole("button", { name: "下一页" }).click();
    await expect
      .poll(() => page.locator("main table caption").textContent())
      .toBe(`失信黑名单：共 ${PAGED} 条，第 2/2 页`);

    await page.getByRole("link", { name: "淮安市翻页测试12号有限公司" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("失信黑名单公示信息");
    expect(new URL(page.url()).pathname).toMatch(/^\/lists\/black\/[0-9a-f-]{36}$/);
    const fields = await disclosedFields(page);
    expect(fields).toMatchObject({
      名称: "淮安市翻页测试12号有限公司",
      统一社会信用代码: uscc(980 + 11 * 1_000),
      主要失信事实: "销售不合格产品（第 12 批）",
      认定文书及文号: "淮市监罚〔2026〕12号",
      认定单位: "淮安市市场监督管理局",
    });
    expect(Object.keys(fields)).toEqual([
      "名称",
      "统一社会信用代码",
      "注册地址",
      "单位性质",
      "法定代表人",
      "主要失信事实",
      "失信类型",
      "认定依据",
      "认定文书及文号",
      "认定单位",
      "认定日期",
      "信息有效期（移出日期）",
    ]);
    expect(fields["信息有效期（移出日期）"]).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
    await expectAccessibleAndOffline(page, "public-black-entry");
  });

  it("discloses a person's black-list entry with the ID number masked, as JRP art. 8 allows", async () => {
    const page = await portal.newPage();
    await page.goto(`/lists/black?${new URLSearchParams({ name: "公示测试李某" }).toString()}`);
    await page.getByRole("link", { name: "公示测试李某" }).click();
    await expect
      .poll(() => page.getByRole("heading", { level: 2 }).first().textContent())
      .toBe("公示测试李某");
    const fields = await disclosedFields(page);
    expect(fields).toMatchObject({
      姓名: "公示测试李某",
      性别: "男",
      身份证号码: `${PERSON.slice(0, 6)}********${PERSON.slice(-4)}`,
      认定文书及文号: "淮中法执〔2026〕7号",
    });
    expect(fields.年龄段).toMatch(/^\d0-\d9$/);
    expect(await page.locator("main").textContent()).not.toContain(PERSON);
    await expectAccessibleAndOffline(page, "public-black-person");
  });

  it("discloses a person's red-list entry with what an honour needs: no ID number, sex, age or employer", async () => {
    const page = await portal.newPage();
    await page.goto("/lists/red");
    const personRow = page.getByRole("row").filter({ hasText: "自然人" }).first();
    await personRow.waitFor();
    const name = (await personRow.getByRole("link").textContent()) ?? "";
    await personRow.getByRole("link").click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("守信红名单公示信息");
    const fields = await disclosedFields(page);
    expect(Object.keys(fields)).toEqual([
      "名称 / 姓名",
      "荣誉 / 认定类型",
      "认定事由",
      "认定单位",
      "认定日期",
      "有效期至",
    ]);
    expect(fields["名称 / 姓名"]).toBe(name);
    expect(await page.locator("main").textContent()).not.toMatch(/\*{8}/);
    await expectAccessibleAndOffline(page, "public-red-person");
  });

  it("filters the measure catalogue by list", async () => {
    const page = await portal.newPage();
    await page.goto("/measures");
    await expect.poll(async () => (await cellsOfColumn(page, 3)).length).toBeGreaterThan(0);
    expect(new Set(await cellsOfColumn(page, 3))).toEqual(new Set(["红名单", "黑名单"]));
    await page.getByLabel("名单").selectOption("RED");
    await page.getByRole("button", { name: "筛选" }).click();
    await expect.poll(() => new URL(page.url()).search).toBe("?list=RED");
    await expect.poll(async () => new Set(await cellsOfColumn(page, 3))).toEqual(new Set(["红名单"]));
    expect(await page.locator("main table caption").textContent()).toMatch(/^措施 \d+ 项$/);
    await expectAccessibleAndOffline(page, "public-measures-red");
  });

  it("explains objections and repair with their deadlines in working days", async () => {
    const page = await portal.newPage();
    await page.goto("/guide");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("如何提出异议、申请信用修复");
    const objection = page.getByRole("table", { name: "异议处理期限" });
    expect(await objection.getByRole("row", { name: /审查异议/ }).textContent()).toContain(
      "收到异议后 10 个工作日内",
    );
    expect(await objection.getByRole("row", { name: /核实信息/ }).textContent()).toContain("5 个工作日内");
    expect(await objection.getByRole("row", { name: /更正并重新公示/ }).textContent()).toContain(
      "3 个工作日内",
    );
    expect(
      await page
        .getByRole("table", { name: "信用修复办理期限" })
        .getByRole("row", { name: /修复公示/ })
        .textContent(),
    ).toContain("5 个工作日");
    await expectAccessibleAndOffline(page, "public-guide");
    await portal.signInAs(page, { role: "SUBJECT", subject: "91320802MA1000000F" });
    await page.goto("/guide");
    await expect
      .poll(() => page.getByRole("link", { name: "前往“我的信用”" }).getAttribute("href"))
      .toBe("/me");
  });
});

describeInBrowser("GraphiQL (developer IDE)", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal();
  });
  afterAll(() => portal?.stop());

  /**
   * Puts a document into GraphiQL's query editor, runs it and returns the response pane's text once it shows
   * `answer` or an error (GraphiQL keeps the last response of a tab across page loads: wait for this one).
   */
  async function run(page: Page, document: string, answer: RegExp): Promise<string> {
    await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
    await page.evaluate(
      `document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(${JSON.stringify(document)})`,
    );
    await page.getByRole("button", { name: /^Execute query/ }).click();
    const response = page.locator(".result-window .CodeMirror");
    await expect
      .poll(
        async () => {
          const text = (await response.textContent()) ?? "";
          return answer.test(text) || text.includes('"errors"');
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    return (await response.textContent()) ?? "";
  }

  it("serves GraphiQL in development from this origin alone, under its CSP, and runs a query with the tab's token", async () => {
    const page = await portal.newPage();
    const policyViolations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) policyViolations.push(message.text());
    });
    const response = await page.goto("/graphiql");
    expect(response?.status()).toBe(200);
    expect(response?.headers()["content-security-policy"]).toMatch(/script-src 'self';/);
    expect(response?.headers()["content-security-policy"]).not.toMatch(/unsafe-(inline|eval)/);
    const answer = await run(page, "{ measures { code } }", /"measures": \[/);
    expect(answer).toMatch(/"code": "[A-Z0-9_-]+"/);
    expect(answer).not.toContain('"errors"');
    await portal.screenshot(page, "public-graphiql");

    // Signed in in this tab, GraphiQL sends the tab's token: a subject reads its own consents.
    await portal.signInAs(page, { role: "SUBJECT", subject: "91320802MA1000000F" });
    await page.goto("/graphiql");
    const mine = await run(page, "{ myConsents { id } }", /"myConsents": \[/);
    expect(mine).toMatch(/"myConsents": \[/);
    expect(mine).not.toContain('"errors"');
    expect(await page.evaluate("JSON.stringify(Object.entries(localStorage))")).not.toMatch(/eyJ/);
    expect(policyViolations).toEqual([]);
    expect(portal.foreignRequests).toEqual([]);
  });

  it("is 404 in a production-shaped service, page and assets alike, never the portal's page", async () => {
    const service = await startTestFederation({
      portal: true,
      environment: { NODE_ENV: "production", CREDIT_JWT_SECRET: randomBytes(32).toString("base64url") },
    });
    try {
      const origin = new URL(service.gatewayUrl).origin;
      const development = await fetch(new URL("/graphiql", portal.origin), {
        headers: { accept: "text/html" },
      });
      const script = (await development.text()).match(/\/graphiql\/assets\/graphiql-[A-Z0-9]+\.js/)?.[0];
      expect(script).toBeDefined();
      for (const pathname of ["/graphiql", "/graphiql/", script!]) {
        const answer = await fetch(new URL(pathname, origin), { headers: { accept: "text/html" } });
        expect({ pathname, status: answer.status, page: (await answer.text()).includes("<html") }).toEqual({
          pathname,
          status: 404,
          page: false,
        });
      }
    } finally {
      await service.stop();
    }
  });
});

/** The disclosure page's fields as label → text, in the order shown. */
async function disclosedFields(page: Page): Promise<Record<string, string>> {
  await page.locator("dl.public-fields dt").first().waitFor();
  const terms = await page.locator("dl.public-fields dt").allTextContents();
  const details = await page.locator("dl.public-fields dd").allTextContents();
  return Object.fromEntries(terms.map((term, index) => [term, details[index] ?? ""]));
}
