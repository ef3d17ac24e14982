import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { auditDisclosuresOf } from "../../test/audit-disclosures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { resolveCreditRecordById, submitRecords } from "../records/credit-record.service";
import { findCorrectionReach } from "./correction-reach.service";
import { fileObjection, moveObjection } from "./objection.service";

/**
 * `correctionReach` at its own height: for the credit centre alone, the organisations a corrected item reached
 * between its publication and the CORRECTED step (what the audit says, recomputed) beside when each was
 * notified; nothing for an objection not corrected, one it cannot see, or an id that is none; disclosed as the
 * subject's authorized-tier data. Clock: Friday 20 November 2026, the day of the correction.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
const COMPANY = { identifier: uscc(9641), name: "更正范围测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-MKT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const context = (viewer: SliceViewer) => slice.context("repair", viewer);
let correctedId: string;
let openId: string;
let itemId: string;
let subjectId: string;

/** `org` reads the item at `at`, and the audit records it. */
const readAt = async (org: string, id: string, at: string) => {
  slice.clock.set(at);
  const reader = await slice.context("records", { role: "ORGANIZATION", org, purpose: "CREDIT_LENDING" });
  expect(await resolveCreditRecordById(reader, id)).not.toBeNull();
  await auditDisclosuresOf(reader, "records");
  slice.clock.set(NOW);
};

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  const item = (documentNumber: string, title: string) =>
    ({
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "MARKET_ORDER_VIOLATION",
      severity: "GENERAL",
      tier: "PUBLIC",
      title,
      documentNumber,
      decidedOn: "2026-03-01",
    }) as const;
  const [corrected, open] = (
    await submitRecords(await slice.context("records", PROVIDER), [
      item("CR-1", "虚假宣传"),
      item("CR-2", "商标侵权"),
    ])
  ).ids as [string, string];
  itemId = corrected;
  await readAt("BANK-7", corrected, "2026-11-13T10:00:00+08:00");
  await readAt("BANK-8", open, "2026-11-16T10:00:00+08:00");
  // Audited as of a day after the correction: a read the reach must not count.
  await readAt("BANK-9", corrected, "2026-11-24T10:00:00+08:00");
  const statement = { ground: "WRONG_OR_INCOMPLETE", statement: "并无此事" } as const;
  correctedId = (await fileObjection(await context(OWNER), { ...statement, targetId: corrected })).id;
  openId = (await fileObjection(await context(OWNER), { ...statement, targetId: open })).id;
  await moveObjection(await context(CENTRE), correctedId, "UNDER_REVIEW", null);
  await moveObjection(await context(CENTRE), correctedId, "CORRECTED", "处罚决定已撤销");
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("findCorrectionReach", () => {
  it("names, for the centre, each organisation that read the item before the correction and when it was notified", async () => {
    const centre = await context(CENTRE);
    const reach = await findCorrectionReach(centre, correctedId);
    expect(reach).toMatchObject({
      objectionId: correctedId,
      correctedItemId: itemId,
      affectedScreenings: [],
    });
    // The clock runs on from the pinned instant: the step is at most moments after it.
    expect(reach.correctedAt.getTime() - new Date(NOW).getTime()).toBeGreaterThanOrEqual(0);
    expect(reach.correctedAt.getTime() - new Date(NOW).getTime()).toBeLessThan(60_000);
    expect(
      reach.recipients.map((recipient) => [
        recipient.org,
        recipient.role,
        recipient.readItem,
        recipient.screened,
      ]),
    ).toEqual([["BANK-7", "ORGANIZATION", true, false]]);
    const [notice] = await slice.db
      .selectFrom("notices")
      .select("created_at")
      .where("objection_id", "=", correctedId)
      .execute();
    expect(reach.recipients[0]!.notifiedAt).toEqual(notice!.created_at);
    expect(centre.disclosures.summary()).toEqual([
      {
        entityType: "CorrectionReach",
        tiers: ["AUTHORIZED"],
        consentIds: [],
        subjectIds: [subjectId],
        subjectIdentifiers: [COMPANY.identifier],
        counts: [1],
      },
    ]);
  });

  it("ends at the CORRECTED step: a read the audit dates after it is not reach", async () => {
    const orgs = (await findCorrectionReach(await context(CENTRE), correctedId)).recipients.map((r) => r.org);
    expect(orgs).not.toContain("BANK-9");
    expect(
      await slice.db.selectFrom("audit_events").select("org").where("org", "=", "BANK-9").execute(),
    ).toHaveLength(1);
  });

  it("is NOT_FOUND to anyone but the centre, for an objection not corrected, and for an id that is none — disclosing nothing", async () => {
    for (const viewer of [
      OWNER,
      PROVIDER,
      { role: "AUDITOR" },
      { role: "CREDIT_AUTHORITY" },
      { role: "PUBLIC" },
    ] as const) {
      const other = await context(viewer);
      expect(await refusalOf(async () => findCorrectionReach(other, correctedId))).toBe("NOT_FOUND");
      expect(other.disclosures.summary()).toEqual([]);
    }
    const centre = await context(CENTRE);
    for (const id of [openId, randomUUID(), "not-a-uuid"])
      expect(await refusalOf(async () => findCorrectionReach(centre, id))).toBe("NOT_FOUND");
    expect(centre.disclosures.summary()).toEqual([]);
  });
});
