import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { auditDisclosuresOf } from "../../test/audit-disclosures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { listSubjectRecords, submitRecords } from "../records/credit-record.service";
import { findCorrectionReach } from "./correction-reach.service";
import { fileObjection, findObjections, listSubjectObjections, moveObjection } from "./objection.service";
import { findPublicityUntil, isUnderObjection } from "./item-workflow.service";

/**
 * Objections at their own height (PCIM arts. 28-30, JRP arts. 15-17): who files, who takes each step, what a
 * refused step leaves unwritten, what CORRECTED does to the item, and the correction notices it sends to those
 * the audit says read it. The clock is pinned to Friday 20 November 2026.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("repair", viewer);
const COMPANY = { identifier: uscc(9301), name: "异议测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-MKT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const BANK = { role: "ORGANIZATION", org: "BANK-7", purpose: "CREDIT_LENDING" } as const;

let wrongId: string;
let prohibitedId: string;
let subjectId: string;
const events = async (caseId: string) =>
  slice.db
    .selectFrom("workflow_events")
    .select(["from_state", "to_state", "role"])
    .where("case_id", "=", caseId)
    .orderBy("id")
    .execute();
const count = async (name: "objections" | "workflow_events") =>
  Number(
    (
      await slice.db
        .selectFrom(name)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  const records = (who: Who) => slice.context("records", who);
  const submitted = await submitRecords(await records(PROVIDER), [
    {
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "MARKET_ORDER_VIOLATION",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "围标串标",
      documentNumber: "OBJ-1",
      decidedOn: "2026-03-01",
    },
    {
      subject: COMPANY,
      category: "NEGATIVE",
      kind: "MARKET_ORDER_VIOLATION",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "恶意欠薪",
      documentNumber: "OBJ-2",
      decidedOn: "2026-04-01",
    },
  ]);
  [wrongId, prohibitedId] = submitted.ids as [string, string];
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
  // A bank read the company's file a week ago: the audit says so, and a correction is made known to it.
  slice.clock.set("2026-11-13T10:00:00+08:00");
  const bank = await slice.context("records", BANK);
  expect((await listSubjectRecords(bank, subjectId, null)).length).toBe(2);
  await auditDisclosuresOf(bank, "records");
  slice.clock.set(NOW);
});
afterAll(async () => slice?.stop());

describe("fileObjection", () => {
  it("is the subject's own, on its own items: anyone else is FORBIDDEN or told NOT_FOUND, and nothing is written", async () => {
    const input = { targetId: wrongId, ground: "WRONG_OR_INCOMPLETE" as const, statement: "并无此事" };
    const before = await count("objections");
    expect(await refusalOf(async () => fileObjection(await context(PROVIDER), input))).toBe("FORBIDDEN");
    expect(await refusalOf(async () => fileObjection(await context({ role: "PUBLIC" }), input))).toBe(
      "FORBIDDEN",
    );
    expect(
      await refusalOf(async () =>
        fileObjection(await context({ role: "SUBJECT", subject: uscc(9302) }), input),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusalOf(async () => fileObjection(await context(OWNER), { ...input, targetId: "not-a-uuid" })),
    ).toBe("NOT_FOUND");
    expect(
      await refusalOf(async () => fileObjection(await context(OWNER), { ...input, statement: "   " })),
    ).toBe("BAD_USER_INPUT");
    expect(await count("objections")).toBe(before);
  });

  it("files SUBMITTED with its first step and a deadline of 10 working days, disclosed as the subject's AUTHORIZED data", async () => {
    const owner = await context(OWNER);
    const filed = await fileObjection(owner, {
      targetId: wrongId,
      ground: "WRONG_OR_INCOMPLETE",
      statement: "并无此事",
    });
    expect(filed).toMatchObject({
      state: "SUBMITTED",
      targetType: "CREDIT_RECORD",
      dueOn: "2026-12-04",
      overdue: false,
      movesAllowed: [],
    });
    expect(filed.history.map((step) => [step.from, step.to, step.role])).toEqual([
      [null, "SUBMITTED", "SUBJECT"],
    ]);
    expect(owner.disclosures.summary()).toEqual([
      {
        entityType: "Objection",
        tiers: ["AUTHORIZED"],
        consentIds: [],
        subjectIds: [subjectId],
        subjectIdentifiers: [COMPANY.identifier],
        counts: [1],
      },
    ]);
    expect(await isUnderObjection(await context({ role: "PUBLIC" }), wrongId)).toBe(true);
    expect(await isUnderObjection(await context({ role: "PUBLIC" }), prohibitedId)).toBe(false);
    expect(await findPublicityUntil(await context({ role: "PUBLIC" }), wrongId)).toBeNull();
  });
});

describe("moveObjection", () => {
  let id: string;
  beforeAll(async () => {
    id = (await findObjections(await context(CENTRE), "SUBMITTED")).find(
      (objection) => objection.targetId === wrongId,
    )!.id;
  });

  it("refuses a step that does not exist as BAD_USER_INPUT, one not the viewer's as FORBIDDEN, a case it cannot see as NOT_FOUND — writing no step", async () => {
    const before = await count("workflow_events");
    expect(await refusalOf(async () => moveObjection(await context(CENTRE), id, "CORRECTED", null))).toBe(
      "BAD_USER_INPUT",
    );
    expect(await refusalOf(async () => moveObjection(await context(OWNER), id, "UNDER_REVIEW", null))).toBe(
      "FORBIDDEN",
    );
    expect(
      await refusalOf(async () =>
        moveObjection(await context({ role: "PROVIDER", org: "HA-OTHER" }), id, "UNDER_REVIEW", null),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusalOf(async () => moveObjection(await context(PROVIDER), id, "UNDER_REVIEW", null)),
    ).toBe("FORBIDDEN");
    expect(await count("workflow_events")).toBe(before);
    expect(
      (await slice.db.selectFrom("objections").select("state").where("id", "=", id).executeTakeFirstOrThrow())
        .state,
    ).toBe("SUBMITTED");
  });

  it("goes centre review -> provider verifying -> CORRECTED, and the provider's correction marks the item CORRECTED", async () => {
    expect((await moveObjection(await context(CENTRE), id, "UNDER_REVIEW", null)).movesAllowed).toEqual([
      "PROVIDER_VERIFYING",
      "CORRECTED",
      "UPHELD",
    ]);
    const verifying = await moveObjection(await context(CENTRE), id, "PROVIDER_VERIFYING", "请核实");
    expect(verifying.dueOn).toBe("2026-11-27");
    expect(
      (await findObjections(await context(PROVIDER), "PROVIDER_VERIFYING")).map((objection) => objection.id),
    ).toEqual([id]);
    expect(await findObjections(await context({ role: "PROVIDER", org: "HA-OTHER" }), null)).toEqual([]);
    const corrected = await moveObjection(await context(PROVIDER), id, "CORRECTED", "处罚决定已撤销");
    expect(corrected.state).toBe("CORRECTED");
    expect((await events(id)).map((event) => [event.from_state, event.to_state, event.role])).toEqual([
      [null, "SUBMITTED", "SUBJECT"],
      ["SUBMITTED", "UNDER_REVIEW", "CREDIT_CENTER"],
      ["UNDER_REVIEW", "PROVIDER_VERIFYING", "CREDIT_CENTER"],
      ["PROVIDER_VERIFYING", "CORRECTED", "PROVIDER"],
    ]);
    const record = await slice.db
      .selectFrom("credit_records")
      .select(["status", "title", "corrected_on"])
      .where("id", "=", wrongId)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ status: "CORRECTED", title: "围标串标", corrected_on: "2026-11-20" });
    expect(await isUnderObjection(await context({ role: "PUBLIC" }), wrongId)).toBe(false);
    expect(await refusalOf(async () => moveObjection(await context(CENTRE), id, "UPHELD", null))).toBe(
      "BAD_USER_INPUT",
    );
  });

  it("sends a correction notice to the organisation the audit says read the item, and the centre alone sees that reach", async () => {
    const notices = await slice.db
      .selectFrom("notices")
      .select(["recipient_org", "credit_record_id", "message"])
      .where("objection_id", "=", id)
      .execute();
    expect(notices.map((notice) => [notice.recipient_org, notice.credit_record_id])).toEqual([
      ["BANK-7", wrongId],
    ]);
    expect(notices[0]!.message).toContain("围标串标");
    expect(notices[0]!.message).toContain("处罚决定已撤销");
    const centre = await context(CENTRE);
    const reach = await findCorrectionReach(centre, id);
    expect(
      reach.recipients.map((recipient) => [
        recipient.org,
        recipient.readItem,
        recipient.screened,
        recipient.notifiedAt !== null,
      ]),
    ).toEqual([["BANK-7", true, false, true]]);
    expect(centre.disclosures.summary().map((group) => group.entityType)).toEqual(["CorrectionReach"]);
    for (const viewer of [PROVIDER, OWNER, { role: "AUDITOR" } as const])
      expect(await refusalOf(async () => findCorrectionReach(await context(viewer), id))).toBe("NOT_FOUND");
  });

  it("purges an item objected to as prohibited data: its text is gone and the notice names nothing of it", async () => {
    const filed = await fileObjection(await context(OWNER), {
      targetId: prohibitedId,
      ground: "PROHIBITED_DATA",
      statement: "含有禁止归集的信息",
    });
    await moveObjection(await context(CENTRE), filed.id, "UNDER_REVIEW", null);
    await moveObjection(await context(CENTRE), filed.id, "CORRECTED", null);
    const record = await slice.db
      .selectFrom("credit_records")
      .select(["status", "title"])
      .where("id", "=", prohibitedId)
      .executeTakeFirstOrThrow();
    expect(record.status).toBe("CORRECTED");
    expect(record.title).not.toContain("恶意欠薪");
    const [notice] = await slice.db
      .selectFrom("notices")
      .select("message")
      .where("objection_id", "=", filed.id)
      .execute();
    expect(notice!.message).not.toContain("恶意欠薪");
    expect(notice!.message).toContain("PCIM art. 14");
  });

  it("lets the subject appeal an upheld objection and the credit authority decide it", async () => {
    const [, other] = await submitRecords(await slice.context("records", PROVIDER), [
      {
        subject: COMPANY,
        category: "NEGATIVE",
        kind: "MARKET_ORDER_VIOLATION",
        severity: "GENERAL",
        tier: "PUBLIC",
        title: "其一",
        documentNumber: "OBJ-1",
        decidedOn: "2026-03-01",
      },
      {
        subject: COMPANY,
        category: "NEGATIVE",
        kind: "MARKET_ORDER_VIOLATION",
        severity: "GENERAL",
        tier: "PUBLIC",
        title: "传销",
        documentNumber: "OBJ-3",
        decidedOn: "2026-05-01",
      },
    ]).then((stored) => stored.ids);
    const filed = await fileObjection(await context(OWNER), {
      targetId: other!,
      ground: "WRONG_OR_INCOMPLETE",
      statement: "不实",
    });
    await moveObjection(await context(CENTRE), filed.id, "UNDER_REVIEW", null);
    await moveObjection(await context(CENTRE), filed.id, "UPHELD", "信息无误");
    expect(
      await refusalOf(async () =>
        moveObjection(await context({ role: "CREDIT_AUTHORITY" }), filed.id, "APPEAL_DISMISSED", null),
      ),
    ).toBe("NOT_FOUND");
    expect((await moveObjection(await context(OWNER), filed.id, "APPEALED", "不服")).state).toBe("APPEALED");
    expect(
      (await moveObjection(await context({ role: "CREDIT_AUTHORITY" }), filed.id, "APPEAL_DISMISSED", "维持"))
        .state,
    ).toBe("APPEAL_DISMISSED");
    expect(
      (
        await slice.db
          .selectFrom("credit_records")
          .select("status")
          .where("id", "=", other!)
          .executeTakeFirstOrThrow()
      ).status,
    ).toBe("ACTIVE");
  });
});

describe("listSubjectObjections", () => {
  it("shows a subject's objections to itself, its provider and the centre, and to no one else", async () => {
    const ids = async (viewer: Who) => (await listSubjectObjections(await context(viewer), subjectId)).length;
    expect(await ids(OWNER)).toBe(3);
    expect(await ids(CENTRE)).toBe(3);
    expect(await ids(PROVIDER)).toBe(3);
    expect(await ids(BANK)).toBe(0);
    expect(await ids({ role: "PUBLIC" })).toBe(0);
  });
});
