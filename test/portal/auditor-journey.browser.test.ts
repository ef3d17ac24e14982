import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/identifiers";
import { describeInBrowser, openPortal, seriousAccessibilityViolations, type PortalSession } from "./browser";

const BLACKLISTED = `91320802MA1000000${usccCheckCharacter("91320802MA1000000")}`;
const ORG = "HR-AUDIT-DEMO";
/** The demo data's second company: on file, so its screening names it in the audit. */
const ON_FILE = `91320803MA1007919${usccCheckCharacter("91320803MA1007919")}`;

/** An auditor follows one organisation's reads: filter → table → export, the chain verified, the charts. */
describeInBrowser("auditor's console", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal();
    const hr = await portal.token({ role: "ORGANIZATION", org: ORG });
    for (let round = 0; round < 3; round++) {
      const read = await portal.service.query(
        `query HrLookup($id: String!) { subject(identifier: $id) { name } }`,
        { token: hr, purpose: "EMPLOYMENT_SCREENING", variables: { id: BLACKLISTED } },
      );
      expect(read.errors).toBeUndefined();
    }
    const refused = await portal.service.query(
      `query HrScreen($ids: [String!]!) { screen(identifiers: $ids, scenario: PUBLIC_EMPLOYMENT) { decision } }`,
      { token: hr, variables: { ids: [BLACKLISTED] } },
    );
    expect(refused.errors?.[0]?.extensions?.code).toBe("PURPOSE_REQUIRED");
    const screened = await portal.service.query(
      `query Batch($ids: [String!]!) { screen(identifiers: $ids, scenario: ADMINISTRATIVE_LICENSING) { decision } }`,
      {
        token: await portal.token({ role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" }),
        purpose: "ADMINISTRATIVE_LICENSING",
        variables: { ids: [BLACKLISTED, ON_FILE] },
      },
    );
    expect(screened.errors).toBeUndefined();
  });
  afterAll(() => portal?.stop());

  it("filters by organisation, shows and exports exactly its events, verifies the chain and charts the reads with a table alternative", async () => {
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "AUDITOR", org: "HA-AUDIT" });
    await page.goto("/audit");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("审计控制台");
    await expect.poll(() => page.locator("[data-chain]").getAttribute("data-chain")).toBe("verified");
    expect(await page.locator("[data-chain]").textContent()).toMatch(/^审计链完整：已逐条验证 \d+ 条事件。$/);

    await page.getByLabel("单位代码").fill(ORG);
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await expect.poll(() => page.getByRole("heading", { name: "事件（共 4 条）" }).count()).toBe(1);
    const rows = page.locator("[data-table=audit-events] tbody tr");
    expect(await rows.count()).toBe(4);
    for (let index = 0; index < 4; index++)
      expect(await rows.nth(index).locator("td").nth(2).textContent()).toBe(ORG);
    expect(await rows.locator("td", { hasText: "DENIED" }).count()).toBe(1);
    expect(await rows.filter({ hasText: "HrLookup" }).count()).toBe(3);

    const queriesTable = page.locator("[data-chart-table=queries-per-org]");
    await expect.poll(() => queriesTable.count()).toBe(1);
    expect(await queriesTable.locator("tbody th").allTextContents()).toEqual([ORG]);
    expect(await queriesTable.locator("tbody tr td").last().textContent()).toBe("4");
    expect(await page.locator("[data-chart-table=denials] tbody tr td").last().textContent()).toBe("1");
    expect(await page.locator("[data-chart=queries-per-org] canvas").count()).toBe(1);
    expect(
      await page
        .locator("[data-chart=queries-per-org] canvas")
        .evaluate((canvas: unknown) => (canvas as { width: number }).width),
    ).toBeGreaterThan(200);
    expect(await page.locator("[data-chart=queries-per-org]").getAttribute("aria-label")).toContain(
      `最多的单位：${ORG}`,
    );
    await portal.screenshot(page, "auditor-filtered");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "导出筛选结果（CSV）" }).click(),
    ]);
    const file = await readFile((await download.path())!, "utf8");
    const lines = file
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe(
      '"id","at","actor","role","org","purpose","operationName","outcome","errorCodes","subjects"',
    );
    expect(lines.slice(1)).toHaveLength(4);
    expect(lines.slice(1).every((line) => line.includes(`"ORGANIZATION","${ORG}"`))).toBe(true);
    expect(lines.filter((line) => line.includes('"HrLookup"') && line.includes(BLACKLISTED))).toHaveLength(3);
    await expect.poll(() => page.getByText("已导出 4 条事件。").count()).toBe(1);

    await page.getByRole("button", { name: "清除" }).click();
    await expect
      .poll(async () =>
        Number((await page.locator("[data-chart-table=screening] tbody tr td").last().textContent()) ?? 0),
      )
      .toBeGreaterThanOrEqual(2);
    await portal.screenshot(page, "auditor-charts");
    expect(portal.foreignRequests).toEqual([]);
  });
});
