import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { auditDisclosuresOf } from "../../test/audit-disclosures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { listSubjectRecords, submitRecords } from "../records/credit-record.service";
import {
  checkAuditChain,
  findAuditAlerts,
  findAuditEvents,
  findMyAccessLog,
  listSubjectAccessLog,
} from "./audit-event.service";

/**
 * The audit slice at its own height, over a chain written as the gateway writes it: the whole log for auditors
 * only, a subject's own access log (which organisation, never which officer, and not its own reads), the chain's
 * verification and the abuse alerts. Clock: Friday 20 November 2026; one read at 22:00 China time, after hours.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
const context = (viewer: SliceViewer) => slice.context("audit", viewer);
const COMPANY = { identifier: uscc(9801), name: "审计测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier, sub: "owner-1" } as const;
const AUDITOR = { role: "AUDITOR", sub: "auditor-1" } as const;
let subjectId: string;

async function readFileAs(viewer: SliceViewer, at: string) {
  slice.clock.set(at);
  const reader = await slice.context("records", viewer);
  await listSubjectRecords(reader, subjectId, null);
  await auditDisclosuresOf(reader, "records", "CompanyFile");
  slice.clock.set(NOW);
}

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-TAX" }), [
    {
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "TAX_ARREARS",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "欠缴增值税",
      documentNumber: "AUD-1",
      decidedOn: "2026-10-01",
    },
  ]);
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
  await readFileAs(
    { role: "ORGANIZATION", org: "BANK-2", sub: "clerk-7", purpose: "CREDIT_LENDING" },
    "2026-11-18T10:00:00+08:00",
  );
  await readFileAs(
    { role: "ORGANIZATION", org: "BANK-2", sub: "clerk-7", purpose: "CREDIT_LENDING" },
    "2026-11-18T22:00:00+08:00",
  );
  await readFileAs(OWNER, "2026-11-19T10:00:00+08:00");
});
afterAll(async () => slice?.stop());

describe("findAuditEvents", () => {
  it("gives auditors the whole log, oldest first, filtered and paged", async () => {
    const auditor = await context(AUDITOR);
    const all = await findAuditEvents(auditor, null, 2, null);
    expect(all.totalCount).toBe(3);
    expect(all.edges.map((edge) => [edge.node.org, edge.node.actor])).toEqual([
      ["BANK-2", "clerk-7"],
      ["BANK-2", "clerk-7"],
    ]);
    expect(all.pageInfo.hasNextPage).toBe(true);
    const rest = await findAuditEvents(auditor, null, 2, all.pageInfo.endCursor);
    expect(rest.edges.map((edge) => edge.node.role)).toEqual(["SUBJECT"]);
    expect((await findAuditEvents(auditor, { role: "SUBJECT" }, 10, null)).totalCount).toBe(1);
    expect(await refusalOf(() => findAuditEvents(auditor, null, 501, null))).toBe("BAD_USER_INPUT");
  });

  it("refuses everyone else, the credit centre and the subject included", async () => {
    for (const viewer of [{ role: "CREDIT_CENTER" }, OWNER, { role: "PUBLIC" }] as const) {
      expect(await refusalOf(async () => findAuditEvents(await context(viewer), null, 10, null))).toBe(
        "FORBIDDEN",
      );
      expect(await refusalOf(async () => checkAuditChain(await context(viewer)))).toBe("FORBIDDEN");
      expect(await refusalOf(async () => findAuditAlerts(await context(viewer), null, null))).toBe(
        "FORBIDDEN",
      );
    }
  });
});

describe("findMyAccessLog", () => {
  it("shows the subject which organisation read its data and why, never the officer or address, and not its own reads", async () => {
    const log = await findMyAccessLog(await context(OWNER), 10, null);
    expect(
      log.edges.map((edge) => [edge.node.org, edge.node.purpose, edge.node.actor, edge.node.clientAddress]),
    ).toEqual([
      ["BANK-2", "CREDIT_LENDING", null, null],
      ["BANK-2", "CREDIT_LENDING", null, null],
    ]);
    expect(
      (await findMyAccessLog(await context({ role: "SUBJECT", subject: uscc(9802) }), 10, null)).totalCount,
    ).toBe(0);
    expect(
      await refusalOf(async () =>
        findMyAccessLog(await context({ role: "ORGANIZATION", org: "BANK-2" }), 10, null),
      ),
    ).toBe("FORBIDDEN");
  });
});

describe("listSubjectAccessLog", () => {
  it("lists every disclosure of the subject, newest first, for auditors and the subject, nothing for others", async () => {
    const newestFirst = [
      [null, "CreditRecord", ["PUBLIC"]],
      ["BANK-2", "CreditRecord", ["PUBLIC"]],
      ["BANK-2", "CreditRecord", ["PUBLIC"]],
    ];
    expect(
      (await listSubjectAccessLog(await context(AUDITOR), subjectId)).map((row) => [
        row.org,
        row.entityType,
        row.tiers,
      ]),
    ).toEqual(newestFirst);
    expect(
      (await listSubjectAccessLog(await context(OWNER), subjectId)).map((row) => [
        row.org,
        row.entityType,
        row.tiers,
      ]),
    ).toEqual(newestFirst);
    expect(
      await listSubjectAccessLog(await context({ role: "ORGANIZATION", org: "BANK-2" }), subjectId),
    ).toEqual([]);
    expect(await listSubjectAccessLog(await context({ role: "PUBLIC" }), subjectId)).toEqual([]);
  });
});

describe("checkAuditChain and findAuditAlerts", () => {
  it("verifies the chain as written", async () => {
    expect(await checkAuditChain(await context(AUDITOR))).toMatchObject({
      verified: true,
      length: 3,
      brokenAt: null,
    });
  });

  it("raises an off-hours read by an organisation, and from November reminds while next year's holidays are not loaded", async () => {
    const alerts = await findAuditAlerts(await context(AUDITOR), null, null);
    expect(
      alerts.filter((alert) => alert.rule !== "CALENDAR_PROVISIONAL").map((alert) => [alert.rule, alert.org]),
    ).toEqual([["OFF_HOURS", "BANK-2"]]);
    expect(alerts.some((alert) => alert.rule === "CALENDAR_PROVISIONAL")).toBe(
      !slice.calendar.yearOf(2027).official,
    );
    expect(alerts[0]!.at.toISOString().slice(0, 16)).toBe("2026-11-18T14:00");
  });
});
