import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf, startSlice, type Slice } from "../../test/slice-draft";
import type { Viewer } from "../../platform/viewer";
import { createCreditRecordLoaders } from "../records/credit-record.loaders";
import { submitRecords } from "../records/credit-record.service";
import { createObjectionLoaders } from "./objection.loaders";
import { applyForRepair, findRepairCases, findRepairEligibility, listSubjectRepairCases, moveRepairCase } from "./repair-case.service";
import { findPublicityUntil } from "./item-workflow.service";
import { findCalendarStatus } from "./calendar-status.service";

/**
 * Credit repair at its own height (PCIM arts. 31-32, JRP arts. 18-19): the eligibility answer and whom it is
 * disclosed about, an application refused with every unmet condition and nothing written, the provider's opinion,
 * publicity and completion (the item archived, its original kept in the case). Clock: Friday 20 November 2026.
 */
let slice: Slice;
type Who = Partial<Viewer> & Pick<Viewer, "role">;
const context = (viewer: Who, at?: Date) => slice.contextFor(viewer, createObjectionLoaders, at);
const COMPANY = { identifier: uscc(9401), name: "修复测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-MKT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const RECTIFIED = "2025-06-01";
const COMMITMENT = "本公司承诺已整改完毕，今后依法诚信经营。";

let oldId: string;
let recentId: string;
let subjectId: string;
const cases = async () => Number((await slice.db.selectFrom("repair_cases").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  slice = await startSlice("2026-11-20T10:00:00+08:00");
  const submitted = await submitRecords(slice.contextFor(PROVIDER, createCreditRecordLoaders), [
    { subject: COMPANY, category: "NEGATIVE", kind: "MARKET_ORDER_VIOLATION", severity: "SERIOUS", tier: "PUBLIC", title: "围标串标", documentNumber: "REP-1", decidedOn: "2025-03-01" },
    { subject: COMPANY, category: "NEGATIVE", kind: "FALSE_MATERIALS", severity: "GENERAL", tier: "PUBLIC", title: "提供虚假材料", documentNumber: "REP-2", decidedOn: "2026-10-01" },
  ]);
  [oldId, recentId] = submitted.ids as [string, string];
  // Each item was published the day it was decided (its row's created_at is the database's time, not the clock's).
  await slice.db.updateTable("credit_records").set((eb) => ({ created_at: eb.cast(eb.ref("decided_on"), "timestamptz") })).where("id", "in", submitted.ids).execute();
  subjectId = (await slice.db.selectFrom("subjects").select("id").where("identifier", "=", COMPANY.identifier).executeTakeFirstOrThrow()).id;
});
afterAll(async () => slice?.stop());

describe("findRepairEligibility", () => {
  it("answers each condition with its article and earliest date, and names the subject whose file it read", async () => {
    const owner = context(OWNER);
    const recent = await findRepairEligibility(owner, recentId, null);
    expect(recent.eligible).toBe(false);
    expect(recent.reasons).toContainEqual(expect.stringMatching(/^PCIM art\. 31\(1\): publicity ≥ 3 months: .*\(from 2027-01-02\)$/));
    const unstated = await findRepairEligibility(owner, oldId, null);
    expect(unstated.eligible).toBe(false);
    expect(unstated.reasons).toEqual([expect.stringMatching(/^PCIM art\. 31\(1\): corrected: /)]);
    expect((await findRepairEligibility(owner, oldId, RECTIFIED)).eligible).toBe(true);
    expect((await findRepairEligibility(owner, oldId, "2026-01-10")).reasons).toEqual([expect.stringMatching(/1 year without same-class dishonesty.*\(from 2027-01-11\)$/)]);
    expect(owner.disclosures.summary()).toEqual([
      { entityType: "RepairEligibility", tiers: ["GOVERNMENT"], consentIds: [], subjectIds: [subjectId], subjectIdentifiers: [COMPANY.identifier], counts: [4] },
    ]);
  });

  it("is asked by the subject, the item's provider or the centre only: anyone else is told NOT_FOUND", async () => {
    for (const viewer of [{ role: "PUBLIC" }, { role: "PROVIDER", org: "HA-OTHER" }, { role: "SUBJECT", subject: uscc(9402) }] as const) {
      expect(await refusalOf(() => findRepairEligibility(context(viewer), oldId, null))).toBe("NOT_FOUND");
    }
    expect(await refusalOf(() => findRepairEligibility(context(OWNER), oldId, "2026-11-21"))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(() => findRepairEligibility(context(OWNER), oldId, "2025-02-28"))).toBe("BAD_USER_INPUT");
  });
});

describe("applyForRepair", () => {
  it("refuses an ineligible item with every unmet condition, a short commitment, or another's item, and writes no case", async () => {
    const before = await cases();
    const refused = await applyForRepair(context(OWNER), { targetId: recentId, commitment: COMMITMENT, rectifiedOn: null }).catch((error: { extensions?: { problems?: Array<{ reason: string }> } }) => error);
    expect((refused as { extensions: { code: string } }).extensions.code).toBe("BAD_USER_INPUT");
    expect((refused as { extensions: { problems: Array<{ reason: string }> } }).extensions.problems.some((problem) => problem.reason.includes("2027-01-02"))).toBe(true);
    expect(await refusalOf(() => applyForRepair(context(OWNER), { targetId: oldId, commitment: "太短", rectifiedOn: RECTIFIED }))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(() => applyForRepair(context(OWNER), { targetId: oldId, commitment: COMMITMENT, rectifiedOn: null }))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(() => applyForRepair(context(PROVIDER), { targetId: oldId, commitment: COMMITMENT, rectifiedOn: null }))).toBe("FORBIDDEN");
    expect(await refusalOf(() => applyForRepair(context({ role: "SUBJECT", subject: uscc(9402) }), { targetId: oldId, commitment: COMMITMENT, rectifiedOn: null }))).toBe("NOT_FOUND");
    expect(await cases()).toBe(before);
  });
});

describe("a repair case from application to completion", () => {
  let id: string;

  it("is APPLIED with the provider's opinion due in 10 working days; a second application for the item is refused", async () => {
    const applied = await applyForRepair(context(OWNER), { targetId: oldId, commitment: COMMITMENT, rectifiedOn: RECTIFIED });
    id = applied.id;
    expect(applied).toMatchObject({ state: "APPLIED", dueOn: "2026-12-04", appliedOn: "2026-11-20", rectifiedOn: RECTIFIED, archivedOriginal: null, movesAllowed: [] });
    const again = await applyForRepair(context(OWNER), { targetId: oldId, commitment: COMMITMENT, rectifiedOn: RECTIFIED }).catch((error: Error) => error);
    expect(again).toMatchObject({ extensions: { code: "BAD_USER_INPUT", problems: [{ field: "input.targetId", reason: "a repair case for this item is already under way" }] } });
    expect(await cases()).toBe(1);
  });

  it("needs the provider's written opinion, and is the provider's or the centre's to move", async () => {
    expect(await refusalOf(() => moveRepairCase(context(PROVIDER), id, "OPINION_SUPPORTED", " "))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(() => moveRepairCase(context(OWNER), id, "OPINION_SUPPORTED", "同意"))).toBe("FORBIDDEN");
    expect(await refusalOf(() => moveRepairCase(context({ role: "PROVIDER", org: "HA-OTHER" }), id, "OPINION_SUPPORTED", "同意"))).toBe("NOT_FOUND");
    expect(await refusalOf(() => moveRepairCase(context(PROVIDER), id, "COMPLETED", null))).toBe("BAD_USER_INPUT");
    const supported = await moveRepairCase(context(PROVIDER), id, "OPINION_SUPPORTED", "已整改，同意修复");
    expect(supported.providerOpinion).toBe("已整改，同意修复");
  });

  it("runs 5 working days of publicity, shown on the item, and refuses completion before they have run", async () => {
    const publicity = await moveRepairCase(context(CENTRE), id, "IN_PUBLICITY", null);
    expect(publicity.dueOn).toBe("2026-11-27");
    expect(await findPublicityUntil(context({ role: "PUBLIC" }), oldId)).toBe("2026-11-27");
    expect(await refusalOf(() => moveRepairCase(context(CENTRE), id, "COMPLETED", null))).toBe("BAD_USER_INPUT");
    expect((await slice.db.selectFrom("credit_records").select("status").where("id", "=", oldId).executeTakeFirstOrThrow()).status).toBe("ACTIVE");
  });

  it("completes after publicity: the item ARCHIVED, its original kept for the centre and never shown to an auditor", async () => {
    const after = new Date("2026-11-30T10:00:00+08:00");
    const completed = await moveRepairCase(context(CENTRE, after), id, "COMPLETED", null);
    expect(completed).toMatchObject({ state: "COMPLETED", completedOn: "2026-11-30" });
    expect(completed.archivedOriginal).toMatchObject({ id: oldId, title: "围标串标" });
    expect((await slice.db.selectFrom("credit_records").select("status").where("id", "=", oldId).executeTakeFirstOrThrow()).status).toBe("ARCHIVED");
    const audited = (await findRepairCases(context({ role: "AUDITOR" }, after), "COMPLETED")).find((row) => row.id === id)!;
    expect(audited.state).toBe("COMPLETED");
    expect(audited.archivedOriginal).toBeNull();
    expect(audited.commitment).toBeNull();
    expect((await listSubjectRepairCases(context(OWNER, after), subjectId)).map((row) => [row.id, row.archivedOriginal])).toEqual([[id, null]]);
  });

  it("keeps the register from the public and from other providers", async () => {
    expect(await refusalOf(() => findRepairCases(context({ role: "PUBLIC" }), null))).toBe("FORBIDDEN");
    expect(await findRepairCases(context({ role: "PROVIDER", org: "HA-OTHER" }), null)).toEqual([]);
    expect(await listSubjectRepairCases(context({ role: "ORGANIZATION", org: "BANK-1", purpose: "CREDIT_LENDING" }), subjectId)).toEqual([]);
  });
});

describe("findCalendarStatus", () => {
  it("tells the centre whether this and next year's notices are loaded, and no one else", () => {
    const status = findCalendarStatus(context(CENTRE));
    expect(status).toMatchObject({ today: "2026-11-20", thisYear: { year: 2026 }, nextYear: { year: 2027 } });
    expect(() => findCalendarStatus(context(PROVIDER))).toThrow();
  });
});
