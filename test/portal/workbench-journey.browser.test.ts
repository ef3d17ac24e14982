import { afterAll, beforeAll, expect, it } from "vitest";
import { usccCheckCharacter } from "../../domain/identifiers";
import { citizenId } from "../fixtures";
import { describeInBrowser, openPortal, seriousAccessibilityViolations, type PortalSession } from "./browser";

const BLACKLISTED = `91320802MA1000000${usccCheckCharacter("91320802MA1000000")}`;
const STATEMENT = "该企业已于 2026 年 9 月整改完毕，名单信息不完整。";
const REVIEWED_PERSON = citizenId(611);

/**
 * The credit centre's clerk takes an objection a subject filed through the API. The service's clock is
 * pinned on 20 December 2026: 2027's holiday notice is not loaded, so a deadline counted into January 2027
 * is provisional and the calendar card says the notice is missing.
 */
describeInBrowser("credit centre's workbench", () => {
  let portal: PortalSession;
  let objectionId: string;
  beforeAll(async () => {
    portal = await openPortal({ now: "2026-12-20T10:00:00+08:00" });
    const subject = await portal.token({ role: "SUBJECT", subject: BLACKLISTED });
    const own = await portal.service.query<{ subject: { listEntries: Array<{ id: string }> } }>(
      `query ($id: String!) { subject(identifier: $id) { listEntries { id } } }`,
      { token: subject, variables: { id: BLACKLISTED } },
    );
    const filed = await portal.service.query<{
      fileObjection: { id: string; dueOn: string; dueOnProvisional: boolean };
    }>(`mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id dueOn dueOnProvisional } }`, {
      token: subject,
      variables: {
        input: {
          targetId: own.data!.subject.listEntries[0]!.id,
          ground: "WRONG_OR_INCOMPLETE",
          statement: STATEMENT,
        },
      },
    });
    expect(filed.errors).toBeUndefined();
    expect(filed.data!.fileObjection).toMatchObject({ dueOnProvisional: true });
    objectionId = filed.data!.fileObjection.id;
  });
  afterAll(() => portal?.stop());

  it("shows the objection with its provisional deadline, moves it to review with a note, and shows a refused move's error", async () => {
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" });
    await page.goto("/workbench");
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("信用中心工作台");
    await expect.poll(() => page.locator("[data-calendar]").getAttribute("data-calendar")).toBe("missing");
    expect(await page.locator("[data-calendar]").textContent()).toContain("2027 年国务院节假日安排尚未导入");

    const row = page.locator(`[data-table=objection] tr[data-id="${objectionId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain(STATEMENT);
    expect(await row.locator("[data-cell=state]").textContent()).toBe("已提交");
    expect(await row.locator("[data-cell=due]").textContent()).toMatch(/^2027年1月\d+日 暂定$/);
    expect(await row.getByRole("button").allTextContents()).toEqual(["受理审查"]);
    await portal.screenshot(page, "workbench-queue");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    await row.getByRole("textbox").fill("材料齐全，受理。");
    await row.getByRole("button", { name: "受理审查" }).click();
    await expect.poll(() => row.locator("[data-cell=state]").textContent()).toBe("审查中");
    expect(await page.getByRole("status").filter({ hasText: "已办理" }).textContent()).toBe(
      `已办理：${objectionId.slice(0, 8)} → 审查中`,
    );
    expect(await row.getByRole("button").allTextContents()).toEqual([
      "转提供单位核实",
      "予以更正",
      "维持原信息",
    ]);
    expect(await row.locator("details li").last().textContent()).toContain(
      "已提交 → 审查中 (CREDIT_CENTER)：材料齐全，受理。",
    );

    // Another clerk settles it meanwhile: this page's buttons are stale, and the service's refusal is shown.
    const other = await portal.service.query(
      `mutation ($id: ID!) { moveObjection(id: $id, to: UPHELD, note: "另一位办理人") { state } }`,
      {
        token: await portal.token({ role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" }),
        variables: { id: objectionId },
      },
    );
    expect(other.errors).toBeUndefined();
    await row.getByRole("button", { name: "转提供单位核实" }).click();
    await expect.poll(() => row.getByRole("alert").count()).toBe(1);
    expect(await row.getByRole("alert").textContent()).toMatch(/FORBIDDEN|BAD_USER_INPUT/);
    await expect.poll(() => row.locator("[data-cell=state]").textContent()).toBe("维持");
    expect(await row.getByRole("alert").count()).toBe(1);
    // An upheld objection's next step (the appeal) is the subject's: the centre is offered none.
    expect(await row.getByRole("button").count()).toBe(0);
    await portal.screenshot(page, "workbench-refused");
    expect(portal.foreignRequests).toEqual([]);
  });

  it("shows the credit authority the appeal of that upheld objection, with only the appeal's two decisions", async () => {
    const appealed = await portal.service.query(
      `mutation ($id: ID!) { moveObjection(id: $id, to: APPEALED, note: "申请复核") { state } }`,
      {
        token: await portal.token({ role: "SUBJECT", subject: BLACKLISTED }),
        variables: { id: objectionId },
      },
    );
    expect(appealed.errors).toBeUndefined();
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "CREDIT_AUTHORITY", org: "HA-NDRC" });
    await page.goto("/workbench");
    await expect
      .poll(() => page.getByRole("heading", { level: 1 }).textContent())
      .toBe("信用主管部门：复核申请");
    const row = page.locator(`[data-table=objection] tr[data-id="${objectionId}"]`);
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.locator("[data-cell=state]").textContent()).toBe("已申请复核");
    expect(await row.getByRole("button").allTextContents()).toEqual(["予以更正", "驳回复核"]);
    expect(await page.getByRole("heading", { name: "信用修复队列" }).count()).toBe(0);
    expect(await page.locator("[data-calendar]").count()).toBe(0);
    await portal.screenshot(page, "workbench-authority");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });

  it("reviews natural persons' items before publication: the queue with the detector's hits, publish by keyboard, return with a reason, at 1366 and 375 pixels", async () => {
    const court = await portal.token({ role: "PROVIDER", org: "HA-COURT" });
    const recognized = await portal.service.query<{ recognizeListEntry: { id: string } }>(
      `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
      {
        token: court,
        variables: {
          input: {
            subject: { identifier: REVIEWED_PERSON, name: "审核测试人", kind: "NATURAL_PERSON" },
            list: "BLACK",
            grounds: "B07_REFUSE_JUDGEMENT",
            facts: "拒不履行生效判决",
            basis: "JRP 第六条",
            documentNumber: "WB-REVIEW-1",
            recognizedOn: "2026-12-18",
          },
        },
      },
    );
    expect(recognized.errors).toBeUndefined();
    const returnedId = recognized.data!.recognizeListEntry.id;
    // Stored around the detector (a term it learned later): the queue highlights it for the reviewer.
    await portal.service.connection.db
      .updateTable("list_entries")
      .set({ basis: "JRP 第六条；当事人宗教信仰不详" })
      .where("id", "=", returnedId)
      .execute();

    const page = await portal.newPage();
    await page.setViewportSize({ width: 1366, height: 900 });
    await portal.signInAs(page, { role: "CREDIT_CENTER", org: "HA-CREDIT-CENTER" });
    await page.goto("/workbench");
    await page.getByRole("link", { name: "发布前审核：涉及自然人的公开信息" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("发布前审核");
    const cards = page.locator("[data-review]");
    await expect.poll(() => cards.count()).toBe(2);
    // The demo's entry awaiting review publishes as recognised. (Which card comes first depends on the day the demo
    // was seeded, so each is found by its id.)
    const demo = page.locator(`[data-review]:not([data-review="${returnedId}"])`);
    expect(await demo.textContent()).toContain("拒不履行生效判决，拒不支付劳动报酬");
    expect(await demo.locator("[data-field=facts] [data-hits]").textContent()).toContain(
      "未检测到禁止采集的信息",
    );
    const flagged = page.locator(`[data-review="${returnedId}"]`);
    expect(await flagged.locator("[data-field=basis] [data-category]").count()).toBe(1);
    expect(await flagged.locator("[data-field=basis] [data-hits]").textContent()).toMatch(/疑似.+（.+）/);
    await portal.screenshot(page, "workbench-publication-review");
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Keyboard only: from the text to publish, past the reason, to the first decision.
    const demoId = (await demo.getAttribute("data-review"))!;
    await demo.getByLabel(/^删改后公开的文字（第 \d 件）$/).focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("审核通过并公开");
    await page.keyboard.press("Enter");
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe(`已办理：${demoId.slice(0, 8)} → 已公开`);
    await expect.poll(() => cards.count()).toBe(1);
    const published = await portal.service.query<{ publicBlacklist: { totalCount: number } }>(
      `query ($id: ID) { publicBlacklist(filter: { id: $id }) { totalCount } }`,
      { variables: { id: demoId } },
    );
    expect(published.data!.publicBlacklist.totalCount).toBe(1);

    await page.setViewportSize({ width: 375, height: 800 });
    expect(await page.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await portal.screenshot(page, "workbench-publication-review-narrow");
    // Returning needs a reason: the service's refusal is shown on the card; with one, the item goes back.
    await flagged.getByRole("button", { name: "退回提供单位" }).click();
    await expect.poll(() => flagged.getByRole("alert").count()).toBe(1);
    expect(await flagged.getByRole("alert").textContent()).toContain("BAD_USER_INPUT");
    await flagged.getByLabel("退回理由（第 1 件）").fill("认定依据含有禁止采集的信息，请删除后重新认定");
    await flagged.getByRole("button", { name: "退回提供单位" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toBe(`已办理：${returnedId.slice(0, 8)} → 已退回`);
    await expect.poll(() => page.getByText("没有待审核的信息。").count()).toBe(1);
    const own = await portal.service.query<{
      subject: { listEntries: Array<{ publicationState: string; publicationNote: string }> };
    }>(
      `query ($id: String!) { subject(identifier: $id) { listEntries { publicationState publicationNote } } }`,
      { token: court, variables: { id: REVIEWED_PERSON } },
    );
    expect(own.data!.subject.listEntries).toEqual([
      { publicationState: "RETURNED", publicationNote: "认定依据含有禁止采集的信息，请删除后重新认定" },
    ]);
    expect(portal.foreignRequests).toEqual([]);
  });
});
