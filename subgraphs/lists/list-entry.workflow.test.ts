import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import type { InputProblem } from "../../domain/input-problem";
import { checkSubjectRef, type SubjectRef } from "../../domain/subject-ref";
import { submitRecords } from "../records/credit-record.service";
import { registerSubjects } from "../subjects/subject.registry";
import {
  findListGrounds,
  findMyNotices,
  findPublicList,
  recognizeListEntry,
  removeListEntry,
  type ListEntrySubmission,
} from "./list-entry.workflow";

/**
 * The lists workflow at its own height: a recognition's checks and effects in one transaction (JRP arts. 4, 8,
 * 11, 14(11)), a removal giving back what the black entry took, the public lists and the units' notices — what
 * each writes, what a refusal leaves unwritten, and what the request's disclosure log names. Clock: 20 November 2026.
 */
let slice: SliceTest;
type Who = SliceViewer;
const context = (viewer: Who) => slice.context("lists", viewer);
const COURT = { role: "PROVIDER", org: "HA-COURT" } as const;
const MEDIA = { role: "PROVIDER", org: "HA-MEDIA" } as const;
const company = (n: number): SubjectRef => ({
  identifier: uscc(n),
  name: `名单测试公司${n}`,
  kind: "LEGAL_PERSON",
});
const EMPLOYER = company(9201);
const HONOURED = company(9202);
const PLAIN = company(9203);
const EMPLOYEE: SubjectRef = {
  identifier: citizenId(921),
  name: personName("名单", 921),
  kind: "NATURAL_PERSON",
};

const submission = (
  subject: SubjectRef,
  list: "RED" | "BLACK",
  documentNumber: string,
  overrides: Partial<ListEntrySubmission> = {},
): ListEntrySubmission => ({
  subject,
  list,
  grounds: list === "RED" ? "R03_MEDIA_TRUSTWORTHY" : "B07_REFUSE_JUDGEMENT",
  facts: list === "RED" ? "诚信经营典型" : "拒不履行生效判决",
  basis: "JRP",
  documentNumber,
  recognizedOn: "2026-11-18",
  ...overrides,
});
const table = (name: "list_entries" | "notices" | "credit_records") => slice.db.selectFrom(name).selectAll();
const idOf = async (subject: SubjectRef) =>
  (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", subject.identifier)
      .executeTakeFirstOrThrow()
  ).id;

let honourId: string;
let redId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const today = "2026-11-20";
  const problems: InputProblem[] = [];
  const refs = [EMPLOYER, EMPLOYEE].map((ref) => checkSubjectRef(ref, "fixture", problems, today)!);
  expect(problems).toEqual([]);
  await registerSubjects(slice.db, refs);
  await slice.db
    .updateTable("subjects")
    .set({ state_employee: true, employer_identifier: EMPLOYER.identifier })
    .where("identifier", "=", EMPLOYEE.identifier)
    .execute();
  const honours = await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-CIVIL" }), [
    {
      subject: HONOURED,
      category: "POSITIVE",
      kind: "HONOUR_AWARD",
      tier: "PUBLIC",
      title: "省级诚信示范企业",
      documentNumber: "LST-HON-1",
      decidedOn: "2026-05-01",
    },
  ]);
  honourId = honours.ids[0]!;
  redId = (
    await recognizeListEntry(
      await context(MEDIA),
      submission(HONOURED, "RED", "LST-R-1", { recognizedOn: "2026-06-01" }),
    )
  ).id;
});
afterAll(async () => slice?.stop());

describe("recognizeListEntry", () => {
  let blackId: string;

  it("a black entry in force takes the subject's red entries and suspends its honours, and names each in the disclosure log", async () => {
    const unit = await context(COURT);
    const entry = await recognizeListEntry(unit, submission(HONOURED, "BLACK", "LST-B-1"));
    blackId = entry.id;
    expect(entry).toMatchObject({
      list: "BLACK",
      status: "ACTIVE",
      recognizedBy: "HA-COURT",
      validUntil: "2029-11-18",
      pushedLate: false,
    });
    expect(await table("list_entries").where("id", "=", redId).executeTakeFirstOrThrow()).toMatchObject({
      status: "REMOVED",
      removed_by_entry: blackId,
    });
    expect((await table("credit_records").where("id", "=", honourId).executeTakeFirstOrThrow()).status).toBe(
      "SUSPENDED",
    );
    const disclosed = unit.disclosures.summary();
    expect(disclosed.find((group) => group.entityType === "ListEntry")?.itemIds).toEqual(
      [blackId, redId].sort(),
    );
    expect(disclosed.find((group) => group.entityType === "CreditRecord")?.itemIds).toEqual([honourId]);
  });

  it("refuses a red recognition of a subject on the black list, writing nothing, and audits the black entry it decided on", async () => {
    const unit = await context(MEDIA);
    const before = (await table("list_entries").execute()).length;
    expect(
      await refusalOf(async () => recognizeListEntry(unit, submission(HONOURED, "RED", "LST-R-2"))),
    ).toBe("BAD_USER_INPUT");
    expect((await table("list_entries").execute()).length).toBe(before);
    expect(unit.disclosures.summary()).toEqual([
      {
        entityType: "ListEntry",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: [await idOf(HONOURED)],
        subjectIdentifiers: [HONOURED.identifier],
        counts: [1],
        itemIds: [blackId],
      },
    ]);
  });

  it("returns the stored entry on a resubmission, and refuses a document number the unit used for another entry", async () => {
    expect(
      (await recognizeListEntry(await context(COURT), submission(HONOURED, "BLACK", "LST-B-1"))).id,
    ).toBe(blackId);
    expect(
      await refusalOf(async () =>
        recognizeListEntry(await context(COURT), submission(PLAIN, "BLACK", "LST-B-1")),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(await table("list_entries").where("subject_identifier", "=", PLAIN.identifier).execute()).toEqual(
      [],
    );
  });

  it("sends a blacklisted state employee's employer a notice (JRP art. 11), which that employer alone reads", async () => {
    const entry = await recognizeListEntry(await context(COURT), submission(EMPLOYEE, "BLACK", "LST-B-2"));
    const notices = await table("notices").where("list_entry_id", "=", entry.id).execute();
    expect(notices.map((notice) => [notice.recipient_org, notice.kind])).toEqual([
      [EMPLOYER.identifier, "STATE_EMPLOYEE_BLACKLISTED"],
    ]);
    // Until the credit centre has reviewed the person's entry, its notice waits with it.
    expect(await findMyNotices(await context({ role: "ORGANIZATION", org: EMPLOYER.identifier }))).toEqual(
      [],
    );
    await slice.db
      .updateTable("list_entries")
      .set({ publication: "PUBLISHED" })
      .where("id", "=", entry.id)
      .execute();
    const employer = await context({ role: "ORGANIZATION", org: EMPLOYER.identifier });
    const mine = await findMyNotices(employer);
    expect(mine.map((notice) => [notice.kind, notice.listEntry?.id])).toEqual([
      ["STATE_EMPLOYEE_BLACKLISTED", entry.id],
    ]);
    expect(employer.disclosures.summary().map((group) => group.entityType)).toEqual(["Notice"]);
    expect(await findMyNotices(await context({ role: "ORGANIZATION", org: "SOMEONE-ELSE" }))).toEqual([]);
    expect(await findMyNotices(await context({ role: "PUBLIC" }))).toEqual([]);
  });

  it("flags a recognition pushed later than 7 working days, and takes nothing for a black entry already ended when entered", async () => {
    const late = await recognizeListEntry(
      await context(MEDIA),
      submission(PLAIN, "RED", "LST-R-3", { recognizedOn: "2026-10-01" }),
    );
    expect(late.pushedLate).toBe(true);
    const ended = await recognizeListEntry(
      await context(COURT),
      submission(PLAIN, "BLACK", "LST-B-3", { recognizedOn: "2021-03-01", validUntil: "2024-03-01" }),
    );
    expect(ended.status).toBe("EXPIRED");
    expect((await table("list_entries").where("id", "=", late.id).executeTakeFirstOrThrow()).status).toBe(
      "ACTIVE",
    );
  });

  it("refuses a validity past 36 months unless the basis cites a law, and a validity before recognition", async () => {
    const tooLong = submission(PLAIN, "BLACK", "LST-B-4", { validUntil: "2030-01-01" });
    expect(await refusalOf(async () => recognizeListEntry(await context(COURT), tooLong))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      await refusalOf(async () =>
        recognizeListEntry(await context(COURT), { ...tooLong, validUntil: "2026-11-01" }),
      ),
    ).toBe("BAD_USER_INPUT");
    const cited = await recognizeListEntry(await context(COURT), {
      ...tooLong,
      basis: "《中华人民共和国民事诉讼法》第二百六十六条",
    });
    expect(cited.validUntil).toBe("2030-01-01");
  });

  it("refuses unknown grounds, empty facts and a future date as BAD_USER_INPUT, and anyone but a unit as FORBIDDEN, writing nothing", async () => {
    const before = (await table("list_entries").execute()).length;
    expect(
      await refusalOf(async () =>
        recognizeListEntry(
          await context(COURT),
          submission(PLAIN, "BLACK", "LST-X-1", { grounds: "R03_MEDIA_TRUSTWORTHY" }),
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        recognizeListEntry(await context(COURT), submission(PLAIN, "BLACK", "LST-X-2", { facts: "  " })),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        recognizeListEntry(
          await context(COURT),
          submission(PLAIN, "BLACK", "LST-X-3", { recognizedOn: "2026-11-21" }),
        ),
      ),
    ).toBe("BAD_USER_INPUT");
    for (const viewer of [
      { role: "PROVIDER" },
      { role: "CREDIT_CENTER" },
      { role: "GOVERNMENT", org: "HA-GOV", purpose: "SUPERVISION" },
    ] as const) {
      expect(
        await refusalOf(async () =>
          recognizeListEntry(await context(viewer), submission(PLAIN, "BLACK", "LST-X-4")),
        ),
      ).toBe("FORBIDDEN");
    }
    expect((await table("list_entries").execute()).length).toBe(before);
  });
});

describe("removeListEntry", () => {
  it("is the recognising unit's alone: another unit is told NOT_FOUND and nothing changes", async () => {
    const [black] = await table("list_entries").where("document_number", "=", "LST-B-1").execute();
    expect(await refusalOf(async () => removeListEntry(await context(MEDIA), black!.id, "认定错误"))).toBe(
      "NOT_FOUND",
    );
    expect(await refusalOf(async () => removeListEntry(await context(COURT), black!.id, "  "))).toBe(
      "BAD_USER_INPUT",
    );
    expect((await table("list_entries").where("id", "=", black!.id).executeTakeFirstOrThrow()).status).toBe(
      "ACTIVE",
    );
  });

  it("gives back the red entry and the honour the black entry took, and names all three in the disclosure log", async () => {
    const [black] = await table("list_entries").where("document_number", "=", "LST-B-1").execute();
    const unit = await context(COURT);
    expect((await removeListEntry(unit, black!.id, "认定错误")).status).toBe("REMOVED");
    expect((await table("list_entries").where("id", "=", redId).executeTakeFirstOrThrow()).status).toBe(
      "ACTIVE",
    );
    expect((await table("credit_records").where("id", "=", honourId).executeTakeFirstOrThrow()).status).toBe(
      "ACTIVE",
    );
    const disclosed = unit.disclosures.summary();
    expect(disclosed.find((group) => group.entityType === "ListEntry")?.itemIds).toEqual(
      [black!.id, redId].sort(),
    );
    expect(disclosed.find((group) => group.entityType === "CreditRecord")?.itemIds).toEqual([honourId]);
    expect(await refusalOf(async () => removeListEntry(await context(COURT), black!.id, "再次"))).toBe(
      "FORBIDDEN",
    );
  });
});

describe("findPublicList", () => {
  it("lists entries in force for anyone, pages by cursor, and discloses each entry shown", async () => {
    const newer = await recognizeListEntry(
      await context(MEDIA),
      submission(company(9204), "RED", "LST-R-4", { recognizedOn: "2026-11-19" }),
    );
    const reader = await context({ role: "PUBLIC" });
    const first = await findPublicList(reader, "RED", {}, 1, null);
    expect(first.edges.map((edge) => edge.node.id)).toEqual([newer.id]);
    expect(first.totalCount).toBe(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = await findPublicList(reader, "RED", {}, 1, first.pageInfo.endCursor);
    expect(second.edges.map((edge) => edge.node.id)).toEqual([redId]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(reader.disclosures.summary().flatMap((group) => group.itemIds ?? [])).toHaveLength(2);
  });

  it("never lists a person's entry awaiting the credit centre's review, nor an entry no longer in force", async () => {
    const pending: SubjectRef = {
      identifier: citizenId(922),
      name: personName("待审", 922),
      kind: "NATURAL_PERSON",
    };
    await recognizeListEntry(await context(COURT), submission(pending, "BLACK", "LST-B-5"));
    const black = await findPublicList(await context({ role: "PUBLIC" }), "BLACK", {}, 50, null);
    // The employee's entry was published above; PLAIN's ended entry of 2021 is not listed, its cited one is.
    expect(black.edges.map((edge) => [edge.node.disclosure.name, edge.node.documentNumber]).sort()).toEqual([
      [EMPLOYEE.name, "LST-B-2"],
      [PLAIN.name, "LST-B-4"],
    ]);
  });

  it("refuses a malformed id filter, a foreign cursor and a page over 100 as BAD_USER_INPUT", async () => {
    expect(
      await refusalOf(async () =>
        findPublicList(await context({ role: "PUBLIC" }), "RED", { id: "x" }, 10, null),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => findPublicList(await context({ role: "PUBLIC" }), "RED", {}, 101, null)),
    ).toBe("BAD_USER_INPUT");
    const black = await findPublicList(await context({ role: "PUBLIC" }), "BLACK", {}, 1, null);
    expect(
      await refusalOf(async () =>
        findPublicList(await context({ role: "PUBLIC" }), "RED", {}, 1, black.pageInfo.endCursor),
      ),
    ).toBe("BAD_USER_INPUT");
  });
});

describe("findListGrounds", () => {
  it("lists each list's grounds, or both lists'", () => {
    expect(findListGrounds("RED").every((ground) => ground.list === "RED")).toBe(true);
    expect(findListGrounds(null).length).toBe(
      findListGrounds("RED").length + findListGrounds("BLACK").length,
    );
  });
});
