import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/**
 * No free text about a natural person reaches the public tier before the credit centre has reviewed it (PCIM
 * art. 14): a person's public record or list entry starts PENDING, invisible on every public path; the centre
 * publishes it, publishes it redacted or returns it to its provider, each decision audited.
 */
const PENDING_PERSON = citizenId(801);
const LISTED_PERSON = citizenId(802);
const REDACTED_PERSON = citizenId(803);
const RETURNED_PERSON = citizenId(804);
const COMPANY = uscc(805);

const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id publicationState } }`;
const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`;
const SUBJECT = `query ($id: String!) { subject(identifier: $id) { name records { id title attributes publicationState publicationNote } listEntries { id facts publicationState publicationNote } } }`;
const BLACKLIST = `query ($filter: ListFilter) { publicBlacklist(filter: $filter) { totalCount edges { node { id facts disclosure { name } } } } }`;
const QUEUE = `query ($first: Int, $after: String) { publicationReviews(first: $first, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id item provider kind state subject { id } texts { field text hits { path category label start end } } } } } }`;
const DECIDE = `mutation ($input: PublicationDecisionInput!) { decidePublication(input: $input) { id state redactedText reason } }`;

type SubjectView = {
  name: string;
  records: Array<{
    id: string;
    title: string;
    attributes: Record<string, unknown>;
    publicationState: string | null;
    publicationNote: string | null;
  }>;
  listEntries: Array<{
    id: string;
    facts: string;
    publicationState: string | null;
    publicationNote: string | null;
  }>;
};
type QueueNode = {
  id: string;
  item: string;
  provider: string;
  kind: string;
  state: string;
  texts: Array<{
    field: string;
    text: string;
    hits: Array<{ path: string; category: string; start: number | null; end: number | null }>;
  }>;
};

let federation: TestFederation;
let provider: string;
let centre: string;
const ids: Record<string, string> = {};

const person = (identifier: string, name: string) => ({ identifier, name, kind: "NATURAL_PERSON" });
const entryInput = (
  identifier: string,
  name: string,
  documentNumber: string,
  facts = "拒不履行生效判决确定的给付义务",
) => ({
  subject: person(identifier, name),
  list: "BLACK",
  grounds: "B07_REFUSE_JUDGEMENT",
  facts,
  basis: "JRP 第六条",
  documentNumber,
  recognizedOn: "2026-11-20",
});
const taxRecord = (identifier: string, name: string, documentNumber: string, title: string) => ({
  subject: person(identifier, name),
  category: "NEGATIVE",
  kind: "TAX_ARREARS",
  severity: "GENERAL",
  tier: "PUBLIC",
  title,
  attributes: { amount: "12000" },
  documentNumber,
  decidedOn: "2026-11-10",
});

async function subjectAs(identifier: string, token?: string, purpose?: string): Promise<SubjectView | null> {
  const result = await federation.query<{ subject: SubjectView | null }>(SUBJECT, {
    token,
    purpose,
    variables: { id: identifier },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.subject;
}

async function publicBlacklist(filter: Record<string, unknown>) {
  const result = await federation.query<{
    publicBlacklist: { totalCount: number; edges: Array<{ node: { id: string; facts: string } }> };
  }>(BLACKLIST, { variables: { filter } });
  expect(result.errors).toBeUndefined();
  return result.data!.publicBlacklist;
}

async function decide(input: Record<string, unknown>, token = centre) {
  return federation.query<{
    decidePublication: { id: string; state: string; redactedText: string | null; reason: string | null };
  }>(DECIDE, { token, variables: { input } });
}

async function decisionAccesses(requestId: string) {
  const db = federation.connection.db;
  const [event] = await db
    .selectFrom("audit_events")
    .select(["id", "operation_type"])
    .where("request_id", "=", requestId)
    .execute();
  expect(event).toMatchObject({ operation_type: "mutation" });
  return db
    .selectFrom("audit_accesses")
    .select(["entity_type", "subject_identifier"])
    .where("event_id", "=", event!.id)
    .execute();
}

beforeAll(async () => {
  federation = await startTestFederation({ now: "2026-12-01T10:00:00+08:00" });
  provider = await federation.token({ role: "PROVIDER", org: "HA-COURT" });
  centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  for (const [key, identifier, name, documentNumber] of [
    ["pending", PENDING_PERSON, "待审张某", "REVIEW-1"],
    ["listed", LISTED_PERSON, "待审李某", "REVIEW-2"],
    ["redacted", REDACTED_PERSON, "待审王某", "REVIEW-3"],
    ["returned", RETURNED_PERSON, "待审赵某", "REVIEW-4"],
  ] as const) {
    const result = await federation.query<{ recognizeListEntry: { id: string; publicationState: string } }>(
      RECOGNIZE,
      { token: provider, variables: { input: entryInput(identifier, name, documentNumber) } },
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.recognizeListEntry.publicationState).toBe("PENDING");
    ids[key] = result.data!.recognizeListEntry.id;
  }
  const records = await federation.query<{ submitRecords: { ids: string[] } }>(SUBMIT, {
    token: await federation.token({ role: "PROVIDER", org: "HA-TAX" }),
    variables: {
      records: [
        taxRecord(LISTED_PERSON, "待审李某", "REVIEW-R-1", "欠缴个人所得税"),
        {
          ...taxRecord(COMPANY, "淮安市待审贸易有限公司", "REVIEW-R-2", "欠缴增值税"),
          subject: { identifier: COMPANY, name: "淮安市待审贸易有限公司", kind: "LEGAL_PERSON" },
        },
      ],
    },
  });
  expect(records.errors).toBeUndefined();
  [ids.record, ids.companyRecord] = records.data!.submitRecords.ids as [string, string];
});
afterAll(async () => federation?.stop());

describe("a natural person's new public item, awaiting review", () => {
  it("is absent from the public black list, its total and a lookup by the entry's id", async () => {
    expect(await publicBlacklist({ name: "待审" })).toEqual({ totalCount: 0, edges: [] });
    expect(await publicBlacklist({ id: ids.pending })).toEqual({ totalCount: 0, edges: [] });
  });

  it("does not make the person known to the public: subject(identifier) answers null", async () => {
    expect(await subjectAs(PENDING_PERSON)).toBeNull();
    expect(await subjectAs(LISTED_PERSON)).toBeNull();
  });

  it("is absent for a signed-in organisation and for the providing unit's public list too", async () => {
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-REVIEW" });
    expect((await subjectAs(LISTED_PERSON, bank, "CREDIT_LENDING"))?.listEntries ?? []).toEqual([]);
    const own = await federation.query<{ publicBlacklist: { totalCount: number } }>(BLACKLIST, {
      token: provider,
      variables: { filter: { name: "待审" } },
    });
    expect(own.data!.publicBlacklist.totalCount).toBe(0);
  });

  it("is read by its subject, its provider and a government duty; an organisation's item needs no review", async () => {
    const own = await subjectAs(
      PENDING_PERSON,
      await federation.token({ role: "SUBJECT", subject: PENDING_PERSON }),
    );
    expect(own!.listEntries).toEqual([
      expect.objectContaining({ id: ids.pending, publicationState: "PENDING" }),
    ]);
    const byProvider = await subjectAs(PENDING_PERSON, provider);
    expect(byProvider!.listEntries).toEqual([
      expect.objectContaining({ id: ids.pending, publicationState: "PENDING" }),
    ]);
    const government = await subjectAs(
      LISTED_PERSON,
      await federation.token({ role: "GOVERNMENT", org: "HA-GOV" }),
      "ADMINISTRATIVE_LICENSING",
    );
    expect(government!.listEntries.map((entry) => [entry.id, entry.publicationState])).toEqual([
      [ids.listed, null],
    ]);
    expect(government!.records.map((record) => record.id)).toContain(ids.record);
    expect((await subjectAs(COMPANY))!.records).toEqual([
      expect.objectContaining({ id: ids.companyRecord, title: "欠缴增值税", publicationState: null }),
    ]);
  });
});

describe("the credit centre's queue (publicationReviews)", () => {
  it("lists records and entries awaiting review, oldest first, paged, with the detector's hits", async () => {
    // Prohibited data stored around the detector (an older vocabulary, a direct load): the queue highlights it.
    await federation.connection.db
      .updateTable("list_entries")
      .set({ basis: "JRP 第六条；当事人宗教信仰不详" })
      .where("id", "=", ids.returned!)
      .execute();
    const first = await federation.query<{
      publicationReviews: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        edges: Array<{ node: QueueNode }>;
      };
    }>(QUEUE, {
      token: centre,
      variables: { first: 2 },
    });
    expect(first.errors).toBeUndefined();
    const page = first.data!.publicationReviews;
    expect(page.totalCount).toBe(5);
    expect(page.pageInfo.hasNextPage).toBe(true);
    const rest = await federation.query<{
      publicationReviews: { pageInfo: { hasNextPage: boolean }; edges: Array<{ node: QueueNode }> };
    }>(QUEUE, {
      token: centre,
      variables: { first: 10, after: page.pageInfo.endCursor },
    });
    const nodes = [...page.edges, ...rest.data!.publicationReviews.edges].map((edge) => edge.node);
    expect(rest.data!.publicationReviews.pageInfo.hasNextPage).toBe(false);
    expect(nodes.map((node) => node.id)).toEqual([
      ids.pending,
      ids.listed,
      ids.redacted,
      ids.returned,
      ids.record,
    ]);
    expect(nodes[0]).toMatchObject({
      item: "LIST_ENTRY",
      provider: "HA-COURT",
      kind: "BLACK B07_REFUSE_JUDGEMENT",
      state: "PENDING",
    });
    expect(nodes[4]).toMatchObject({ item: "CREDIT_RECORD", provider: "HA-TAX", kind: "TAX_ARREARS" });
    expect(nodes[4]!.texts.map((text) => text.field)).toEqual(["title", "attributes"]);
    const basis = nodes[3]!.texts.find((text) => text.field === "basis")!;
    expect(basis.hits).toEqual([
      expect.objectContaining({
        path: "basis",
        category: "religion",
        start: expect.any(Number),
        end: expect.any(Number),
      }),
    ]);
    // The reviewer's highlight marks the very words the detector found.
    expect(basis.text.slice(basis.hits[0]!.start!, basis.hits[0]!.end!)).toBe("宗教信仰");
    expect(nodes[0]!.texts.flatMap((text) => text.hits)).toEqual([]);
  });

  it("is the credit centre's alone: FORBIDDEN for the submitting provider and every other role", async () => {
    for (const claims of [
      { role: "PROVIDER", org: "HA-COURT" },
      { role: "GOVERNMENT", org: "HA-GOV" },
      { role: "AUDITOR" },
      { role: "SUBJECT", subject: PENDING_PERSON },
      { role: "CREDIT_AUTHORITY", org: "HA-DRC" },
    ] as const) {
      const token = await federation.token(claims);
      expect(errorCodes(await federation.query(QUEUE, { token })), claims.role).toEqual(["FORBIDDEN"]);
      expect(errorCodes(await decide({ id: ids.pending, decision: "PUBLISH" }, token)), claims.role).toEqual([
        "FORBIDDEN",
      ]);
    }
    expect(errorCodes(await federation.query(QUEUE))).toEqual(["FORBIDDEN"]);
    expect(
      errorCodes(
        await federation.query(DECIDE, { variables: { input: { id: ids.pending, decision: "PUBLISH" } } }),
      ),
    ).toEqual(["FORBIDDEN"]);
    expect(await subjectAs(PENDING_PERSON)).toBeNull();
  });
});

describe("the centre's decisions (decidePublication)", () => {
  it("PUBLISH: the entry and the person reach the public tier; the decision is audited on the person", async () => {
    const decided = await decide({ id: ids.listed, decision: "PUBLISH" });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decidePublication).toEqual({
      id: ids.listed,
      state: "PUBLISHED",
      redactedText: null,
      reason: null,
    });
    expect(await decisionAccesses(decided.headers.get("x-request-id")!)).toContainEqual({
      entity_type: "PublicationDecision",
      subject_identifier: LISTED_PERSON,
    });
    const list = await publicBlacklist({ name: "待审" });
    expect(list.totalCount).toBe(1);
    expect(list.edges.map((edge) => edge.node.id)).toEqual([ids.listed]);
    // The person is now public, but the record still awaiting review is not.
    const view = await subjectAs(LISTED_PERSON);
    expect(view).toMatchObject({
      name: "待审李某",
      records: [],
      listEntries: [{ id: ids.listed, facts: "拒不履行生效判决确定的给付义务", publicationState: null }],
    });
    // A public person's further entry awaits its own review.
    const further = await federation.query<{ recognizeListEntry: { id: string } }>(RECOGNIZE, {
      token: provider,
      variables: { input: entryInput(LISTED_PERSON, "待审李某", "REVIEW-5", "再次拒不履行") },
    });
    expect(further.errors).toBeUndefined();
    ids.further = further.data!.recognizeListEntry.id;
    expect((await subjectAs(LISTED_PERSON))!.listEntries.map((entry) => entry.id)).toEqual([ids.listed]);
    expect((await publicBlacklist({ name: "待审" })).totalCount).toBe(1);
    const record = await decide({ id: ids.record, decision: "PUBLISH" });
    expect(record.errors).toBeUndefined();
    expect((await subjectAs(LISTED_PERSON))!.records.map((row) => row.title)).toEqual(["欠缴个人所得税"]);
  });

  it("is taken once: a decided item is BAD_USER_INPUT, an unknown id NOT_FOUND", async () => {
    expect(
      errorCodes(await decide({ id: ids.listed, decision: "RETURN_TO_PROVIDER", reason: "再审" })),
    ).toEqual(["BAD_USER_INPUT"]);
    expect(errorCodes(await decide({ id: ids.companyRecord, decision: "PUBLISH" }))).toEqual(["NOT_FOUND"]);
    expect(
      errorCodes(await decide({ id: "00000000-0000-4000-8000-000000000000", decision: "PUBLISH" })),
    ).toEqual(["NOT_FOUND"]);
    expect(errorCodes(await decide({ id: "not-an-id", decision: "PUBLISH" }))).toEqual(["NOT_FOUND"]);
  });

  it("REDACT: the public reads only the redacted text; subject, provider and centre read the original; a redaction is itself checked", async () => {
    expect(errorCodes(await decide({ id: ids.redacted, decision: "REDACT" }))).toEqual(["BAD_USER_INPUT"]);
    expect(
      errorCodes(
        await decide({ id: ids.redacted, decision: "REDACT", redactedText: "拒不履行判决，另患有艾滋病" }),
      ),
    ).toEqual(["PROHIBITED_DATA"]);
    expect(errorCodes(await decide({ id: ids.redacted, decision: "PUBLISH", redactedText: "多余" }))).toEqual(
      ["BAD_USER_INPUT"],
    );
    const decided = await decide({ id: ids.redacted, decision: "REDACT", redactedText: "拒不履行生效判决" });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decidePublication).toMatchObject({
      state: "REDACTED",
      redactedText: "拒不履行生效判决",
    });
    expect(await decisionAccesses(decided.headers.get("x-request-id")!)).toContainEqual({
      entity_type: "PublicationDecision",
      subject_identifier: REDACTED_PERSON,
    });
    expect((await publicBlacklist({ id: ids.redacted })).edges.map((edge) => edge.node.facts)).toEqual([
      "拒不履行生效判决",
    ]);
    expect((await subjectAs(REDACTED_PERSON))!.listEntries).toEqual([
      { id: ids.redacted, facts: "拒不履行生效判决", publicationState: null, publicationNote: null },
    ]);
    const own = await subjectAs(
      REDACTED_PERSON,
      await federation.token({ role: "SUBJECT", subject: REDACTED_PERSON }),
    );
    expect(own!.listEntries).toEqual([
      expect.objectContaining({ facts: "拒不履行生效判决确定的给付义务", publicationState: "REDACTED" }),
    ]);
    expect((await subjectAs(REDACTED_PERSON, provider))!.listEntries).toEqual([
      expect.objectContaining({ facts: "拒不履行生效判决确定的给付义务", publicationState: "REDACTED" }),
    ]);
  });

  it("REDACT of a record: the public reads the redacted title and none of its further facts", async () => {
    const submitted = await federation.query<{ submitRecords: { ids: string[] } }>(SUBMIT, {
      token: await federation.token({ role: "PROVIDER", org: "HA-TAX" }),
      variables: {
        records: [
          {
            ...taxRecord(REDACTED_PERSON, "待审王某", "REVIEW-R-3", "欠缴个人所得税及滞纳金"),
            attributes: { note: "住址：清江浦区某小区" },
          },
        ],
      },
    });
    expect(submitted.errors).toBeUndefined();
    const [id] = submitted.data!.submitRecords.ids;
    expect((await subjectAs(REDACTED_PERSON))!.records).toEqual([]);
    expect((await decide({ id, decision: "REDACT", redactedText: "欠缴个人所得税" })).errors).toBeUndefined();
    expect((await subjectAs(REDACTED_PERSON))!.records).toEqual([
      { id, title: "欠缴个人所得税", attributes: {}, publicationState: null, publicationNote: null },
    ]);
    const own = await subjectAs(
      REDACTED_PERSON,
      await federation.token({ role: "SUBJECT", subject: REDACTED_PERSON }),
    );
    expect(own!.records).toEqual([
      {
        id,
        title: "欠缴个人所得税及滞纳金",
        attributes: { note: "住址：清江浦区某小区" },
        publicationState: "REDACTED",
        publicationNote: null,
      },
    ]);
  });

  it("RETURN_TO_PROVIDER: stays off the public tier; the provider reads the reason on its entry; audited", async () => {
    expect(errorCodes(await decide({ id: ids.returned, decision: "RETURN_TO_PROVIDER" }))).toEqual([
      "BAD_USER_INPUT",
    ]);
    const decided = await decide({
      id: ids.returned,
      decision: "RETURN_TO_PROVIDER",
      reason: "依据一栏含有禁止归集的信息，请删除后重新认定",
    });
    expect(decided.errors).toBeUndefined();
    expect(decided.data!.decidePublication).toMatchObject({
      state: "RETURNED",
      reason: "依据一栏含有禁止归集的信息，请删除后重新认定",
    });
    expect(await decisionAccesses(decided.headers.get("x-request-id")!)).toContainEqual({
      entity_type: "PublicationDecision",
      subject_identifier: RETURNED_PERSON,
    });
    expect(await subjectAs(RETURNED_PERSON)).toBeNull();
    expect(await publicBlacklist({ id: ids.returned })).toEqual({ totalCount: 0, edges: [] });
    expect((await subjectAs(RETURNED_PERSON, provider))!.listEntries).toEqual([
      expect.objectContaining({
        id: ids.returned,
        publicationState: "RETURNED",
        publicationNote: "依据一栏含有禁止归集的信息，请删除后重新认定",
      }),
    ]);
    const other = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
    expect((await subjectAs(RETURNED_PERSON, other))?.listEntries ?? []).toEqual([]);
  });

  it("leaves the queue with what is still pending", async () => {
    const queue = await federation.query<{
      publicationReviews: { totalCount: number; edges: Array<{ node: { id: string } }> };
    }>(QUEUE, { token: centre });
    expect(queue.data!.publicationReviews.totalCount).toBe(2);
    expect(queue.data!.publicationReviews.edges.map((edge) => edge.node.id)).toEqual([
      ids.pending,
      ids.further,
    ]);
  });
});
