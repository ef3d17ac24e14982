import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { auditDisclosuresOf } from "../../test/audit-disclosures";
import { startSliceTest, type SliceTest } from "../../test/slice";
import { listSubjectRecords, resolveCreditRecordById, submitRecords } from "../records/credit-record.service";
import { describeCorrectionFor, findReliance, type CorrectedItem } from "./correction-notice.service";
import { fileObjection, moveObjection } from "./objection.service";
import { findWorkflowTarget } from "./repair.repository";

/**
 * Correction notices at their own height (JRP art. 16): who relied on an item is what the audit says of that
 * item's own disclosure, from its publication to the correction; each is told what it was shown and no more —
 * a reader the item and the provider's note, a screener that an answer rested on it, nobody anything of a purged
 * item's content. A refused CORRECTED step sends nothing. Clock: Friday 20 November 2026.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
const COMPANY = { identifier: uscc(9631), name: "更正通知测试公司", kind: "LEGAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: COMPANY.identifier } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-MKT" } as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const READER = { role: "ORGANIZATION", org: "BANK-7", purpose: "CREDIT_LENDING" } as const;
const OTHER_READER = { role: "ORGANIZATION", org: "BANK-8", purpose: "CREDIT_LENDING" } as const;
let wrongId: string;
let otherId: string;
let subjectId: string;

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
const notices = async () =>
  slice.db
    .selectFrom("notices")
    .select(["recipient_org", "credit_record_id", "message", "subject_identifier"])
    .where("subject_identifier", "=", COMPANY.identifier)
    .orderBy("recipient_org")
    .execute();
const correctedItem = async (id: string): Promise<CorrectedItem> => ({
  target: (await findWorkflowTarget(slice.db, id))!,
  record: null,
  entry: null,
});

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  [wrongId, otherId] = (
    await submitRecords(await slice.context("records", PROVIDER), [
      item("CN-1", "虚假宣传"),
      item("CN-2", "商标侵权"),
    ])
  ).ids as [string, string];
  subjectId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
  // A week ago one bank read the company's file, another only the second item.
  slice.clock.set("2026-11-13T10:00:00+08:00");
  const reader = await slice.context("records", READER);
  expect(await listSubjectRecords(reader, subjectId, null)).toHaveLength(2);
  await auditDisclosuresOf(reader, "records");
  const otherReader = await slice.context("records", OTHER_READER);
  expect(await resolveCreditRecordById(otherReader, otherId)).not.toBeNull();
  await auditDisclosuresOf(otherReader, "records");
  slice.clock.set(NOW);
});
afterAll(async () => slice?.stop());

describe("findReliance", () => {
  it("is the organisations the audit says were shown the item itself, in the window from publication to `until`", async () => {
    const organisations = async (id: string, until: string) =>
      (await findReliance(slice.db, await correctedItem(id), new Date(until))).map((reliance) => [
        reliance.org,
        reliance.reads.length,
        reliance.screenings.length,
      ]);
    expect(await organisations(wrongId, NOW)).toEqual([["BANK-7", 1, 0]]);
    expect(await organisations(otherId, NOW)).toEqual([
      ["BANK-7", 1, 0],
      ["BANK-8", 1, 0],
    ]);
    expect(await organisations(wrongId, "2026-11-12T10:00:00+08:00")).toEqual([]);
  });
});

describe("describeCorrectionFor", () => {
  const read = {
    org: "BANK-7",
    role: "ORGANIZATION",
    reads: [new Date("2026-11-13T02:00:00Z")],
    screenings: [],
  };
  const screened = {
    org: "BANK-9",
    role: "ORGANIZATION",
    reads: [],
    screenings: [{ at: new Date("2026-11-14T02:00:00Z"), requestId: "r-1", purpose: "CREDIT_LENDING" }],
  };
  const record: CorrectedItem = {
    target: {} as CorrectedItem["target"],
    record: { id: "r", tier: "PUBLIC", title: "虚假宣传", provider: "HA-MKT", decidedOn: "2026-03-01" },
    entry: null,
  };
  const entry: CorrectedItem = {
    target: {} as CorrectedItem["target"],
    record: null,
    entry: {
      id: "e",
      list: "BLACK",
      grounds: "B07",
      facts: "拒不履行生效判决",
      recognizedBy: "HA-COURT",
      recognizedOn: "2026-11-02",
    },
  };
  const correction = { on: "2026-11-20", purged: false, note: "处罚决定已撤销" };

  it("tells a reader the item as it was shown, when, and the provider's note", () => {
    const message = describeCorrectionFor(read, record, correction);
    for (const part of [
      "虚假宣传",
      "HA-MKT",
      "2026-03-01",
      "read on 2026-11-13",
      "corrected on 2026-11-20",
      "处罚决定已撤销",
    ])
      expect(message).toContain(part);
  });

  it("tells a screener only that its answers rested on a corrected entry, never the entry's facts or the note", () => {
    const message = describeCorrectionFor(screened, entry, correction);
    expect(message).toContain("BLACK list entry recognised by HA-COURT on 2026-11-02");
    expect(message).toContain("screening answers of 2026-11-14");
    expect(message).not.toContain("拒不履行生效判决");
    expect(message).not.toContain("处罚决定已撤销");
    expect(describeCorrectionFor({ ...screened, reads: read.reads }, entry, correction)).toContain(
      "拒不履行生效判决",
    );
  });

  it("names nothing of a purged item's content", () => {
    const message = describeCorrectionFor(read, record, { ...correction, purged: true });
    expect(message).toContain("PCIM art. 14");
    expect(message).not.toContain("虚假宣传");
    expect(message).not.toContain("处罚决定已撤销");
  });
});

describe("correctAndNotify (the CORRECTED step)", () => {
  let objectionId: string;
  beforeAll(async () => {
    objectionId = (
      await fileObjection(await slice.context("repair", OWNER), {
        targetId: wrongId,
        ground: "WRONG_OR_INCOMPLETE",
        statement: "并无此事",
      })
    ).id;
  });

  it("sends nothing and corrects nothing when the step is refused", async () => {
    expect(
      await refusalOf(async () =>
        moveObjection(await slice.context("repair", CENTRE), objectionId, "CORRECTED", "更正"),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(await notices()).toEqual([]);
    const record = await slice.db
      .selectFrom("credit_records")
      .select(["status", "corrected_on"])
      .where("id", "=", wrongId)
      .executeTakeFirstOrThrow();
    expect(record).toEqual({ status: "ACTIVE", corrected_on: null });
  });

  it("corrects the item and sends one notice to each organisation that read it, and none to one that read only another item", async () => {
    await moveObjection(await slice.context("repair", CENTRE), objectionId, "UNDER_REVIEW", null);
    await moveObjection(await slice.context("repair", CENTRE), objectionId, "CORRECTED", "处罚决定已撤销");
    const sent = await notices();
    expect(sent.map((notice) => [notice.recipient_org, notice.credit_record_id])).toEqual([
      ["BANK-7", wrongId],
    ]);
    expect(sent[0]!.message).toBe(
      describeCorrectionFor(
        {
          org: "BANK-7",
          role: "ORGANIZATION",
          reads: [new Date("2026-11-13T02:00:00Z")],
          screenings: [],
        },
        {
          target: {} as CorrectedItem["target"],
          record: {
            id: wrongId,
            tier: "PUBLIC",
            title: "虚假宣传",
            provider: "HA-MKT",
            decidedOn: "2026-03-01",
          },
          entry: null,
        },
        { on: "2026-11-20", purged: false, note: "处罚决定已撤销" },
      ),
    );
    expect(
      await slice.db
        .selectFrom("credit_records")
        .select(["status", "corrected_on"])
        .where("id", "=", wrongId)
        .executeTakeFirstOrThrow(),
    ).toEqual({ status: "CORRECTED", corrected_on: "2026-11-20" });
  });
});
