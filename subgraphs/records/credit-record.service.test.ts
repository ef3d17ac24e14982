import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishPendingItems } from "../../test/publication";
import { addMonths } from "../../domain/dates";
import { citizenId, daysAgo, personName, uscc } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

let slice: SliceTest;
let provider: SliceViewer;
let otherProvider: SliceViewer;
let centre: SliceViewer;
const PROVIDER_ORG = "HA-SAMR";

beforeAll(async () => {
  slice = await startSliceTest();
  provider = { role: "PROVIDER", org: PROVIDER_ORG };
  otherProvider = { role: "PROVIDER", org: "HA-TAX" };
  centre = { role: "CREDIT_CENTER", org: "HA-CREDIT" };
});
afterAll(async () => slice?.stop());

const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted created ids } }`;

type Row = Record<string, unknown>;
const person = (n: number, name = personName("测试人", n)) => ({
  identifier: citizenId(n),
  name,
  kind: "NATURAL_PERSON",
});
const company = (n: number, name = `测试公司${n}`) => ({ identifier: uscc(n), name, kind: "LEGAL_PERSON" });
const record = (subject: Row, documentNumber: string, extra: Row = {}) => ({
  subject,
  category: "NEGATIVE",
  kind: "ADMINISTRATIVE_PENALTY",
  procedure: "GENERAL",
  severity: "GENERAL",
  tier: "PUBLIC",
  title: "行政处罚决定书",
  documentNumber,
  decidedOn: daysAgo(10),
  ...extra,
});

async function submit(records: Row[], token = provider) {
  return slice.execute<{ submitRecords: { accepted: number; created: number; ids: string[] } }>(
    "records",
    SUBMIT,
    { viewer: token, variables: { records } },
  );
}

async function counts() {
  const db = slice.db;
  const [records, subjects] = await Promise.all([
    db
      .selectFrom("credit_records")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("subjects")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { records: Number(records.n), subjects: Number(subjects.n) };
}

describe("submitRecords", () => {
  it("computes expiry from severity: general one year, serious three years (PCIM art. 27)", async () => {
    const decidedOn = daysAgo(30);
    const result = await submit([
      record(person(1), "EXP-1", { decidedOn, severity: "GENERAL" }),
      record(person(1), "EXP-2", { decidedOn, severity: "SERIOUS" }),
      record(person(1), "EXP-3", { decidedOn, severity: null }),
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitRecords).toMatchObject({ accepted: 3, created: 3 });
    const read = await slice.readSubject<{ records: Row[] }>(
      citizenId(1),
      { records: "records { id title tier status expiresOn relation severity }" },
      { viewer: centre },
    );
    const byTitle = new Map(read.data!.subject.records.map((row) => [row.severity, row.expiresOn]));
    expect(byTitle.get("GENERAL")).toBe(addMonths(decidedOn, 12));
    expect(byTitle.get("SERIOUS")).toBe(addMonths(decidedOn, 36));
    expect(byTitle.get(null)).toBe(addMonths(decidedOn, 36));
  });

  it("stops publishing expired negative information, except to the subject, its provider and the credit centre", async () => {
    await submit([record(person(2), "OLD-1", { decidedOn: daysAgo(400), severity: "GENERAL" })]);
    // With nothing public in force, the person is not public at all (docs/api.md: no existence oracle).
    const publicView = await slice.readSubject<{ records: Row[] } | null>(citizenId(2), {
      records: "records { id title tier status expiresOn relation severity }",
    });
    expect(publicView.data!.subject).toBeNull();
    const government: SliceViewer = { role: "GOVERNMENT", org: "HA-GOV" };
    const governmentView = await slice.readSubject<{ records: Row[] }>(
      citizenId(2),
      { records: "records { id title tier status expiresOn relation severity }" },
      {
        viewer: { ...government, purpose: "ADMINISTRATIVE_LICENSING" },
      },
    );
    expect(governmentView.data!.subject.records).toEqual([]);
    for (const token of [
      { role: "SUBJECT", subject: citizenId(2) } satisfies SliceViewer,
      provider,
      centre,
    ]) {
      const view = await slice.readSubject<{ records: Row[] }>(
        citizenId(2),
        { records: "records { id title tier status expiresOn relation severity }" },
        { viewer: token },
      );
      expect(view.data!.subject.records).toEqual([expect.objectContaining({ status: "EXPIRED" })]);
    }
    const otherProviderView = await slice.readSubject<{ records: Row[] }>(
      citizenId(2),
      { records: "records { id title tier status expiresOn relation severity }" },
      { viewer: otherProvider },
    );
    expect(otherProviderView.data!.subject.records).toEqual([]);
  });

  it("is for providers only", async () => {
    const result = await submit([record(person(3), "X-1")], centre);
    expect(errorCodes(result)).toEqual(["FORBIDDEN"]);
  });

  it("refuses a batch with one bad identifier whole, naming the item and field", async () => {
    const before = await counts();
    const badId = `${citizenId(4).slice(0, 17)}${citizenId(4)[17] === "1" ? "2" : "1"}`;
    const result = await submit([
      record(person(5), "BAD-1"),
      record({ ...person(4), identifier: badId }, "BAD-2"),
    ]);
    expect(errorCodes(result)).toEqual(["INVALID_IDENTIFIER"]);
    expect(result.errors![0]!.message).toContain("records[1].subject.identifier");
    expect(result.errors![0]!.extensions!.problems).toEqual([
      expect.objectContaining({ field: "records[1].subject.identifier" }),
    ]);
    expect(await counts()).toEqual(before);
  });

  it("does not duplicate a re-submitted document (idempotent on provider + document number)", async () => {
    const batch = [record(person(6), "IDEM-1"), record(company(6), "IDEM-2")];
    const first = await submit(batch);
    const before = await counts();
    const second = await submit(batch);
    expect(second.data!.submitRecords).toEqual({
      accepted: 2,
      created: 0,
      ids: first.data!.submitRecords.ids,
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses a kind the catalog lacks and a category that contradicts it", async () => {
    const result = await submit([
      record(person(7), "CAT-1", { kind: "GOSSIP" }),
      record(person(7), "CAT-2", { category: "POSITIVE", severity: null }),
    ]);
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    const fields = (result.errors![0]!.extensions!.problems as Row[]).map((problem) => problem.field);
    expect(fields).toEqual(["records[0].kind", "records[1].category"]);
  });
});

describe("prohibited data is refused with PROHIBITED_DATA and nothing is stored (PCIM art. 14)", () => {
  const TERMS = [
    "religion",
    "宗教信仰",
    "genes",
    "基因",
    "bloodType",
    "血型",
    "disease",
    "疾病",
    "medicalHistory",
    "病史",
    "fingerprint",
    "指纹",
  ];
  it.each(TERMS)("%s, at the top level and nested", async (term) => {
    const before = await counts();
    for (const attributes of [
      { [term]: "x" },
      { person: { details: [{ ok: 1 }, { [term.toUpperCase()]: "x" }] } },
    ]) {
      const result = await submit([
        record(person(8), `PRO-OK-${TERMS.indexOf(term)}`),
        record(person(9), `PRO-${TERMS.indexOf(term)}`, { attributes }),
      ]);
      expect(errorCodes(result)).toEqual(["PROHIBITED_DATA"]);
      expect(result.errors![0]!.message).toMatch(/records\[1\]\.attributes\./);
      const paths = (result.errors![0]!.extensions!.problems as Row[]).map((problem) =>
        String(problem.field),
      );
      // A prohibited key is named by its position, so that the error does not repeat it.
      expect(paths).toEqual([
        expect.stringMatching(/^records\[1\]\.attributes\.(person\.details\[1\]\.)?<key 0>$/),
      ]);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("related entries (PCIM art. 26)", () => {
  it("shows a legal person's SEVERE item on its legal representative's records", async () => {
    const registration = await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id legalRepresentative { name } } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: company(20),
            registeredAddress: "淮安市健康西路1号",
            nature: "有限责任公司",
            legalRepresentative: person(20, "法人代表"),
            relationsSince: daysAgo(365),
          },
        },
      },
    );
    expect(registration.errors).toBeUndefined();
    await submit([
      record(company(20), "SEV-1", { severity: "SEVERE", title: "严重违法失信" }),
      record(company(20), "GEN-1", { severity: "GENERAL", title: "一般违法" }),
    ]);
    const representative = await slice.readSubject<{ records: Row[] }>(citizenId(20), {
      records: "records { id title tier status expiresOn relation severity }",
    });
    expect(representative.data!.subject.records).toEqual([
      expect.objectContaining({ title: "严重违法失信", relation: "LEGAL_REPRESENTATIVE" }),
    ]);
  });

  it("lets only the registering unit (or the credit centre) change an organisation's registration and relations", async () => {
    const REGISTER = `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id legalRepresentative { name } } }`;
    const input = (representative: number) => ({
      subject: company(22),
      legalRepresentative: person(representative, personName("法人", representative)),
      relationsSince: daysAgo(30),
    });
    expect(
      (await slice.execute("subjects", REGISTER, { viewer: provider, variables: { input: input(22) } }))
        .errors,
    ).toBeUndefined();
    // Another unit cannot put an innocent person in as legal representative.
    expect(
      errorCodes(
        await slice.execute("subjects", REGISTER, {
          viewer: otherProvider,
          variables: { input: { ...input(23), relationsSince: daysAgo(1) } },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    const corrected = await slice.execute<{ registerSubject: { legalRepresentative: { name: string } } }>(
      "subjects",
      REGISTER,
      { viewer: centre, variables: { input: { ...input(24), relationsSince: daysAgo(1) } } },
    );
    expect(corrected.data!.registerSubject.legalRepresentative).toEqual({ name: personName("法人", 24) });
    expect(
      (
        await slice.execute("subjects", REGISTER, {
          viewer: provider,
          variables: { input: { ...input(22), relationsSince: daysAgo(0) } },
        })
      ).errors,
    ).toBeUndefined();
    // Naming only responsible persons leaves the legal representative in office.
    const persons = await slice.execute<{
      registerSubject: { legalRepresentative: { name: string } | null };
    }>("subjects", REGISTER, {
      viewer: provider,
      variables: {
        input: {
          subject: company(22),
          responsiblePersons: [person(25, personName("负责人", 25))],
          relationsSince: daysAgo(0),
        },
      },
    });
    expect(persons.data!.registerSubject.legalRepresentative).toEqual({ name: personName("法人", 22) });
  });

  it("does not put an item decided before a representative took office on that representative's records", async () => {
    const registration = await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: company(21),
            legalRepresentative: person(21, "新任法人"),
            relationsSince: daysAgo(3),
          },
        },
      },
    );
    expect(registration.errors).toBeUndefined();
    await submit([record(company(21), "SEV-21", { severity: "SEVERE", title: "任前严重失信" })]);
    const newcomer = await slice.readSubject<{ records: Row[] } | null>(citizenId(21), {
      records: "records { id title tier status expiresOn relation severity }",
    });
    expect(newcomer.data!.subject?.records ?? []).toEqual([]);
  });
});

describe("lists", () => {
  const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id list status statusReason disclosure { identifier sex ageBand employer } } }`;
  const entry = (subject: Row, list: "RED" | "BLACK", documentNumber: string, extra: Row = {}) => ({
    subject,
    list,
    grounds: list === "RED" ? "R04_COUNTY_HONOUR" : "B07_REFUSE_JUDGEMENT",
    facts: list === "RED" ? "县级诚信示范" : "拒不履行生效判决",
    basis: "淮安市守信联合激励和失信联合惩戒实施办法",
    documentNumber,
    recognizedOn: daysAgo(5),
    validUntil: daysAgo(-365),
    ...extra,
  });

  it("removes the subject's active red entries when it enters a black list, in the same step (JRP art. 4)", async () => {
    const red = await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(company(30), "RED", "RED-30") },
    });
    expect(red.errors).toBeUndefined();
    await slice.execute("lists", RECOGNIZE, {
      viewer: otherProvider,
      variables: { input: entry(company(30), "BLACK", "BLACK-30") },
    });
    const entries = await slice.readSubject<{ listEntries: Row[] }>(
      uscc(30),
      { lists: "listEntries(includeInactive: true) { list status statusReason }" },
      { viewer: centre },
    );
    expect(entries.data!.subject.listEntries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          list: "RED",
          status: "REMOVED",
          statusReason: expect.stringContaining("JRP art. 4"),
        }),
        expect.objectContaining({ list: "BLACK", status: "ACTIVE" }),
      ]),
    );
  });

  it("refuses a red recognition for a subject on the black list, saying no more than that (JRP art. 4, both ways)", async () => {
    await slice.execute("lists", RECOGNIZE, {
      viewer: otherProvider,
      variables: { input: entry(company(32), "BLACK", "BLACK-32") },
    });
    const red = await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(company(32), "RED", "RED-32") },
    });
    expect(errorCodes(red)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(red.errors)).toContain("on the black list");
    for (const detail of ["HA-TAX", "BLACK-32", daysAgo(5)])
      expect(JSON.stringify(red.errors)).not.toContain(detail);
    // A document number the unit used for another subject's entry returns nothing of that entry.
    const reused = await slice.execute("lists", RECOGNIZE, {
      viewer: otherProvider,
      variables: { input: entry(company(36), "BLACK", "BLACK-32") },
    });
    expect(errorCodes(reused)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(reused)).not.toContain(uscc(32).slice(6, 14));
    const entries = await slice.readSubject<{ listEntries: Row[] }>(
      uscc(32),
      { lists: "listEntries(includeInactive: true) { list status statusReason }" },
      { viewer: centre },
    );
    expect(entries.data!.subject.listEntries).toEqual([
      expect.objectContaining({ list: "BLACK", status: "ACTIVE" }),
    ]);
  });

  it("lets no unit but a registering authority take over a registration nobody owns yet (a listing creates its subject unowned)", async () => {
    await slice.execute("lists", RECOGNIZE, {
      viewer: otherProvider,
      variables: { input: entry(company(37), "BLACK", "BLACK-37") },
    });
    const REGISTER = `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`;
    const squatter = await slice.execute("subjects", REGISTER, {
      viewer: otherProvider,
      variables: {
        input: {
          subject: company(37),
          legalRepresentative: person(37, "无辜者"),
          relationsSince: "2000-01-01",
        },
      },
    });
    expect(errorCodes(squatter)).toEqual(["FORBIDDEN"]);
    expect(
      (
        await slice.execute("subjects", REGISTER, {
          viewer: provider,
          variables: {
            input: {
              subject: company(37),
              legalRepresentative: person(38, personName("法人", 38)),
              relationsSince: daysAgo(400),
            },
          },
        })
      ).errors,
    ).toBeUndefined();
  });

  it("publishes a red-listed person's name, honour, unit and date — not sex, age or employer (JRP art. 8, DOMAIN.md §6)", async () => {
    await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: person(39, "模范人物"),
            employerIdentifier: uscc(39, "320802"),
            stateEmployee: false,
          },
        },
      },
    );
    const red = await slice.execute<{ recognizeListEntry: { disclosure: Row } }>("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(person(39, "模范人物"), "RED", "RED-39") },
    });
    expect(red.errors).toBeUndefined();
    expect(red.data!.recognizeListEntry.disclosure).toMatchObject({
      sex: null,
      ageBand: null,
      employer: null,
    });
    const stored = await slice.db
      .selectFrom("list_entries")
      .select("disclosure")
      .where("document_number", "=", "RED-39")
      .executeTakeFirstOrThrow();
    expect(stored.disclosure).not.toHaveProperty("sex");
    expect(stored.disclosure).not.toHaveProperty("birthDate");
  });

  it("notifies the employer of a blacklisted state employee, and only that employer (JRP art. 11)", async () => {
    await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: person(31, "公务员甲"),
            employerIdentifier: uscc(31, "320802"),
            stateEmployee: true,
            occupationGroup: "CIVIL_SERVANT",
          },
        },
      },
    );
    await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
      {
        viewer: provider,
        variables: {
          input: {
            subject: {
              identifier: uscc(31, "320802"),
              name: "某区人民政府办公室",
              kind: "OTHER_ORGANIZATION",
            },
            nature: "国家机关",
          },
        },
      },
    );
    const black = await slice.execute<{ recognizeListEntry: { disclosure: Row } }>("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(person(31, "公务员甲"), "BLACK", "BLACK-31") },
    });
    expect(black.data!.recognizeListEntry.disclosure).toMatchObject({
      sex: "MALE",
      employer: "某区人民政府办公室",
      identifier: expect.stringContaining("********"),
    });
    // The notice shows its entry once the entry is published, after the credit centre's review.
    await publishPendingItems(slice);
    const NOTICES = `{ myNotices { kind message listEntry { list } } }`;
    const employer = await slice.execute<{ myNotices: Row[] }>("lists", NOTICES, {
      viewer: { role: "ORGANIZATION", org: uscc(31, "320802") },
    });
    expect(employer.data!.myNotices).toEqual([
      expect.objectContaining({ kind: "STATE_EMPLOYEE_BLACKLISTED", listEntry: { list: "BLACK" } }),
    ]);
    const stranger = await slice.execute<{ myNotices: Row[] }>("lists", NOTICES, {
      viewer: { role: "ORGANIZATION", org: uscc(32) },
    });
    expect(stranger.data!.myNotices).toEqual([]);
  });

  it("notifies the superior unit of a blacklisted state-owned enterprise, and only that unit (JRP art. 11)", async () => {
    const registered = await slice.execute(
      "subjects",
      `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
      {
        viewer: provider,
        variables: { input: { subject: company(35), nature: "国有独资企业", superiorUnit: "HA-SASAC" } },
      },
    );
    expect(registered.errors).toBeUndefined();
    await slice.execute("lists", RECOGNIZE, {
      viewer: otherProvider,
      variables: { input: entry(company(35), "BLACK", "BLACK-35") },
    });
    // The notice's subject is another slice's entity: here only its key.
    const NOTICES = `{ myNotices { kind message subject { id } } }`;
    const superior = await slice.execute<{ myNotices: Row[] }>("lists", NOTICES, {
      viewer: { role: "GOVERNMENT", org: "HA-SASAC" },
    });
    expect(superior.data!.myNotices).toEqual([
      expect.objectContaining({
        kind: "SUBORDINATE_UNIT_BLACKLISTED",
        message: expect.stringContaining("JRP art. 11"),
      }),
    ]);
    const other = await slice.execute<{ myNotices: Row[] }>("lists", NOTICES, {
      viewer: { role: "GOVERNMENT", org: "HA-OTHER" },
    });
    expect(other.data!.myNotices).toEqual([]);
  });

  it("lets only the recognising unit remove its entry", async () => {
    const created = await slice.execute<{ recognizeListEntry: { id: string } }>("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(company(33), "BLACK", "BLACK-33") },
    });
    const REMOVE = `mutation ($id: ID!) { removeListEntry(id: $id, reason: "义务已履行") { status statusReason } }`;
    const variables = { id: created.data!.recognizeListEntry.id };
    expect(errorCodes(await slice.execute("lists", REMOVE, { viewer: otherProvider, variables }))).toEqual([
      "NOT_FOUND",
    ]);
    const removed = await slice.execute("lists", REMOVE, { viewer: provider, variables });
    expect(removed.data).toEqual({ removeListEntry: { status: "REMOVED", statusReason: "义务已履行" } });
  });

  it("refuses grounds that are not of the list", async () => {
    const result = await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(company(34), "RED", "RED-34", { grounds: "B07_REFUSE_JUDGEMENT" }) },
    });
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0]!.message).toContain("input.grounds");
  });

  it("publishes entries in force with masked person identifiers and whole organisation codes, filtered and paginated", async () => {
    await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(person(40, "张公示"), "BLACK", "PUB-40") },
    });
    await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: { input: entry(company(41, "公示建材有限公司"), "BLACK", "PUB-41") },
    });
    await slice.execute("lists", RECOGNIZE, {
      viewer: provider,
      variables: {
        input: entry(company(42, "过期公示有限公司"), "BLACK", "PUB-42", {
          recognizedOn: daysAgo(800),
          validUntil: daysAgo(70),
        }),
      },
    });
    await publishPendingItems(slice);
    const LIST = `query ($filter: ListFilter, $after: String) { publicBlacklist(filter: $filter, first: 1, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { documentNumber disclosure { name identifier } } } } }`;
    const byName = await slice.execute<{
      publicBlacklist: { totalCount: number; edges: Array<{ node: { disclosure: Row } }> };
    }>("lists", LIST, { variables: { filter: { name: "公示" } } });
    expect(byName.data!.publicBlacklist.totalCount).toBe(2);
    const names = [byName.data!.publicBlacklist.edges[0]!.node.disclosure.name];
    const next = await slice.execute<{
      publicBlacklist: { edges: Array<{ node: { disclosure: Row } }>; pageInfo: { hasNextPage: boolean } };
    }>("lists", LIST, {
      variables: {
        filter: { name: "公示" },
        after: (byName.data!.publicBlacklist as unknown as { pageInfo: { endCursor: string } }).pageInfo
          .endCursor,
      },
    });
    names.push(next.data!.publicBlacklist.edges[0]!.node.disclosure.name);
    expect(names.sort()).toEqual(["公示建材有限公司", "张公示"]);
    expect(next.data!.publicBlacklist.pageInfo.hasNextPage).toBe(false);
    const disclosures = [byName, next].map(
      (page) =>
        (page.data as { publicBlacklist: { edges: Array<{ node: { disclosure: Row } }> } }).publicBlacklist
          .edges[0]!.node.disclosure,
    );
    expect(disclosures).toEqual(
      expect.arrayContaining([
        { name: "张公示", identifier: `${citizenId(40).slice(0, 6)}********${citizenId(40).slice(-4)}` },
        { name: "公示建材有限公司", identifier: uscc(41) },
      ]),
    );
    const bogusCursor = await slice.execute("lists", LIST, { variables: { after: "bm9wZQ" } });
    expect(errorCodes(bogusCursor)).toEqual(["BAD_USER_INPUT"]);
  });
});

describe("field masking of subjects", () => {
  it("gives PUBLIC a person's name but not their sex or employer (null with FORBIDDEN), and a duty-bound government officer both", async () => {
    await submit([record(person(50), "MASK-1")]);
    await publishPendingItems(slice);
    const anonymous = await slice.readSubject<Row>(citizenId(50), { subjects: "name identifier sex region" });
    expect(anonymous.data!.subject).toMatchObject({
      name: personName("测试人", 50),
      sex: null,
      region: null,
    });
    expect(anonymous.errors!.map((error) => [error.extensions!.code, error.path!.join(".")])).toEqual([
      ["FORBIDDEN", "subject.sex"],
      ["FORBIDDEN", "subject.region"],
    ]);
    const officer = await slice.readSubject<Row>(
      citizenId(50),
      { subjects: "name identifier sex region" },
      {
        viewer: { role: "GOVERNMENT", org: "HA-GOV", purpose: "ADMINISTRATIVE_LICENSING" },
      },
    );
    expect(officer.errors).toBeUndefined();
    expect(officer.data!.subject).toMatchObject({
      identifier: citizenId(50),
      sex: "FEMALE",
      region: "320812",
    });
  });
});
