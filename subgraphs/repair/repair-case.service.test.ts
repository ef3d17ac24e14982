import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { submitRecords } from "../records/credit-record.service";
import {
  applyForRepair,
  findRepairCases,
  findRepairEligibility,
  listSubjectRepairCases,
  moveRepairCase,
} from "./repair-case.service";
import { findPublicityUntil } from "./item-workflow.service";

/**
 * Credit repair at its own height (PCIM arts. 31-32, JRP arts. 18-19): the eligibility answer and whom it is
 * disclosed about, an application refused with every unmet condition and nothing written, the provider's opinion,
 * publicity and completion (the item archived, its original kept in the case). Clock: Friday 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("repair", viewer);
const COMPANY = { identifier: uscc(9401), name: "修复测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-MKT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const NOW = "2026-11-20T10:00:00+08:00";
const RECTIFIED = "2025-06-01";
const COMMITMENT = "本公司承诺已整改完毕，今后依法诚信经营。";

let oldId: string;
let recentId: string;
let subjectId: string;
const cases = async () =>
  Number(
    (
      await slice.db
        .selectFrom("repair_cases")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  const submitted = await submitRecords(await slice.context("records", PROVIDER), [
    {
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "MARKET_ORDER_VIOLATION",
      severity: "SERIOUS",
      tier: "PUBLIC",
      title: "围标串标",
      documentNumber: "REP-1",
      decidedOn: "2025-03-01",
    },
    {
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "FALSE_MATERIALS",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "提供虚假材料",
      documentNumber: "REP-2",
      decidedOn: "2026-10-01",
    },
  ]);
  [oldId, recentId] = submitted.ids as [string, string];
  // Each item was published the day it was decided (its row's created_at is the database's time, not the clock's).
  await slice.db
    .updateTable("credit_records")
    .set((eb) => ({ created_at: eb.cast(eb.ref("decided_on"), "timestamptz") }))
    .where("id", "in", submitted.ids)
    .execute();
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("findRepairEligibility", () => {
  it("answers each condition with its article and earliest date, and names the subject whose file it read", async () => {
    const owner = await context(OWNER);
    const recent = await findRepairEligibility(owner, recentId, null);
    expect(recent.eligible).toBe(false);
    expect(recent.reasons).toContainEqual(
      expect.stringMatching(/^PCIM art\. 31\(1\): publicity ≥ 3 months: .*\(from 2027-01-02\)$/),
    );
    const unstated = await findRepairEligibility(owner, oldId, null);
    expect(unstated.eligible).toBe(false);
    expect(unstated.reasons).toEqual([expect.stringMatching(/^PCIM art\. 31\(1\): corrected: /)]);
    expect((await findRepairEligibility(owner, oldId, RECTIFIED)).eligible).toBe(true);
    expect((await findRepairEligibility(owner, oldId, "2026-01-10")).reasons).toEqual([
      expect.stringMatching(/1 year without same-class dishonesty.*\(from 2027-01-11\)$/),
    ]);
    expect(owner.disclosures.summary()).toEqual([
      {
        entityType: "RepairEligibility",
        tiers: ["GOVERNMENT"],
        consentIds: [],
        subjectIds: [subjectId],
        subjectIdentifiers: [COMPANY.identifier],
        counts: [4],
      },
    ]);
  });

  it("is asked by the subject, the item's provider or the centre only: anyone else is told NOT_FOUND", async () => {
    for (const viewer of [
      { role: "PUBLIC" },
      { role: "PROVIDER", org: "HA-OTHER" },
      { role: "SUBJECT", subject: uscc(9402) },
    ] as const) {
      expect(await refusalOf(async () => findRepairEligibility(await context(viewer), oldId, null))).toBe(
        "NOT_FOUND",
      );
    }
    expect(
      await refusalOf(async () => findRepairEligibility(await context(OWNER), oldId, "2026-11-21")),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => findRepairEligibility(await context(OWNER), oldId, "2025-02-28")),
    ).toBe("BAD_USER_INPUT");
  });
});

describe("applyForRepair", () => {
  it("refuses an ineligible item with every unmet condition, a short commitment, or another's item, and writes no case", async () => {
    const before = await cases();
    const refused = await applyForRepair(await context(OWNER), {
      targetId: recentId,
      commitment: COMMITMENT,
      rectifiedOn: "2026-10-15",
    }).catch((error: Error) => error);
    expect(refused).toMatchObject({
      extensions: {
        code: "BAD_USER_INPUT",
        problems: expect.arrayContaining([
          expect.objectContaining({ reason: expect.stringContaining("(eligible from 2027-01-02)") }),
        ]),
      },
    });
    expect(
      await refusalOf(async () =>
        applyForRepair(await context(OWNER), { targetId: oldId, commitment: "太短", rectifiedOn: RECTIFIED }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        applyForRepair(await context(PROVIDER), {
          targetId: oldId,
          commitment: COMMITMENT,
          rectifiedOn: RECTIFIED,
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusalOf(async () =>
        applyForRepair(await context({ role: "SUBJECT", subject: uscc(9402) }), {
          targetId: oldId,
          commitment: COMMITMENT,
          rectifiedOn: RECTIFIED,
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(await cases()).toBe(before);
  });
});

describe("a repair case from application to completion", () => {
  let id: string;

  it("is APPLIED with the provider's opinion due in 10 working days; a second application for the item is refused", async () => {
    const applied = await applyForRepair(await context(OWNER), {
      targetId: oldId,
      commitment: COMMITMENT,
      rectifiedOn: RECTIFIED,
    });
    id = applied.id;
    expect(applied).toMatchObject({
      state: "APPLIED",
      dueOn: "2026-12-04",
      appliedOn: "2026-11-20",
      rectifiedOn: RECTIFIED,
      archivedOriginal: null,
      movesAllowed: [],
    });
    const again = await applyForRepair(await context(OWNER), {
      targetId: oldId,
      commitment: COMMITMENT,
      rectifiedOn: RECTIFIED,
    }).catch((error: Error) => error);
    expect(again).toMatchObject({
      extensions: {
        code: "BAD_USER_INPUT",
        problems: [{ field: "input.targetId", reason: "a repair case for this item is already under way" }],
      },
    });
    expect(await cases()).toBe(1);
  });

  it("needs the provider's written opinion, and is the provider's or the centre's to move", async () => {
    expect(
      await refusalOf(async () => moveRepairCase(await context(PROVIDER), id, "OPINION_SUPPORTED", " ")),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => moveRepairCase(await context(OWNER), id, "OPINION_SUPPORTED", "同意")),
    ).toBe("FORBIDDEN");
    expect(
      await refusalOf(async () =>
        moveRepairCase(await context({ role: "PROVIDER", org: "HA-OTHER" }), id, "OPINION_SUPPORTED", "同意"),
      ),
    ).toBe("NOT_FOUND");
    expect(await refusalOf(async () => moveRepairCase(await context(PROVIDER), id, "COMPLETED", null))).toBe(
      "BAD_USER_INPUT",
    );
    const supported = await moveRepairCase(
      await context(PROVIDER),
      id,
      "OPINION_SUPPORTED",
      "已整改，同意修复",
    );
    expect(supported.providerOpinion).toBe("已整改，同意修复");
  });

  it("runs 5 working days of publicity, shown on the item, and refuses completion before they have run", async () => {
    const publicity = await moveRepairCase(await context(CENTRE), id, "IN_PUBLICITY", null);
    expect(publicity.dueOn).toBe("2026-11-27");
    expect(await findPublicityUntil(await context({ role: "PUBLIC" }), oldId)).toBe("2026-11-27");
    expect(await refusalOf(async () => moveRepairCase(await context(CENTRE), id, "COMPLETED", null))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      (
        await slice.db
          .selectFrom("credit_records")
          .select("status")
          .where("id", "=", oldId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("ACTIVE");
  });

  it("completes after publicity: the item ARCHIVED, its original kept for the centre and never shown to an auditor", async () => {
    slice.clock.set("2026-11-30T10:00:00+08:00");
    const completed = await moveRepairCase(await context(CENTRE), id, "COMPLETED", null);
    expect(completed).toMatchObject({ state: "COMPLETED", completedOn: "2026-11-30" });
    expect(completed.archivedOriginal).toMatchObject({ id: oldId, title: "围标串标" });
    expect(
      (
        await slice.db
          .selectFrom("credit_records")
          .select("status")
          .where("id", "=", oldId)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("ARCHIVED");
    const audited = (await findRepairCases(await context({ role: "AUDITOR" }), "COMPLETED")).find(
      (row) => row.id === id,
    )!;
    expect(audited.state).toBe("COMPLETED");
    expect(audited.archivedOriginal).toBeNull();
    expect(audited.commitment).toBeNull();
    expect(
      (await listSubjectRepairCases(await context(OWNER), subjectId)).map((row) => [
        row.id,
        row.archivedOriginal,
      ]),
    ).toEqual([[id, null]]);
  });

  it("keeps the register from the public and from other providers", async () => {
    slice.clock.set(NOW);
    expect(await refusalOf(async () => findRepairCases(await context({ role: "PUBLIC" }), null))).toBe(
      "FORBIDDEN",
    );
    expect(await findRepairCases(await context({ role: "PROVIDER", org: "HA-OTHER" }), null)).toEqual([]);
    expect(
      await listSubjectRepairCases(
        await context({ role: "ORGANIZATION", org: "BANK-1", purpose: "CREDIT_LENDING" }),
        subjectId,
      ),
    ).toEqual([]);
  });
});
