import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { CreditError } from "../../platform/errors";
import { listSubjectRecords, submitRecords } from "../records/credit-record.service";
import { recognizeListEntry } from "./list-entry.workflow";
import {
  checkPublicationDecision,
  decidePublication,
  findPublicationReviews,
} from "./publication-review.service";

const at = new Date("2026-12-01T02:00:00Z");
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof CreditError ? error.code : "THREW";
  }
  return "OK";
};

describe("checkPublicationDecision", () => {
  it("settles each decision in its state, with only the text it needs", () => {
    expect(checkPublicationDecision({ id: "x", decision: "PUBLISH" }, at)).toEqual({
      state: "PUBLISHED",
      redactedText: null,
      note: null,
      at,
    });
    expect(
      checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: " 拒不履行生效判决 " }, at),
    ).toEqual({ state: "REDACTED", redactedText: "拒不履行生效判决", note: null, at });
    expect(
      checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER", reason: "请补正" }, at),
    ).toEqual({ state: "RETURNED", redactedText: null, note: "请补正", at });
  });

  it("refuses a missing, misplaced or overlong text as BAD_USER_INPUT", () => {
    expect(
      codeOf(() => checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "  " }, at)),
    ).toBe("BAD_USER_INPUT");
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER" }, at))).toBe(
      "BAD_USER_INPUT",
    );
    expect(codeOf(() => checkPublicationDecision({ id: "x", decision: "PUBLISH", reason: "多余" }, at))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      codeOf(() =>
        checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "字".repeat(2_001) }, at),
      ),
    ).toBe("BAD_USER_INPUT");
  });

  it("refuses a redacted text or a reason that itself carries prohibited data (the redaction is what the public reads)", () => {
    expect(
      codeOf(() =>
        checkPublicationDecision({ id: "x", decision: "REDACT", redactedText: "拒不履行判决，信仰宗教" }, at),
      ),
    ).toBe("PROHIBITED_DATA");
    expect(
      codeOf(() =>
        checkPublicationDecision({ id: "x", decision: "RETURN_TO_PROVIDER", reason: "当事人血型为A型" }, at),
      ),
    ).toBe("PROHIBITED_DATA");
  });
});

/**
 * The queue and the decision against one migrated database (PCIM art. 14): a natural person's public-tier items
 * wait for the credit centre, which alone reads the queue and decides; a refused decision leaves the item PENDING,
 * a decided one is not decided twice, and each item shown or decided is named in the disclosure log.
 */
describe("the publication review on one database", () => {
  let slice: SliceTest;
  const context = (viewer: SliceViewer) => slice.context("lists", viewer);
  const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
  const PERSON = {
    identifier: citizenId(971),
    name: personName("审核", 971),
    kind: "NATURAL_PERSON",
  } as const;
  let recordId: string;
  let entryId: string;
  let personId: string;
  const stateOf = async (id: string) =>
    (await slice.db
      .selectFrom("credit_records")
      .select(["publication", "publication_text"])
      .where("id", "=", id)
      .executeTakeFirst()) ??
    (await slice.db
      .selectFrom("list_entries")
      .select(["publication", "publication_text"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow());

  beforeAll(async () => {
    slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
    const entry = await recognizeListEntry(await context({ role: "PROVIDER", org: "HA-COURT" }), {
      subject: PERSON,
      list: "BLACK",
      grounds: "B07_REFUSE_JUDGEMENT",
      facts: "拒不履行生效判决",
      basis: "JRP",
      documentNumber: "PUB-B-1",
      recognizedOn: "2026-11-18",
    });
    entryId = entry.id;
    const stored = await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-TAX" }), [
      {
        subject: PERSON,
        category: "NEGATIVE",
        kind: "TAX_ARREARS",
        severity: "GENERAL",
        tier: "PUBLIC",
        title: "欠缴个人所得税，住址某小区",
        documentNumber: "PUB-1",
        decidedOn: "2026-11-01",
      },
    ]);
    recordId = stored.ids[0]!;
    personId = (
      await slice.db
        .selectFrom("subjects")
        .select("id")
        .where("identifier", "=", PERSON.identifier)
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => slice?.stop());

  it("queues a person's record and entry, oldest first, for the centre alone, disclosing each item it shows", async () => {
    const centre = await context(CENTRE);
    const queue = await findPublicationReviews(centre, 1, null);
    expect(queue.totalCount).toBe(2);
    expect(queue.edges.map((edge) => [edge.node.id, edge.node.item, edge.node.state])).toEqual([
      [entryId, "LIST_ENTRY", "PENDING"],
    ]);
    expect(queue.pageInfo.hasNextPage).toBe(true);
    const rest = await findPublicationReviews(centre, 50, queue.pageInfo.endCursor);
    expect(rest.edges.map((edge) => edge.node.id)).toEqual([recordId]);
    expect(centre.disclosures.summary()).toEqual([
      {
        entityType: "PublicationReview",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: [personId],
        subjectIdentifiers: [PERSON.identifier],
        counts: [2],
      },
    ]);
    for (const viewer of [
      { role: "PROVIDER", org: "HA-TAX" },
      { role: "SUBJECT", subject: PERSON.identifier },
      { role: "AUDITOR" },
    ] as const) {
      expect(await refusalOf(async () => findPublicationReviews(await context(viewer), 10, null))).toBe(
        "FORBIDDEN",
      );
    }
  });

  it("refuses a decision by anyone but the centre, on no such item, or with a wrong text, and leaves the item PENDING", async () => {
    expect(
      await refusalOf(async () =>
        decidePublication(await context({ role: "PROVIDER", org: "HA-TAX" }), {
          id: recordId,
          decision: "PUBLISH",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusalOf(async () =>
        decidePublication(await context(CENTRE), { id: "not-a-uuid", decision: "PUBLISH" }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await refusalOf(async () =>
        decidePublication(await context(CENTRE), { id: recordId, decision: "REDACT" }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        decidePublication(await context(CENTRE), {
          id: recordId,
          decision: "REDACT",
          redactedText: "欠税，信仰宗教",
        }),
      ),
    ).toBe("PROHIBITED_DATA");
    expect(await stateOf(recordId)).toEqual({ publication: "PENDING", publication_text: null });
  });

  it("publishes a redacted record: the public reads the reviewer's text, the subject the original; it is not decided twice", async () => {
    const centre = await context(CENTRE);
    const decided = await decidePublication(centre, {
      id: recordId,
      decision: "REDACT",
      redactedText: "欠缴个人所得税",
    });
    expect(decided.state).toBe("REDACTED");
    expect(centre.disclosures.summary()).toEqual([
      {
        entityType: "PublicationDecision",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: [personId],
        subjectIdentifiers: [PERSON.identifier],
        counts: [1],
      },
    ]);
    expect(
      (await listSubjectRecords(await slice.context("records", { role: "PUBLIC" }), personId, null)).map(
        (record) => record.title,
      ),
    ).toEqual(["欠缴个人所得税"]);
    expect(
      (
        await listSubjectRecords(
          await slice.context("records", { role: "SUBJECT", subject: PERSON.identifier }),
          personId,
          null,
        )
      ).map((record) => record.title),
    ).toEqual(["欠缴个人所得税，住址某小区"]);
    expect(
      await refusalOf(async () =>
        decidePublication(await context(CENTRE), { id: recordId, decision: "PUBLISH" }),
      ),
    ).toBe("BAD_USER_INPUT");
  });

  it("returns an entry to its unit with a reason: it stays unpublished and leaves the queue", async () => {
    expect(
      (
        await decidePublication(await context(CENTRE), {
          id: entryId,
          decision: "RETURN_TO_PROVIDER",
          reason: "事实不清，请补正",
        })
      ).state,
    ).toBe("RETURNED");
    expect(await stateOf(entryId)).toEqual({ publication: "RETURNED", publication_text: null });
    expect((await findPublicationReviews(await context(CENTRE), 10, null)).totalCount).toBe(0);
  });
});
