import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/identifiers";
import { uscc } from "../fixtures";

const LONG_LIST = Array.from({ length: 1005 }, (_, index) => uscc(500_000 + index));
import { describeInBrowser, openPortal, seriousAccessibilityViolations, type PortalSession } from "./browser";

/** The demo data's first company, on the black list for selling substandard building materials. */
const BLACKLISTED = `91320802MA1000000${usccCheckCharacter("91320802MA1000000")}`;
const CLEAN = uscc(4242);
const BAD_CHECK_DIGIT = `91320802MA1000000${BLACKLISTED.endsWith("0") ? "1" : "0"}`;
const ZERO_WIDTH = `9132\u200b0802MA1000000${BLACKLISTED.at(-1)}`;
const FORMULA = '=HYPERLINK("http://x")';

/** A clerk's batch: an uploaded CSV with good, blacklisted and unreadable lines. */
describeInBrowser("clerk's batch screening", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal();
  });
  afterAll(() => portal?.stop());

  it("screens the readable lines, lists every unreadable one by line and never as PASS, and downloads both as a spreadsheet-safe CSV", async () => {
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" });
    await page.goto("/screen");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("批量筛查");
    await page.getByLabel("应用场景").selectOption("ADMINISTRATIVE_LICENSING");
    await page.getByLabel("查询用途").selectOption("ADMINISTRATIVE_LICENSING");
    const csv = [
      "统一社会信用代码,名称",
      `${CLEAN},某公司`,
      `${BLACKLISTED},恒达建材`,
      BAD_CHECK_DIGIT,
      "",
      ZERO_WIDTH,
      FORMULA,
      BLACKLISTED.toLowerCase(),
    ].join("\r\n");
    await page.getByLabel("上传 CSV 或文本文件").setInputFiles({
      name: "batch.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFF${csv}\r\n`, "utf8"),
    });
    await expect.poll(() => page.getByLabel("或粘贴标识（每行一个）").inputValue()).toContain(BLACKLISTED);
    await page.getByRole("button", { name: "检查并筛查" }).click();

    await expect.poll(() => page.getByText("共 7 行：可筛查 2 行，无法识别 5 行。").count()).toBe(1);
    await expect.poll(() => page.getByText("第 1 行是表头（统一社会信用代码）").count()).toBe(1);
    const results = page.locator("table").nth(0);
    const blockRow = results.getByRole("row").filter({ hasText: BLACKLISTED });
    await expect.poll(() => blockRow.locator("td").nth(1).textContent()).toBe("禁止（BLOCK）");
    expect(await blockRow.locator("td").nth(3).textContent()).toMatch(/\S/);
    const cleanRow = results.getByRole("row").filter({ hasText: CLEAN });
    expect(await cleanRow.locator("td").nth(1).textContent()).toBe("通过（PASS）");
    expect(await results.getByRole("row").count()).toBe(3);

    const errors = page.locator("table").nth(1);
    const problemOf = async (line: number) =>
      errors
        .getByRole("row")
        .filter({ has: page.getByRole("rowheader", { name: String(line), exact: true }) })
        .locator("td")
        .nth(1)
        .textContent();
    expect(await problemOf(4)).toContain("校验位不符或格式错误");
    expect(await problemOf(5)).toBe("空行");
    expect(await problemOf(6)).toBe("含不可见字符 U+200B");
    expect(await problemOf(7)).toMatch(/^过长/);
    expect(await problemOf(8)).toBe("重复，与第 3 行相同");
    expect(await errors.getByText("PASS").count()).toBe(0);
    expect(await page.getByText("通过 1，未筛查 5").count()).toBe(1);
    await portal.screenshot(page, "screening-results");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "下载结果（CSV）" }).click(),
    ]);
    const file = await readFile((await download.path())!, "utf8");
    expect(file.startsWith("\uFEFF")).toBe(true);
    const rows = file.slice(1).trimEnd().split("\r\n");
    expect(rows).toHaveLength(8);
    expect(rows[0]).toBe('"行号","标识","结论","依据","措施","错误"');
    expect(rows[1]).toBe(`"2","${CLEAN}","PASS","${rows[1]!.split('","')[3]}","",""`);
    expect(rows[2]).toMatch(new RegExp(`^"3","${BLACKLISTED}","BLOCK","[^"]+","[^"]+",""$`));
    expect(rows[3]).toMatch(/^"4","[^"]+","NOT_SCREENED","","","校验位不符/);
    expect(rows[5]).toContain('"NOT_SCREENED"');
    expect(rows[5]).toContain("<U+200B>");
    expect(rows[6]).toBe(`"7","'=HYPERLINK(""http://x"")","NOT_SCREENED","","","过长：22 位，应为 18 位"`);
    expect(rows.filter((row) => row.includes('"PASS"'))).toHaveLength(1);
    expect(portal.foreignRequests).toEqual([]);
  });

  it("screens a list longer than one request allows in chunks of 1,000, and a refused chunk leaves its lines not screened, never PASS", async () => {
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" });
    await page.goto("/screen");
    await page.getByLabel("或粘贴标识（每行一个）").fill(LONG_LIST.join("\n"));
    await page.getByRole("button", { name: "检查并筛查" }).click();
    await expect.poll(() => page.getByText("已筛查 1005 / 1005").count(), { timeout: 30_000 }).toBe(1);
    await expect.poll(() => page.getByText("共 1005 行：可筛查 1005 行，无法识别 0 行。").count()).toBe(1);
    expect(await page.getByText("通过 1005，未筛查 0").count()).toBe(1);

    // The service is down for the next request (HTTP 503, as the gateway answers when a subgraph is).
    await page.route("**/graphql", (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/json",
        body: JSON.stringify({
          errors: [
            {
              message: "the measures service is unavailable",
              extensions: { code: "SERVICE_UNAVAILABLE", retryAfterSeconds: 5 },
            },
          ],
        }),
      }),
    );
    await page.getByLabel("或粘贴标识（每行一个）").fill([uscc(600_001), BLACKLISTED].join("\n"));
    await page.getByRole("button", { name: "检查并筛查" }).click();
    await expect.poll(() => page.getByRole("alert").count()).toBe(1);
    expect(await page.getByRole("alert").textContent()).toContain("SERVICE_UNAVAILABLE");
    expect(await page.locator("table").first().locator("tbody tr[data-decision=PASS]").count()).toBe(0);
    expect(await page.locator("table").first().locator("tbody tr[data-decision=NOT_SCREENED]").count()).toBe(
      2,
    );
    expect(await page.getByText("通过 0，未筛查 2").count()).toBe(1);
  });
});
