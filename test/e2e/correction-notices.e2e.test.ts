import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";
import { sendCorrectionNotices } from "../../subgraphs/lists/list-entry.registry";

// JRP art. 16 「更正发布，并在原发布和提供范围内予以公示」: a correction reaches every organisation that read or
// screened the wrong item (the audit knows which), says no more than each was shown, and no one else.

let federation: TestFederation;
const PERSON = citizenId(980);
const COMPANY = uscc(981);
const PROVIDER = "HA-SAMR";
const GOVERNMENT_TITLE = "罚款五万元（政府共享）";
const PROHIBITED_TITLE = "违法记录（血型登记）";
const FACTS = "拒不履行法院判决的义务";
const CORRECTION_NOTE = "处罚决定已于复议中撤销";
const STORED_PROHIBITED_TITLE = "处罚（当事人宗教信仰）";

const ORG = {
  governmentReader: "HA-LICENSING",
  publicTierReader: uscc(982),
  screener: uscc(983),
  readerAndScreener: uscc(984),
  stranger: uscc(985),
  lateReader: uscc(986),
} as const;

type Notice = {
  kind: string;
  message: string;
  correctedItemId: string | null;
  correctedOn: string | null;
  listEntry: { id: string } | null;
  subject: { id: string };
};
const NOTICES = `{ myNotices { kind message correctedItemId correctedOn listEntry { id } subject { id } } }`;
const RECORDS_OF = `query ($id: String!) { subject(identifier: $id) { records { id title } } }`;
const ENTRIES_OF = `query ($id: String!) { subject(identifier: $id) { listEntries { id facts } } }`;
const SCREEN = `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: CREDIT_LENDING) { identifier decision } }`;
const FILE = `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`;
const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state } }`;
const REACH = `query ($id: ID!) { correctionReach(objectionId: $id) { objectionId correctedItemId correctedAt recipients { org role readItem screened notifiedAt } affectedScreenings { org role purpose at requestId } } }`;

let provider: string;
let centre: string;
let governmentRecordId: string;
let prohibitedRecordId: string;
let wrongRecordWithProhibitedTitleId: string;
let entryId: string;
const objectionIds: Record<"entry" | "governmentRecord" | "prohibitedRecord", string> = {
  entry: "",
  governmentRecord: "",
  prohibitedRecord: "",
};
let today: string;

const organisation = (org: string) => federation.token({ role: "ORGANIZATION", org });
const government = () => federation.token({ role: "GOVERNMENT", org: ORG.governmentReader });
const noticesOf = async (token: string) => {
  const answer = await federation.query<{ myNotices: Notice[] }>(NOTICES, { token });
  expect(answer.errors).toBeUndefined();
  return answer.data!.myNotices;
};

async function read(token: string, purpose: string, document: string, identifier: string) {
  const answer = await federation.query(document, { token, purpose, variables: { id: identifier } });
  expect(answer.errors).toBeUndefined();
  return answer;
}

async function screen(token: string, identifier: string) {
  const answer = await federation.query<{ screen: Array<{ decision: string }> }>(SCREEN, {
    token,
    purpose: "CREDIT_LENDING",
    variables: { ids: [identifier] },
  });
  expect(answer.errors).toBeUndefined();
  return answer.data!.screen[0]!;
}

async function correct(subjectToken: string, targetId: string, ground: string): Promise<string> {
  const filed = await federation.query<{ fileObjection: { id: string } }>(FILE, {
    token: subjectToken,
    variables: { input: { targetId, ground, statement: "信息有误" } },
  });
  const id = filed.data!.fileObjection.id;
  for (const [token, to] of [
    [centre, "UNDER_REVIEW"],
    [centre, "PROVIDER_VERIFYING"],
    [provider, "CORRECTED"],
  ] as const) {
    expect(
      (await federation.query(MOVE, { token, variables: { id, to, note: CORRECTION_NOTE } })).errors,
    ).toBeUndefined();
  }
  return id;
}

beforeAll(async () => {
  federation = await startTestFederation({ now: "2026-11-18T10:00:00+08:00" });
  provider = await federation.token({ role: "PROVIDER", org: PROVIDER });
  centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  const person = { identifier: PERSON, name: "更正人", kind: "NATURAL_PERSON" };
  const submitted = await federation.query<{ submitRecords: { ids: string[] } }>(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    {
      token: provider,
      variables: {
        records: [
          {
            subject: person,
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "GOVERNMENT",
            title: GOVERNMENT_TITLE,
            documentNumber: "COR-1",
            decidedOn: daysAgo(100, federation.clock.now()),
          },
          {
            subject: person,
            category: "NEGATIVE",
            kind: "MARKET_ORDER_VIOLATION",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "违法记录",
            attributes: { detail: "x" },
            documentNumber: "COR-2",
            decidedOn: daysAgo(50, federation.clock.now()),
          },
          {
            subject: person,
            category: "NEGATIVE",
            kind: "MARKET_ORDER_VIOLATION",
            severity: "GENERAL",
            tier: "GOVERNMENT",
            title: "处罚",
            documentNumber: "COR-3",
            decidedOn: daysAgo(40, federation.clock.now()),
          },
        ],
      },
    },
  );
  expect(submitted.errors).toBeUndefined();
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);
  [governmentRecordId, prohibitedRecordId, wrongRecordWithProhibitedTitleId] = submitted.data!.submitRecords
    .ids as [string, string, string];
  // Prohibited data stored all the same, as before the detector knew a term (ingestion refuses it today).
  await federation.connection.db
    .updateTable("credit_records")
    .set({ title: PROHIBITED_TITLE, attributes: JSON.stringify({ bloodType: "AB" }) })
    .where("id", "=", prohibitedRecordId)
    .execute();
  await federation.connection.db
    .updateTable("credit_records")
    .set({ title: STORED_PROHIBITED_TITLE })
    .where("id", "=", wrongRecordWithProhibitedTitleId)
    .execute();
  const entry = await federation.query<{ recognizeListEntry: { id: string } }>(
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      token: provider,
      variables: {
        input: {
          subject: { identifier: COMPANY, name: "更正公司", kind: "LEGAL_PERSON" },
          list: "BLACK",
          grounds: "B05_CAPACITY_REDUCTION",
          facts: FACTS,
          basis: "JRP",
          documentNumber: "COR-L",
          recognizedOn: daysAgo(200, federation.clock.now()),
          validUntil: daysAgo(-500, federation.clock.now()),
        },
      },
    },
  );
  expect(entry.errors).toBeUndefined();
  entryId = entry.data!.recognizeListEntry.id;

  // Before the correction: who relied on what.
  const governmentToken = await government();
  const governmentRead = await read(governmentToken, "ADMINISTRATIVE_LICENSING", RECORDS_OF, PERSON);
  expect(JSON.stringify(governmentRead.data)).toContain(GOVERNMENT_TITLE);
  await read(governmentToken, "ADMINISTRATIVE_LICENSING", ENTRIES_OF, COMPANY);
  const publicTier = await read(
    await organisation(ORG.publicTierReader),
    "CREDIT_LENDING",
    RECORDS_OF,
    PERSON,
  );
  expect(JSON.stringify(publicTier.data)).not.toContain(GOVERNMENT_TITLE);
  expect((await screen(await organisation(ORG.screener), COMPANY)).decision).not.toBe("PASS");
  await screen(await organisation(ORG.screener), PERSON);
  await read(centre, "SUPERVISION", RECORDS_OF, PERSON);
  await read(provider, "SUPERVISION", RECORDS_OF, PERSON);
  await read(await organisation(ORG.readerAndScreener), "CREDIT_LENDING", ENTRIES_OF, COMPANY);
  await screen(await organisation(ORG.readerAndScreener), COMPANY);
  await read(await organisation(ORG.stranger), "CREDIT_LENDING", RECORDS_OF, citizenId(989));

  federation.clock.set("2026-11-19T10:00:00+08:00");
  today = federation.today();
  objectionIds.entry = await correct(
    await federation.token({ role: "SUBJECT", subject: COMPANY }),
    entryId,
    "WRONG_OR_INCOMPLETE",
  );
  const personToken = await federation.token({ role: "SUBJECT", subject: PERSON });
  objectionIds.governmentRecord = await correct(personToken, governmentRecordId, "WRONG_OR_INCOMPLETE");
  objectionIds.prohibitedRecord = await correct(personToken, prohibitedRecordId, "PROHIBITED_DATA");
  await correct(personToken, wrongRecordWithProhibitedTitleId, "WRONG_OR_INCOMPLETE");

  // After the correction: a first reader and screener of the subjects.
  federation.clock.set("2026-11-20T10:00:00+08:00");
  await read(await organisation(ORG.lateReader), "CREDIT_LENDING", RECORDS_OF, PERSON);
  await read(await organisation(ORG.lateReader), "CREDIT_LENDING", ENTRIES_OF, COMPANY);
  await screen(await organisation(ORG.lateReader), COMPANY);
});
afterAll(async () => federation?.stop());

describe("correction notices (JRP art. 16)", () => {
  it("reach an organisation that screened the subject before, telling it which entry and when, not the facts it was never shown", async () => {
    const notices = await noticesOf(await organisation(ORG.screener));
    expect(notices).toEqual([
      expect.objectContaining({
        kind: "CORRECTION",
        correctedItemId: entryId,
        correctedOn: today,
        listEntry: null,
      }),
    ]);
    expect(notices[0]!.message).toMatch(/BLACK list entry recognised by HA-SAMR/);
    expect(notices[0]!.message).toMatch(/screen again/);
    expect(notices[0]!.message).not.toContain(FACTS);
    expect(notices[0]!.message).not.toContain(CORRECTION_NOTE);
  });

  it("reach an organisation that read the item before, with what it read and what changed", async () => {
    const notices = await noticesOf(await government());
    const byItem = new Map(notices.map((notice) => [notice.correctedItemId, notice]));
    expect([...byItem.keys()].sort()).toEqual(
      [entryId, governmentRecordId, prohibitedRecordId, wrongRecordWithProhibitedTitleId].sort(),
    );
    expect(byItem.get(entryId)!.message).toContain(FACTS);
    expect(byItem.get(governmentRecordId)!.message).toContain(GOVERNMENT_TITLE);
    expect(byItem.get(governmentRecordId)!.message).toContain(CORRECTION_NOTE);
    expect(notices.every((notice) => notice.kind === "CORRECTION" && notice.correctedOn === today)).toBe(
      true,
    );
  });

  it("say nothing of an item the organisation could not read: a public-tier reader hears of the public item only", async () => {
    const notices = await noticesOf(await organisation(ORG.publicTierReader));
    expect(notices.map((notice) => notice.correctedItemId)).toEqual([prohibitedRecordId]);
    expect(JSON.stringify(notices)).not.toContain(GOVERNMENT_TITLE);
    expect(JSON.stringify(notices)).not.toContain(governmentRecordId);
  });

  it("carry nothing of a purged item's prohibited data", async () => {
    for (const token of [await government(), await organisation(ORG.publicTierReader)]) {
      const purged = (await noticesOf(token)).find(
        (notice) => notice.correctedItemId === prohibitedRecordId,
      )!;
      expect(purged.message).toMatch(/may not be collected \(PCIM art\. 14\)/);
      expect(purged.message).not.toContain(PROHIBITED_TITLE);
      expect(purged.message).not.toContain("血型");
      expect(purged.message).not.toContain("AB");
      expect(purged.message).not.toContain(CORRECTION_NOTE);
    }
  });

  it("withhold prohibited data stored in an item corrected on another ground, as the reader was shown it", async () => {
    const notice = (await noticesOf(await government())).find(
      (candidate) => candidate.correctedItemId === wrongRecordWithProhibitedTitleId,
    )!;
    expect(notice.message).toContain(CORRECTION_NOTE);
    expect(notice.message).not.toContain("宗教");
  });

  it("come once per organisation and correction, however it relied on the item", async () => {
    const notices = await noticesOf(await organisation(ORG.readerAndScreener));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.message).toContain(FACTS);
    expect(notices[0]!.message).toMatch(/screen again/);
  });

  it("reach no organisation that never read the subject, nor one that read it only after the correction", async () => {
    expect(await noticesOf(await organisation(ORG.stranger))).toEqual([]);
    expect(await noticesOf(await organisation(ORG.lateReader))).toEqual([]);
  });

  it("go to organisations that relied on the item, not to the credit centre or the provider that corrected it", async () => {
    expect(await noticesOf(centre)).toEqual([]);
    expect(await noticesOf(provider)).toEqual([]);
  });

  it("are sent once per organisation and objection, however often sending is repeated", async () => {
    const db = federation.connection.db;
    const before = await db
      .selectFrom("notices")
      .select(["recipient_org", "objection_id", "message"])
      .where("objection_id", "=", objectionIds.entry)
      .execute();
    const again = before.map((row) => ({
      recipientOrg: row.recipient_org,
      objectionId: row.objection_id!,
      subjectId: "00000000-0000-0000-0000-000000000000",
      subjectIdentifier: COMPANY,
      item: { type: "LIST_ENTRY" as const, id: entryId },
      correctedOn: today,
      message: "sent again",
      at: federation.clock.now(),
    }));
    await sendCorrectionNotices(db, again);
    const after = await db
      .selectFrom("notices")
      .select(["recipient_org", "objection_id", "message"])
      .where("objection_id", "=", objectionIds.entry)
      .execute();
    expect(after).toEqual(before);
  });
});

describe("the corrected item (JRP art. 16)", () => {
  it("carries its correction mark: the day and what was corrected, a purged record naming none of its data", async () => {
    const own = await federation.query<{
      subject: {
        records: Array<{
          id: string;
          status: string;
          correctedOn: string | null;
          statusReason: string | null;
          title: string;
        }>;
      };
    }>(
      `query ($id: String!) { subject(identifier: $id) { records { id status correctedOn statusReason title } } }`,
      { token: await federation.token({ role: "SUBJECT", subject: PERSON }), variables: { id: PERSON } },
    );
    expect(own.errors).toBeUndefined();
    const byId = new Map(own.data!.subject.records.map((record) => [record.id, record]));
    expect(byId.get(governmentRecordId)).toMatchObject({
      status: "CORRECTED",
      correctedOn: today,
      statusReason: expect.stringContaining(CORRECTION_NOTE),
    });
    const purged = byId.get(prohibitedRecordId)!;
    expect(purged).toMatchObject({
      status: "CORRECTED",
      correctedOn: today,
      statusReason: expect.stringMatching(/PCIM art\. 14/),
    });
    expect(JSON.stringify(purged)).not.toContain("血型");
    const entries = await federation.query<{
      subject: { listEntries: Array<{ id: string; status: string; correctedOn: string | null }> };
    }>(
      `query ($id: String!) { subject(identifier: $id) { listEntries(includeInactive: true) { id status correctedOn } } }`,
      { token: await federation.token({ role: "SUBJECT", subject: COMPANY }), variables: { id: COMPANY } },
    );
    expect(entries.data!.subject.listEntries).toEqual([
      { id: entryId, status: "REMOVED", correctedOn: today },
    ]);
  });

  it("is no longer published in its wrong form", async () => {
    const publicRecords = await federation.query<{ subject: { records: Array<{ id: string }> } | null }>(
      RECORDS_OF,
      { variables: { id: PERSON } },
    );
    expect(JSON.stringify(publicRecords.data)).not.toContain(prohibitedRecordId);
    const list = await federation.query<{ publicBlacklist: { edges: Array<{ node: { id: string } }> } }>(
      `{ publicBlacklist(first: 100) { edges { node { id } } } }`,
    );
    expect(list.data!.publicBlacklist.edges.map((edge) => edge.node.id)).not.toContain(entryId);
  });
});

describe("correctionReach (CREDIT_CENTER)", () => {
  it("lists the organisations notified and the screening answers given on the wrong entry", async () => {
    const answer = await federation.query<{
      correctionReach: {
        recipients: Array<{ org: string; readItem: boolean; screened: boolean; notifiedAt: string | null }>;
        affectedScreenings: Array<{ org: string; purpose: string; requestId: string }>;
        correctedItemId: string;
      };
    }>(REACH, {
      token: centre,
      variables: { id: objectionIds.entry },
    });
    expect(answer.errors).toBeUndefined();
    const reach = answer.data!.correctionReach;
    expect(reach.correctedItemId).toBe(entryId);
    expect(
      reach.recipients.map((recipient) => [recipient.org, recipient.readItem, recipient.screened]).sort(),
    ).toEqual(
      [
        [ORG.governmentReader, true, false],
        [ORG.readerAndScreener, true, true],
        [ORG.screener, false, true],
      ].sort(),
    );
    expect(reach.recipients.every((recipient) => recipient.notifiedAt !== null)).toBe(true);
    expect(reach.affectedScreenings.map((screening) => screening.org).sort()).toEqual(
      [ORG.readerAndScreener, ORG.screener].sort(),
    );
    expect(
      reach.affectedScreenings.every(
        (screening) => screening.purpose === "CREDIT_LENDING" && screening.requestId.length > 0,
      ),
    ).toBe(true);
  });

  it("is for the credit centre only", async () => {
    const others = [
      provider,
      await federation.token({ role: "SUBJECT", subject: COMPANY }),
      await federation.token({ role: "AUDITOR", org: "HA-AUDIT" }),
      await government(),
      await organisation(ORG.screener),
    ];
    for (const token of others)
      expect(
        errorCodes(
          await federation.query(REACH, {
            token,
            purpose: "SUPERVISION",
            variables: { id: objectionIds.entry },
          }),
        ),
      ).toEqual(["NOT_FOUND"]);
    expect(
      errorCodes(await federation.query(REACH, { token: centre, variables: { id: "not-an-id" } })),
    ).toEqual(["NOT_FOUND"]);
  });
});
