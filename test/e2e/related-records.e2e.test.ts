import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo, uscc } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";

/**
 * An organisation's severe items on its legal representative's file (PCIM art. 26) are read under the
 * organisation's rules: its tier, its consents, its audit trail. The person sees the entry, not the details.
 */
let federation: TestFederation;
const COMPANY = uscc(60);
const REPRESENTATIVE = citizenId(60);
const REPRESENTATIVE_SINCE = daysAgo(365);
const PERSONS_BANK = "BANK-PERSON-CONSENT";
const COMPANYS_BANK = "BANK-COMPANY-CONSENT";
const TITLES = {
  PUBLIC: "公开的严重失信",
  GOVERNMENT: "政府共享的严重失信",
  AUTHORIZED: "授权查询的严重失信",
} as const;

type Row = Record<string, unknown>;
type FileView = { subject: { records: Row[]; relatedEntries: Row[] } };
const FILE = `query ($id: String!) { subject(identifier: $id) {
  records { id title tier relation attributes }
  relatedEntries { id relation relationFrom relationTo organisation { name } kind category severity tier provider decidedOn expiresOn status record { title attributes } }
} }`;

beforeAll(async () => {
  federation = await startTestFederation();
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const registered = await federation.query(
    `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { id } }`,
    {
      token: provider,
      variables: {
        input: {
          subject: { identifier: COMPANY, name: "关联记录有限公司", kind: "LEGAL_PERSON" },
          legalRepresentative: { identifier: REPRESENTATIVE, name: "关联法人", kind: "NATURAL_PERSON" },
          relationsSince: REPRESENTATIVE_SINCE,
        },
      },
    },
  );
  expect(registered.errors).toBeUndefined();
  const submitted = await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      token: provider,
      variables: {
        records: (["PUBLIC", "GOVERNMENT", "AUTHORIZED"] as const).map((tier) => ({
          subject: { identifier: COMPANY, name: "关联记录有限公司", kind: "LEGAL_PERSON" },
          category: "NEGATIVE",
          kind: "ADMINISTRATIVE_PENALTY",
          procedure: "GENERAL",
          severity: "SEVERE",
          tier,
          title: TITLES[tier],
          attributes: { facts: `${tier} 事实` },
          documentNumber: `REL-${tier}`,
          decidedOn: daysAgo(10),
        })),
      },
    },
  );
  expect(submitted.errors).toBeUndefined();
  const grant = async (subject: string, grantee: string) => {
    const granted = await federation.query(
      `mutation ($input: ConsentInput!) { grantConsent(input: $input) { id } }`,
      {
        token: await federation.token({ role: "SUBJECT", subject }),
        variables: {
          input: {
            grantee,
            purpose: "CREDIT_LENDING",
            validUntil: new Date(federation.clock.now().getTime() + 86_400_000).toISOString(),
          },
        },
      },
    );
    expect(granted.errors).toBeUndefined();
  };
  await grant(REPRESENTATIVE, PERSONS_BANK);
  await grant(COMPANY, COMPANYS_BANK);
});
afterAll(async () => federation?.stop());

async function readFile(token: string | undefined, purpose?: string, document = FILE) {
  const result = await federation.query<FileView>(document, {
    token,
    purpose,
    variables: { id: REPRESENTATIVE },
  });
  expect(result.errors).toBeUndefined();
  return { ...result.data!.subject, requestId: result.headers.get("x-request-id")! };
}

const titles = (rows: Row[]) => rows.map((row) => row.title).sort();

describe("an organisation's items on a responsible person's file (PCIM art. 26)", () => {
  it("are not opened by the person's consent: a consent covers the person's own records", async () => {
    const bank = await federation.token({ role: "ORGANIZATION", org: PERSONS_BANK });
    const view = await readFile(bank, "CREDIT_LENDING");
    expect(titles(view.records)).toEqual([TITLES.PUBLIC]);
    expect(view.relatedEntries.map((entry) => entry.tier)).toEqual(["PUBLIC"]);
  });

  it("are opened by the organisation's consent, related entry and all", async () => {
    const bank = await federation.token({ role: "ORGANIZATION", org: COMPANYS_BANK });
    const view = await readFile(bank, "CREDIT_LENDING");
    expect(titles(view.records)).toEqual([TITLES.AUTHORIZED, TITLES.PUBLIC].sort());
    expect(view.records.every((row) => row.relation === "LEGAL_REPRESENTATIVE")).toBe(true);
    const authorized = view.relatedEntries.find((entry) => entry.tier === "AUTHORIZED");
    expect(authorized).toMatchObject({
      record: { title: TITLES.AUTHORIZED, attributes: { facts: "AUTHORIZED 事实" } },
    });
  });

  it("follow the organisation's tier: a government body on duty reads the government-shared item", async () => {
    const government = await federation.token({ role: "GOVERNMENT", org: "HA-GOV" });
    const view = await readFile(government, "ADMINISTRATIVE_LICENSING");
    expect(titles(view.records)).toEqual([TITLES.GOVERNMENT, TITLES.PUBLIC].sort());
    expect(view.relatedEntries.map((entry) => entry.tier).sort()).toEqual(["GOVERNMENT", "PUBLIC"]);
  });

  it("show the person every entry and its relation, but the organisation's non-public details only where the public reads them", async () => {
    const person = await federation.token({ role: "SUBJECT", subject: REPRESENTATIVE });
    const view = await readFile(person);
    expect(titles(view.records)).toEqual([TITLES.PUBLIC]);
    expect(JSON.stringify(view)).not.toContain(TITLES.GOVERNMENT);
    expect(JSON.stringify(view)).not.toContain(TITLES.AUTHORIZED);
    expect(JSON.stringify(view)).not.toContain("AUTHORIZED 事实");
    const byTier = new Map(view.relatedEntries.map((entry) => [entry.tier, entry]));
    expect([...byTier.keys()].sort()).toEqual(["AUTHORIZED", "GOVERNMENT", "PUBLIC"]);
    for (const tier of ["GOVERNMENT", "AUTHORIZED"]) {
      expect(byTier.get(tier)).toEqual({
        id: expect.any(String),
        relation: "LEGAL_REPRESENTATIVE",
        relationFrom: REPRESENTATIVE_SINCE,
        relationTo: null,
        organisation: { name: "关联记录有限公司" },
        kind: "ADMINISTRATIVE_PENALTY",
        category: "NEGATIVE",
        severity: "SEVERE",
        tier,
        provider: "HA-SAMR",
        decidedOn: daysAgo(10),
        expiresOn: expect.any(String),
        status: "ACTIVE",
        record: null,
      });
    }
    expect(byTier.get("PUBLIC")).toMatchObject({
      relation: "LEGAL_REPRESENTATIVE",
      record: { title: TITLES.PUBLIC },
    });
  });

  it("show nothing of the entries to the public beyond the public item", async () => {
    const view = await readFile(undefined);
    expect(titles(view.records)).toEqual([TITLES.PUBLIC]);
    expect(view.relatedEntries.map((entry) => entry.tier)).toEqual(["PUBLIC"]);
  });

  it("are audited as the organisation's data, under the organisation's consent", async () => {
    // Without `organisation { name }`, whose read under the same consent the subjects subgraph would audit.
    const records = `query ($id: String!) { subject(identifier: $id) { records { title } relatedEntries { tier record { title } } } }`;
    const bank = await federation.token({ role: "ORGANIZATION", org: COMPANYS_BANK });
    const person = await federation.token({ role: "SUBJECT", subject: REPRESENTATIVE });
    const db = federation.connection.db;
    const consent = await db
      .selectFrom("consents")
      .select("id")
      .where("subject_identifier", "=", COMPANY)
      .where("grantee", "=", COMPANYS_BANK)
      .executeTakeFirstOrThrow();
    for (const [token, purpose, consentIds] of [
      [bank, "CREDIT_LENDING", [consent.id]],
      [person, undefined, []],
    ] as const) {
      const { requestId } = await readFile(token, purpose, records);
      const event = await db
        .selectFrom("audit_events")
        .select(["id", "consent_ids"])
        .where("request_id", "=", requestId)
        .executeTakeFirstOrThrow();
      const accesses = await db
        .selectFrom("audit_accesses")
        .selectAll()
        .where("event_id", "=", event.id)
        .where("subgraph", "=", "records")
        .execute();
      expect(accesses.map((access) => `${access.entity_type}:${access.subject_identifier}`).sort()).toEqual([
        `CreditRecord:${COMPANY}`,
        `RelatedEntry:${COMPANY}`,
      ]);
      expect(event.consent_ids).toEqual(consentIds);
    }
  });
});
