import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { submitRecords } from "../records/credit-record.service";
import {
  findMyCreditReports,
  issueCreditReport,
  revokeCreditReport,
  verifyCreditReport,
} from "./credit-report.service";
import type { ReportContent } from "./credit-report.rules";

/**
 * Credit reports at their own height: the subject alone issues, lists and revokes its reports — items in force
 * at the tiers it chose, signed, the code stored only as a hash — and an organisation with a declared purpose
 * verifies a code: genuine, valid, and whether the report's items changed since. Refused calls write no report;
 * every call names the subject's report in the disclosure log. Clock: 20 November 2026.
 */
let slice: SliceTest;
const COMPANY = { identifier: uscc(9651), name: "报告测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const BANK = { role: "ORGANIZATION", org: "BANK-7", purpose: "CREDIT_LENDING" } as const;
const context = (viewer: SliceViewer) => slice.context("reports", viewer);
let publicId: string;
let governmentId: string;
let subjectId: string;
const reports = async () =>
  Number(
    (
      await slice.db
        .selectFrom("credit_reports")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const item = (documentNumber: string, tier: "PUBLIC" | "GOVERNMENT", title: string) =>
    ({
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "MARKET_ORDER_VIOLATION",
      severity: "GENERAL",
      tier,
      title,
      documentNumber,
      decidedOn: "2026-03-01",
    }) as const;
  [publicId, governmentId] = (
    await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-MKT" }), [
      item("RP-1", "PUBLIC", "虚假宣传"),
      item("RP-2", "GOVERNMENT", "未按期申报"),
    ])
  ).ids as [string, string];
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("issueCreditReport", () => {
  it("is the subject's own: others are FORBIDDEN, a subject without a file NOT_FOUND, a wrong input BAD_USER_INPUT — writing no report", async () => {
    const request = { purpose: "CREDIT_LENDING" } as const;
    for (const viewer of [{ role: "PUBLIC" }, BANK, { role: "CREDIT_CENTER", org: "HA-CREDIT" }] as const)
      expect(await refusalOf(async () => issueCreditReport(await context(viewer), request))).toBe(
        "FORBIDDEN",
      );
    expect(
      await refusalOf(async () =>
        issueCreditReport(await context({ role: "SUBJECT", subject: uscc(9659) }), request),
      ),
    ).toBe("NOT_FOUND");
    for (const wrong of [
      { validDays: 0 },
      { validDays: 91 },
      { validDays: 1.5 },
      { tiers: ["SECRET"] },
      { purpose: "GOSSIP" },
    ])
      expect(
        await refusalOf(async () =>
          issueCreditReport(await context(OWNER), { ...request, ...wrong } as never),
        ),
      ).toBe("BAD_USER_INPUT");
    expect(await reports()).toBe(0);
  });

  it("shows the public tier by default and the tiers chosen besides, signed, with a code stored only as its hash", async () => {
    const owner = await context(OWNER);
    const report = await issueCreditReport(owner, { purpose: "CREDIT_LENDING", validDays: 10 });
    expect(report).toMatchObject({ status: "VALID", tiers: ["PUBLIC"], purpose: "CREDIT_LENDING" });
    expect(report.validUntil.getTime() - report.issuedAt.getTime()).toBe(10 * 86_400_000);
    expect(report.verificationCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(report.pdfBase64).toBeTruthy();
    const content = report.content as unknown as ReportContent;
    expect(content.records.map((record) => record.id)).toEqual([publicId]);
    expect(content.subject).toEqual({
      kind: "LEGAL_PERSON",
      name: COMPANY.name,
      identifier: COMPANY.identifier,
    });
    const stored = await slice.db
      .selectFrom("credit_reports")
      .select(["code_hash", "subject_id"])
      .where("id", "=", report.id)
      .executeTakeFirstOrThrow();
    expect(stored.subject_id).toBe(subjectId);
    expect(stored.code_hash).not.toContain(report.verificationCode!.replace(/-/g, ""));
    expect(owner.disclosures.summary().map((group) => [group.entityType, group.tiers, group.counts])).toEqual(
      [
        ["CreditReport", ["PUBLIC"], [1]],
        ["CreditRecord", ["PUBLIC"], [1]],
      ],
    );

    const wider = await issueCreditReport(await context(OWNER), {
      purpose: "CREDIT_LENDING",
      tiers: ["GOVERNMENT"],
    });
    expect(wider.tiers).toEqual(["PUBLIC", "GOVERNMENT"]);
    expect((wider.content as unknown as ReportContent).records.map((record) => record.id).sort()).toEqual(
      [publicId, governmentId].sort(),
    );
  });
});

describe("verifyCreditReport, findMyCreditReports and revokeCreditReport", () => {
  let id: string;
  let code: string;
  beforeAll(async () => {
    const report = await issueCreditReport(await context(OWNER), { purpose: "CREDIT_LENDING" });
    id = report.id;
    code = report.verificationCode!;
  });

  it("verifies for an organisation with a purpose only; a malformed code is BAD_USER_INPUT, an unknown one UNKNOWN", async () => {
    expect(
      await refusalOf(async () =>
        verifyCreditReport(await context({ role: "ORGANIZATION", org: "BANK-7" }), code),
      ),
    ).toBe("PURPOSE_REQUIRED");
    expect(await refusalOf(async () => verifyCreditReport(await context({ role: "PUBLIC" }), code))).toBe(
      "FORBIDDEN",
    );
    expect(await refusalOf(async () => verifyCreditReport(await context(BANK), "not a code"))).toBe(
      "BAD_USER_INPUT",
    );
    const unknown = await context(BANK);
    expect((await verifyCreditReport(unknown, "AAAA-AAAA-AAAA")).status).toBe("UNKNOWN");
    expect(unknown.disclosures.summary()).toEqual([]);
  });

  it("answers a genuine valid report with its content, names the subject, and flags an item changed since issue", async () => {
    const bank = await context(BANK);
    const verified = await verifyCreditReport(bank, code.toLowerCase());
    expect(verified).toMatchObject({
      genuine: true,
      status: "VALID",
      changedSinceIssue: false,
      changedItemIds: [],
    });
    expect(verified.content).not.toBeNull();
    expect(bank.disclosures.summary()).toMatchObject([
      { entityType: "CreditReport", subjectIds: [subjectId], tiers: ["PUBLIC"] },
    ]);
    await slice.db
      .updateTable("credit_records")
      .set({ title: "虚假宣传（已更正）" })
      .where("id", "=", publicId)
      .execute();
    expect(await verifyCreditReport(await context(BANK), code)).toMatchObject({
      changedSinceIssue: true,
      changedItemIds: [publicId],
    });
  });

  it("lists the subject's reports to it alone, and revokes its own: the code then opens nothing", async () => {
    expect((await findMyCreditReports(await context(OWNER))).map((report) => report.id)).toContain(id);
    expect(await refusalOf(async () => findMyCreditReports(await context(BANK)))).toBe("FORBIDDEN");
    const stranger = { role: "SUBJECT", subject: uscc(9658) } as const;
    for (const other of [id, randomUUID(), "not-a-uuid"])
      expect(await refusalOf(async () => revokeCreditReport(await context(stranger), other))).toBe(
        "NOT_FOUND",
      );
    expect((await verifyCreditReport(await context(BANK), code)).status).toBe("VALID");
    expect((await revokeCreditReport(await context(OWNER), id)).status).toBe("REVOKED");
    const revoked = await verifyCreditReport(await context(BANK), code);
    expect(revoked).toMatchObject({ status: "REVOKED", content: null, changedSinceIssue: null });
  });

  it("expires when its days have run", async () => {
    const report = await issueCreditReport(await context(OWNER), { purpose: "CREDIT_LENDING", validDays: 1 });
    slice.clock.set("2026-11-21T11:00:00+08:00");
    expect((await verifyCreditReport(await context(BANK), report.verificationCode!)).status).toBe("EXPIRED");
  });
});
