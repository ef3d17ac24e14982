import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { registerSubject } from "../subjects/subject.service";
import {
  findRecordKinds,
  listRelatedEntries,
  listSubjectRecords,
  resolveCreditRecordById,
  submitRecords,
} from "./credit-record.service";
import type { RecordSubmission } from "./record-submission.rules";

/**
 * The records slice at its own height: what a provider's batch writes (whole or nothing), and who reads which
 * item of a file, with what the request's disclosure log then names. The clock is pinned to 20 November 2026.
 */
let slice: SliceTest;
const context = (viewer: SliceViewer) => slice.context("records", viewer);
const COMPANY = { identifier: uscc(9101), name: "记录测试公司", kind: "LEGAL_PERSON" } as const;
const PERSON = { identifier: citizenId(911), name: personName("记录", 911), kind: "NATURAL_PERSON" } as const;
const PROVIDER = { role: "PROVIDER", org: "HA-TAX" } as const;

const item = (documentNumber: string, overrides: Partial<RecordSubmission> = {}): RecordSubmission => ({
  subject: COMPANY,
  category: "NEGATIVE",
  kind: "TAX_ARREARS",
  severity: "SERIOUS",
  tier: "PUBLIC",
  title: "欠缴增值税",
  documentNumber,
  decidedOn: "2026-05-01",
  ...overrides,
});
const countRecords = async () =>
  Number(
    (
      await slice.db
        .selectFrom("credit_records")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

let companyId: string;
let ids: Record<"publicTax" | "government" | "authorized" | "expired" | "person", string>;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const submitted = await submitRecords(await context(PROVIDER), [
    item("REC-1"),
    item("REC-2", { kind: "VIOLATION", severity: "GENERAL", tier: "GOVERNMENT", title: "违规经营" }),
    item("REC-3", {
      category: "OTHER",
      kind: "PLEDGE_MORTGAGE",
      severity: null,
      tier: "AUTHORIZED",
      title: "股权出质",
    }),
    item("REC-4", { severity: "GENERAL", decidedOn: "2024-01-10", title: "旧欠税" }),
    item("REC-5", { subject: PERSON, title: "个人欠税" }),
  ]);
  const [publicTax, government, authorized, expired, person] = submitted.ids as [
    string,
    string,
    string,
    string,
    string,
  ];
  ids = { publicTax, government, authorized, expired, person };
  companyId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("submitRecords", () => {
  it("stores a batch once: a resubmission of the same documents creates nothing and returns the same ids", async () => {
    const writer = await context(PROVIDER);
    const again = await submitRecords(writer, [
      item("REC-1"),
      item("REC-2", { kind: "VIOLATION", severity: "GENERAL", tier: "GOVERNMENT", title: "违规经营" }),
    ]);
    expect(again).toMatchObject({ accepted: 2, created: 0, ids: [ids.publicTax, ids.government] });
    expect(writer.disclosures.summary()).toEqual([
      {
        entityType: "CreditRecordSubmitted",
        tiers: ["GOVERNMENT", "PUBLIC"],
        consentIds: [],
        subjectIds: [companyId],
        subjectIdentifiers: [COMPANY.identifier],
        counts: [2],
      },
    ]);
  });

  it("sets each negative item's expiry from its severity and holds a natural person's public item for review", async () => {
    const rows = await slice.db
      .selectFrom("credit_records")
      .select(["id", "expires_on", "publication"])
      .where("id", "in", [ids.publicTax, ids.expired, ids.person])
      .execute();
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(byId.get(ids.publicTax)).toMatchObject({ expires_on: "2029-05-01", publication: null });
    expect(byId.get(ids.expired)).toMatchObject({ expires_on: "2025-01-10" });
    expect(byId.get(ids.person)).toMatchObject({ publication: "PENDING" });
  });

  it("refuses the whole batch when one item is wrong, and writes nothing", async () => {
    const before = await countRecords();
    const writer = await context(PROVIDER);
    expect(
      await refusalOf(async () =>
        submitRecords(writer, [item("REC-NEW"), item("REC-BAD", { tier: "NOT_A_TIER" as never })]),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => submitRecords(writer, [item("REC-FUTURE", { decidedOn: "2026-11-21" })])),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () =>
        submitRecords(writer, [
          item("REC-WIDER", { kind: "VIOLATION", severity: "GENERAL", tier: "PUBLIC" }),
        ]),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(await countRecords()).toBe(before);
    expect(writer.disclosures.summary()).toEqual([]);
  });

  it("refuses prohibited data about a person as PROHIBITED_DATA", async () => {
    expect(
      await refusalOf(async () =>
        submitRecords(await context(PROVIDER), [
          item("REC-BLOOD", { subject: PERSON, title: "当事人血型为A型" }),
        ]),
      ),
    ).toBe("PROHIBITED_DATA");
  });

  it("is a PROVIDER's with its organisation code: anyone else is FORBIDDEN", async () => {
    const before = await countRecords();
    for (const viewer of [
      { role: "PROVIDER" },
      { role: "CREDIT_CENTER", org: "HA-CREDIT" },
      { role: "SUBJECT", subject: COMPANY.identifier },
      { role: "PUBLIC" },
    ] as const) {
      expect(await refusalOf(async () => submitRecords(await context(viewer), [item("REC-X")]))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await countRecords()).toBe(before);
  });
});

describe("listSubjectRecords", () => {
  const titles = async (viewer: SliceViewer, tier: "PUBLIC" | "GOVERNMENT" | "AUTHORIZED" | null = null) =>
    (await listSubjectRecords(await context(viewer), companyId, null, tier))
      .map((record) => record.id)
      .sort();

  it("gives the public the public items in force, and names only those in the disclosure log", async () => {
    const reader = await context({ role: "PUBLIC" });
    expect((await listSubjectRecords(reader, companyId, null)).map((record) => record.id)).toEqual([
      ids.publicTax,
    ]);
    expect(reader.disclosures.summary()).toEqual([
      {
        entityType: "CreditRecord",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: [companyId],
        subjectIdentifiers: [COMPANY.identifier],
        counts: [1],
        itemIds: [ids.publicTax],
      },
    ]);
  });

  it("gives a government duty the government tier, never the authorized one or an expired item", async () => {
    expect(await titles({ role: "GOVERNMENT", org: "HA-GOV", purpose: "ADMINISTRATIVE_LICENSING" })).toEqual(
      [ids.publicTax, ids.government].sort(),
    );
  });

  it("gives the subject its whole file, an expired item shown EXPIRED", async () => {
    const own = await listSubjectRecords(
      await context({ role: "SUBJECT", subject: COMPANY.identifier }),
      companyId,
      null,
    );
    expect(own.map((record) => record.id).sort()).toEqual(
      [ids.publicTax, ids.government, ids.authorized, ids.expired].sort(),
    );
    expect(own.find((record) => record.id === ids.expired)?.status).toBe("EXPIRED");
  });

  it("gives the provider its own items whatever their tier", async () => {
    expect(await titles(PROVIDER)).toEqual(
      [ids.publicTax, ids.government, ids.authorized, ids.expired].sort(),
    );
    expect(await titles({ role: "PROVIDER", org: "HA-OTHER" })).toEqual([ids.publicTax]);
  });

  it("filters by category and tier", async () => {
    expect(
      (await listSubjectRecords(await context({ role: "CREDIT_CENTER" }), companyId, "OTHER")).map(
        (record) => record.id,
      ),
    ).toEqual([ids.authorized]);
    expect(await titles({ role: "CREDIT_CENTER" }, "GOVERNMENT")).toEqual([ids.government]);
  });

  it("refuses a GOVERNMENT or ORGANIZATION caller without a purpose (PURPOSE_REQUIRED), and the authorized tier without consent (CONSENT_REQUIRED)", async () => {
    expect(
      await refusalOf(async () =>
        listSubjectRecords(await context({ role: "GOVERNMENT", org: "HA-GOV" }), companyId, null),
      ),
    ).toBe("PURPOSE_REQUIRED");
    expect(
      await refusalOf(async () =>
        listSubjectRecords(await context({ role: "ORGANIZATION", org: "BANK-1" }), companyId, null),
      ),
    ).toBe("PURPOSE_REQUIRED");
    const lender = await context({ role: "ORGANIZATION", org: "BANK-1", purpose: "CREDIT_LENDING" });
    expect(await refusalOf(async () => listSubjectRecords(lender, companyId, null, "AUTHORIZED"))).toBe(
      "CONSENT_REQUIRED",
    );
    expect(lender.disclosures.summary()).toEqual([]);
  });

  it("keeps a natural person's public item from the public until the credit centre has reviewed it", async () => {
    const personId = (
      await slice.db
        .selectFrom("subjects")
        .select("id")
        .where("identifier", "=", PERSON.identifier)
        .executeTakeFirstOrThrow()
    ).id;
    expect(await listSubjectRecords(await context({ role: "PUBLIC" }), personId, null)).toEqual([]);
    const own = await listSubjectRecords(
      await context({ role: "SUBJECT", subject: PERSON.identifier }),
      personId,
      null,
    );
    expect(own.map((record) => [record.id, record.publicationState])).toEqual([[ids.person, "PENDING"]]);
  });
});

describe("resolveCreditRecordById", () => {
  it("resolves a readable record and nothing for one the viewer may not read, disclosing only the first", async () => {
    const reader = await context({ role: "PUBLIC" });
    expect((await resolveCreditRecordById(reader, ids.publicTax))?.id).toBe(ids.publicTax);
    expect(await resolveCreditRecordById(reader, ids.government)).toBeNull();
    expect(await resolveCreditRecordById(reader, "not-a-uuid")).toBeNull();
    expect(reader.disclosures.summary().flatMap((group) => group.itemIds ?? [])).toEqual([ids.publicTax]);
  });
});

describe("related entries (PCIM art. 26)", () => {
  const FORMER = {
    identifier: citizenId(912),
    name: personName("前任", 912),
    kind: "NATURAL_PERSON",
  } as const;
  const CURRENT = {
    identifier: citizenId(913),
    name: personName("现任", 913),
    kind: "NATURAL_PERSON",
  } as const;
  const GROUP = { identifier: uscc(9102), name: "关联测试集团", kind: "LEGAL_PERSON" } as const;
  const idOf = async (identifier: string) =>
    (
      await slice.db
        .selectFrom("subjects")
        .select("id")
        .where("identifier", "=", identifier)
        .executeTakeFirstOrThrow()
    ).id;
  let olderId: string;
  let newerId: string;

  beforeAll(async () => {
    const centre = await slice.context("subjects", { role: "CREDIT_CENTER", org: "HA-CREDIT" });
    await registerSubject(centre, {
      subject: GROUP,
      legalRepresentative: FORMER,
      relationsSince: "2015-01-01",
    });
    await registerSubject(await slice.context("subjects", { role: "CREDIT_CENTER", org: "HA-CREDIT" }), {
      subject: GROUP,
      legalRepresentative: CURRENT,
      relationsSince: "2025-01-01",
    });
    const severe = (documentNumber: string, decidedOn: string, kind: string, tier: "PUBLIC" | "GOVERNMENT") =>
      item(documentNumber, {
        subject: GROUP,
        kind,
        severity: "SEVERE",
        tier,
        title: "严重违法失信",
        decidedOn,
      });
    [olderId, newerId] = (
      await submitRecords(await context(PROVIDER), [
        severe("REL-1", "2024-06-01", "MARKET_ORDER_VIOLATION", "PUBLIC"),
        severe("REL-2", "2026-05-01", "VIOLATION", "GOVERNMENT"),
        item("REL-3", { subject: GROUP, decidedOn: "2026-05-01" }),
      ])
    ).ids as [string, string];
  });

  it("enters an organisation's severe item on the file of whoever was its legal representative on the item's date, and nothing else", async () => {
    const entriesOf = async (person: typeof FORMER) => {
      const reader = await context({ role: "SUBJECT", subject: person.identifier });
      return {
        entries: await listRelatedEntries(reader, await idOf(person.identifier)),
        disclosed: reader.disclosures.summary(),
      };
    };
    const former = await entriesOf(FORMER);
    expect(former.entries.map((entry) => [entry.id, entry.relation, entry.organisation.id])).toEqual([
      [olderId, "LEGAL_REPRESENTATIVE", await idOf(GROUP.identifier)],
    ]);
    expect(former.disclosed).toMatchObject([
      { entityType: "RelatedEntry", subjectIdentifiers: [GROUP.identifier], itemIds: [olderId] },
    ]);
    expect((await entriesOf(CURRENT)).entries.map((entry) => entry.id)).toEqual([newerId]);
    expect(await listRelatedEntries(await context({ role: "CREDIT_CENTER" }), companyId)).toEqual([]);
  });

  it("shows the person the organisation's item itself only where it is readable as the organisation's", async () => {
    const [hidden] = await listRelatedEntries(
      await context({ role: "SUBJECT", subject: CURRENT.identifier }),
      await idOf(CURRENT.identifier),
    );
    expect(hidden).toMatchObject({
      severity: "SEVERE",
      tier: "GOVERNMENT",
      provider: "HA-TAX",
      record: null,
    });
    const [shown] = await listRelatedEntries(
      await context({ role: "SUBJECT", subject: FORMER.identifier }),
      await idOf(FORMER.identifier),
    );
    expect(shown!.record).toMatchObject({
      id: olderId,
      title: "严重违法失信",
      relation: "LEGAL_REPRESENTATIVE",
    });
  });
});

describe("findRecordKinds", () => {
  it("lists the catalogue with a natural person's tier for basic kinds", async () => {
    const kinds = await findRecordKinds(await context({ role: "PUBLIC" }));
    expect(kinds.find((kind) => kind.code === "BUSINESS_REGISTRATION")).toMatchObject({
      defaultTier: "PUBLIC",
      naturalPersonTier: "AUTHORIZED",
    });
  });
});
