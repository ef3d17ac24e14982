import "reflect-metadata";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { submitRecords } from "../records/credit-record.service";
import { fileObjection, moveObjection } from "./objection.service";
import { findPublicityUntil, isUnderObjection } from "./item-workflow.service";

/**
 * The workflow state an item shows, at its own height: whether an objection to it is open (submitted, in
 * review, with the provider, appealed — not one decided), and until when its repair is in publicity. The answer
 * is a flag or a date for any viewer, batched per request and disclosing nothing: the item's own subgraph
 * already decided who sees the item. Clock: 20 November 2026.
 */
let slice: SliceTest;
const context = (viewer: SliceViewer = { role: "PUBLIC" }) => slice.context("repair", viewer);
const COMPANY = { identifier: uscc(9621), name: "状态测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
let objected: string;
let upheld: string;
let inPublicity: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
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
  [objected, upheld, inPublicity] = (
    await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-MKT" }), [
      item("IW-1", "虚假宣传"),
      item("IW-2", "商标侵权"),
      item("IW-3", "无证经营"),
    ])
  ).ids as [string, string, string];
  const statement = { ground: "WRONG_OR_INCOMPLETE", statement: "并无此事" } as const;
  await fileObjection(await context(OWNER), { ...statement, targetId: objected });
  const decided = await fileObjection(await context(OWNER), { ...statement, targetId: upheld });
  await moveObjection(await context(CENTRE), decided.id, "UNDER_REVIEW", null);
  await moveObjection(await context(CENTRE), decided.id, "UPHELD", "信息无误");
  const subject = await slice.db
    .selectFrom("subjects")
    .select(["id", "identifier"])
    .where("identifier", "=", COMPANY.identifier)
    .executeTakeFirstOrThrow();
  const repairCase = (targetId: string, state: string, dueOn: string | null) => ({
    subject_id: subject.id,
    subject_identifier: subject.identifier,
    target_id: targetId,
    target_type: "CREDIT_RECORD" as const,
    target_kind: "MARKET_ORDER_VIOLATION",
    provider: "HA-MKT",
    state,
    commitment: "本公司承诺已整改完毕。",
    evidence: null,
    provider_opinion: "同意",
    applied_on: "2026-11-02",
    state_changed_on: "2026-11-13",
    due_on: dueOn,
    completed_on: null,
  });
  await slice.db
    .insertInto("repair_cases")
    .values([
      repairCase(inPublicity, "IN_PUBLICITY", "2026-11-20"),
      repairCase(objected, "PROVIDER_REVIEW", "2026-11-27"),
    ])
    .execute();
});
afterAll(async () => slice?.stop());

describe("isUnderObjection", () => {
  it("is true while an objection to the item is open and false once it is decided, for an unknown id or a malformed one", async () => {
    const publicContext = await context();
    expect(await isUnderObjection(publicContext, objected)).toBe(true);
    expect(await isUnderObjection(publicContext, upheld)).toBe(false);
    expect(await isUnderObjection(publicContext, inPublicity)).toBe(false);
    expect(await isUnderObjection(publicContext, randomUUID())).toBe(false);
    expect(await isUnderObjection(publicContext, "not-a-uuid")).toBe(false);
    expect(publicContext.disclosures.summary()).toEqual([]);
  });

  it("asks once for all the items of one request", async () => {
    const publicContext = await context();
    const before = slice.statements();
    expect(
      await Promise.all([objected, upheld, inPublicity].map((id) => isUnderObjection(publicContext, id))),
    ).toEqual([true, false, false]);
    expect(slice.statements() - before).toBe(1);
  });
});

describe("findPublicityUntil", () => {
  it("is the last day of the publicity of a repair in publicity, and null for a repair in any other state or none", async () => {
    const publicContext = await context();
    expect(await findPublicityUntil(publicContext, inPublicity)).toBe("2026-11-20");
    expect(await findPublicityUntil(publicContext, objected)).toBeNull();
    expect(await findPublicityUntil(publicContext, upheld)).toBeNull();
    expect(await findPublicityUntil(publicContext, "not-a-uuid")).toBeNull();
    expect(publicContext.disclosures.summary()).toEqual([]);
  });
});
