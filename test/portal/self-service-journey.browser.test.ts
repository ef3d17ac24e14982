import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addDays } from "../../domain/dates";
import { citizenIdCheckCharacter } from "../../domain/identifiers";
import { describeInBrowser, openPortal, seriousAccessibilityViolations, type PortalSession } from "./browser";

/**
 * 我的信用 and the organisations' consented check, by clicking: consent grant → a bank's check → the subject
 * sees the bank in its access log → revoke → CONSENT_REQUIRED in words; an objection and a repair application
 * with their deadlines and steps; a credit report downloaded as a PDF and verified by its code.
 *
 * The clock is pinned to 21 December 2026: ten working days from then run into 2027, whose holiday notice is
 * not in data/calendar, so the objection's deadline is provisional and the page must say so.
 */
const NOW = "2026-12-21T10:00:00+08:00";

/** The machine is shared and a report's PDF takes a while to sign: wait for what the page shows, up to 15 s. */
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000 });
const TODAY = "2026-12-21";

describeInBrowser("self-service journeys", () => {
  let portal: PortalSession;
  beforeAll(async () => {
    portal = await openPortal({ now: NOW });
  });
  afterAll(() => portal?.stop());

  /** A natural person of the demo data; with `blackListed`, one with a black-list entry in force. */
  async function demoPerson(blackListed = false): Promise<{ identifier: string; name: string }> {
    const db = portal.service.connection.db;
    if (blackListed) {
      return (
        db
          .selectFrom("list_entries")
          .innerJoin("subjects", "subjects.id", "list_entries.subject_id")
          .where("subjects.kind", "=", "NATURAL_PERSON")
          .where("list_entries.list", "=", "BLACK")
          .where("list_entries.status", "=", "ACTIVE")
          .where("list_entries.valid_until", ">", TODAY)
          // A published listing of some standing, not the demo's fresh entry awaiting the credit centre's review.
          .where("list_entries.publication", "=", "PUBLISHED")
          .select(["subjects.identifier", "subjects.name"])
          .orderBy("subjects.identifier")
          .executeTakeFirstOrThrow()
      );
    }
    return db
      .selectFrom("subjects")
      .where("kind", "=", "NATURAL_PERSON")
      .select(["identifier", "name"])
      .orderBy("identifier")
      .executeTakeFirstOrThrow();
  }

  async function expectAccessible(page: Page): Promise<void> {
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  }

  const text = (page: Page, selector: string) => page.locator(selector).innerText();

  it("consent: the subject grants HA-BANK, the bank's check shows the consent-only records, the subject sees the bank, revokes, and the next check explains CONSENT_REQUIRED", async () => {
    const person = await demoPerson();
    const subject = await portal.newPage();
    await portal.signInAs(subject, { role: "SUBJECT", subject: person.identifier });
    await subject.goto("/me");
    await eventually(() => subject.getByRole("heading", { level: 1 }).textContent()).toBe("我的信用");
    await eventually(() => subject.getByRole("table", { name: "我的信用记录" }).innerText()).toContain(
      "职业资格证书",
    );
    expect(await subject.getByRole("table", { name: "我的信用记录" }).innerText()).toContain("授权查询");
    await eventually(() => subject.getByText("尚无单位查询过您的信用信息。").count()).toBe(1);

    await subject.getByLabel("被授权单位代码").fill("HA-BANK");
    await subject.getByLabel("查询用途").selectOption("CREDIT_LENDING");
    await subject.getByLabel("授权截止日期").fill("2027-06-30");
    await subject.getByRole("button", { name: "授权", exact: true }).click();
    await eventually(() => subject.getByRole("status").filter({ hasText: "已授权 HA-BANK" }).count()).toBe(1);
    const consents = subject.getByRole("table", { name: "我的授权" });
    await eventually(() => consents.innerText()).toMatch(/HA-BANK\s+信贷审批[\s\S]*有效\s+未被使用/);
    await portal.screenshot(subject, "self-service-consent-granted");
    await expectAccessible(subject);

    const officer = await portal.newPage();
    await portal.signInAs(officer, { role: "ORGANIZATION", org: "HA-BANK" });
    await officer.goto("/check");
    await eventually(() => officer.getByRole("heading", { level: 1 }).textContent()).toBe("信用核查");
    await officer.getByLabel("查询用途").selectOption("CREDIT_LENDING");
    await officer.getByLabel("公民身份号码或统一社会信用代码").fill(person.identifier);
    await officer.getByRole("button", { name: "查询", exact: true }).click();
    await eventually(() => officer.getByText("已取得信用主体对“信贷审批”的有效授权").count()).toBe(1);
    expect(await text(officer, ".checked-name")).toBe(person.name);
    expect(await officer.getByRole("table", { name: "信用记录" }).innerText()).toMatch(
      /职业资格证书\s+基础信息\s+授权查询/,
    );
    await portal.screenshot(officer, "self-service-check-consented");
    await expectAccessible(officer);

    await subject.reload();
    const log = subject.getByRole("table", { name: "谁查询了我" });
    await eventually(() => log.innerText().catch(() => "")).toMatch(
      /HA-BANK[\s\S]*信贷审批[\s\S]*信用记录（授权查询/,
    );
    await eventually(() => consents.innerText()).toMatch(/有效\s+\d+ 次查询/);
    await portal.screenshot(subject, "self-service-access-log");

    await subject.getByRole("button", { name: "撤回对 HA-BANK 的授权（信贷审批）" }).click();
    await eventually(() => consents.innerText()).toMatch(/HA-BANK\s+信贷审批[\s\S]*已撤回/);
    expect(await subject.getByRole("button", { name: "撤回对 HA-BANK 的授权（信贷审批）" }).count()).toBe(0);

    await officer.getByRole("button", { name: "查询", exact: true }).click();
    const refusal = officer.getByRole("alert").filter({ hasText: "需要信用主体授权" });
    await eventually(() => refusal.count()).toBe(1);
    expect(await refusal.innerText()).toContain("填写单位代码 HA-BANK、选择用途“信贷审批”");
    expect(await refusal.innerText()).toContain("CONSENT_REQUIRED");
    expect(await text(officer, ".checked-name")).toBe(person.name);
    expect(await officer.getByText("职业资格证书").count()).toBe(0);
    await portal.screenshot(officer, "self-service-check-consent-required");
    await expectAccessible(officer);
    expect(portal.foreignRequests).toEqual([]);
  }, 120_000);

  it("objection and repair: the subject objects to a record and sees its provisional deadline, checks an entry's repair eligibility, applies with the rectification date and follows the case's steps", async () => {
    const person = await demoPerson(true);
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "SUBJECT", subject: person.identifier });
    await page.goto("/me");
    await eventually(() =>
      page
        .getByRole("table", { name: "红黑名单" })
        .innerText()
        .catch(() => ""),
    ).toContain("黑名单");

    await page.getByRole("button", { name: "对“职业资格证书”提出异议" }).click();
    await page.getByLabel("异议说明").fill("证书编号登记错误，应为 2019 年取得的中级证书。");
    await page.getByRole("button", { name: "提交异议" }).click();
    await eventually(() =>
      page
        .getByRole("status")
        .filter({ hasText: /异议已提交，处理期限至 2027年\d+月\d+日。（暂定：/ })
        .count(),
    ).toBe(1);
    await page.getByRole("button", { name: "OK" }).click();
    const objection = page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: "异议：职业资格证书" }) });
    await eventually(() => objection.count()).toBe(1);
    expect(await objection.locator(".case-state").innerText()).toBe("已提交");
    expect(await objection.locator(".case-due").innerText()).toMatch(/^2027年\d+月\d+日 暂定$/);
    expect(await objection.innerText()).toContain("明年的国务院节假日安排通知尚未发布");
    await eventually(() => page.getByRole("table", { name: "我的信用记录" }).innerText()).toMatch(
      /职业资格证书[^\n]*异议处理中/,
    );

    const rectifiedOn = addDays(TODAY, -190);
    await page.getByRole("button", { name: /^为“黑名单：.*”申请信用修复$/ }).click();
    await page.getByLabel("履行义务或整改完成日期").fill(rectifiedOn);
    await page.getByRole("button", { name: "查询能否修复" }).click();
    const eligibility = page.getByRole("status").filter({ hasText: "现在可以申请修复。" });
    await eventually(() => eligibility.count()).toBe(1);
    expect((await eligibility.innerText()).length).toBeGreaterThan("现在可以申请修复。".length + 10);
    await portal.screenshot(page, "self-service-repair-eligibility");
    await expectAccessible(page);
    await page
      .getByLabel("整改证明材料（写明材料名称或编号）")
      .fill("法院执行结案通知书（2026）苏0812执恢123号");
    await page.getByRole("button", { name: "提交修复申请" }).click();
    await eventually(() => page.getByRole("status").filter({ hasText: "修复申请已提交" }).count()).toBe(1);
    await page.getByRole("button", { name: "OK" }).click();
    const repair = page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: /^信用修复：黑名单：/ }) });
    await eventually(() => repair.count()).toBe(1);
    expect(await repair.locator(".case-state").innerText()).toBe("已申请");
    expect(await repair.getByRole("table", { name: "办理过程" }).innerText()).toMatch(/已申请\s+本人/);
    await portal.screenshot(page, "self-service-cases");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Switch to English" }).click();
    await eventually(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("My credit");
    const objectionInEnglish = page
      .getByRole("article")
      .filter({ has: page.getByRole("heading", { name: "Objection: 职业资格证书" }) });
    expect(await objectionInEnglish.locator(".case-due").innerText()).toMatch(/^Jan \d+, 2027 Provisional$/);
    await portal.screenshot(page, "self-service-cases-en");
    await expectAccessible(page);
    await page.getByRole("button", { name: "切换到中文" }).click();
    expect(portal.foreignRequests).toEqual([]);
  }, 120_000);

  it("credit report: the subject issues one, downloads the PDF, and an HR officer verifies its code on /verify; once revoked the code shows no content", async () => {
    const person = await demoPerson();
    const page = await portal.newPage();
    await portal.signInAs(page, { role: "SUBJECT", subject: person.identifier });
    await page.goto("/me");
    await page.getByLabel("报告用途").selectOption("EMPLOYMENT_SCREENING");
    await page.getByRole("button", { name: "生成报告" }).click();
    await eventually(() => page.locator(".verification-code").count()).toBe(1);
    const code = await text(page, ".verification-code");
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "下载 PDF 报告" }).click(),
    ]);
    expect(download.url()).toMatch(/^blob:/);
    expect(download.suggestedFilename()).toMatch(/^credit-report-\d{4}-\d{2}-\d{2}\.pdf$/);
    const bytes = await readFile((await download.path())!);
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("%PDF");
    await eventually(() => page.getByRole("table", { name: "我的报告" }).innerText()).toMatch(
      /招聘录用\s+社会公开[\s\S]*有效/,
    );
    await portal.screenshot(page, "self-service-report");
    await expectAccessible(page);

    const officer = await portal.newPage();
    await portal.signInAs(officer, { role: "ORGANIZATION", org: "HA-HR" });
    await officer.goto("/verify");
    await officer.getByLabel("查询用途").selectOption("EMPLOYMENT_SCREENING");
    await officer.getByLabel("核验码（如 ABCD-EFGH-JKMN）").fill(code.toLowerCase());
    await officer.getByRole("button", { name: "核验", exact: true }).click();
    await eventually(() =>
      officer
        .locator(".verify-verdict")
        .innerText()
        .catch(() => ""),
    ).toBe("真实：该报告由本平台签发，内容未被篡改。");
    expect(await text(officer, ".verify-status")).toBe("状态：有效");
    expect(await text(officer, ".report-subject")).toContain(person.name);
    expect(await text(officer, ".verify-changed")).toBe("报告签发后信用档案没有变化。");
    await portal.screenshot(officer, "self-service-verify");
    await expectAccessible(officer);

    await page.getByRole("button", { name: /^撤销核验码（.*生成的报告）$/ }).click();
    await eventually(() => page.getByRole("table", { name: "我的报告" }).innerText()).toContain("已撤销");
    await officer.getByRole("button", { name: "核验", exact: true }).click();
    await eventually(() =>
      officer
        .locator(".verify-status")
        .innerText()
        .catch(() => ""),
    ).toContain("已撤销");
    expect(await officer.locator(".verify-status").evaluate((node) => node.parentElement?.className)).toBe(
      "notice error",
    );
    expect(await officer.locator(".report-subject").count()).toBe(0);
    expect(portal.foreignRequests).toEqual([]);
  }, 120_000);

  it("check: no purpose, a mistyped number and an unknown person each get words, never a blank page; a subject's page asks others to sign in as the subject", async () => {
    const officer = await portal.newPage();
    await portal.signInAs(officer, { role: "ORGANIZATION", org: "HA-HR" });
    await officer.goto("/check");
    const person = await demoPerson();
    await officer.getByLabel("公民身份号码或统一社会信用代码").fill(person.identifier);
    await officer.getByRole("button", { name: "查询", exact: true }).click();
    await eventually(() => officer.getByRole("alert").filter({ hasText: "请先选择查询用途。" }).count()).toBe(
      1,
    );

    await officer.getByLabel("查询用途").selectOption("EMPLOYMENT_SCREENING");
    const mistyped = person.identifier.slice(0, 17) + (person.identifier.endsWith("0") ? "1" : "0");
    await officer.getByLabel("公民身份号码或统一社会信用代码").fill(mistyped);
    await officer.getByRole("button", { name: "查询", exact: true }).click();
    await eventually(() => officer.getByRole("alert").filter({ hasText: "校验位不符" }).count()).toBe(1);

    const unknownFirst17 = "11010119800101999";
    await officer
      .getByLabel("公民身份号码或统一社会信用代码")
      .fill(unknownFirst17 + citizenIdCheckCharacter(unknownFirst17));
    await officer.getByRole("button", { name: "查询", exact: true }).click();
    await eventually(() =>
      officer.getByRole("status").filter({ hasText: "未找到该信用主体的信用档案" }).count(),
    ).toBe(1);
    await expectAccessible(officer);

    await officer.getByRole("button", { name: "Switch to English" }).click();
    await eventually(() => officer.getByRole("heading", { level: 1 }).textContent()).toBe("Credit check");
    await officer.getByRole("button", { name: "切换到中文" }).click();

    await officer.goto("/me");
    await eventually(() => officer.getByText("“我的信用”供信用主体本人使用").count()).toBe(1);
    const subject = await portal.newPage();
    await portal.signInAs(subject, { role: "SUBJECT", subject: person.identifier });
    await subject.goto("/check");
    await eventually(() => subject.getByText("信用核查供政府部门和机构使用").count()).toBe(1);
    expect(portal.foreignRequests).toEqual([]);
  }, 120_000);
});
