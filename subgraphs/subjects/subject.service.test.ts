import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { submitRecords } from "../records/credit-record.service";
import {
  findSubject,
  registerSubject,
  resolveResponsiblePersons,
  revealSubjectField,
  searchOrganisations,
} from "./subject.service";

/**
 * The subjects slice at its own height: who finds whom (a person only by ID number, and for the public only with
 * public information in force: no existence oracle), a caller's budget of persons, which guarded field needs a
 * purpose or a consent, and who registers what (refused registrations write nothing). Clock: 20 November 2026.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
const context = (viewer: SliceViewer) => slice.context("subjects", viewer);
const COMPANY = { identifier: uscc(9901), name: "主体测试科技有限公司", kind: "LEGAL_PERSON" } as const;
const LISTED_PERSON = {
  identifier: citizenId(991),
  name: personName("公开", 991),
  kind: "NATURAL_PERSON",
} as const;
const QUIET_PERSON = {
  identifier: citizenId(992),
  name: personName("未公开", 992),
  kind: "NATURAL_PERSON",
} as const;
const REPRESENTATIVE = {
  identifier: citizenId(993),
  name: personName("代表", 993),
  kind: "NATURAL_PERSON",
} as const;
const CENTRE = { role: "CREDIT_CENTER", org: "HA-CREDIT" } as const;
const SAMR = { role: "PROVIDER", org: "HA-SAMR" } as const;
const subjects = async () =>
  Number(
    (
      await slice.db
        .selectFrom("subjects")
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  // A budget of 8 persons an hour: the rule is the same at 30, the test shorter.
  slice = await startSliceTest({ now: NOW, environment: { CREDIT_PUBLIC_PERSON_LOOKUPS_PER_HOUR: "8" } });
  const records = await slice.context("records", { role: "PROVIDER", org: "HA-TAX" });
  await submitRecords(records, [
    {
      subject: COMPANY,
      category: "BASIC",
      kind: "BUSINESS_REGISTRATION",
      tier: "PUBLIC",
      title: "营业执照",
      documentNumber: "SUB-1",
      decidedOn: "2020-01-01",
    },
    {
      subject: LISTED_PERSON,
      category: "NEGATIVE",
      kind: "TAX_ARREARS",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "欠缴个人所得税",
      documentNumber: "SUB-2",
      decidedOn: "2026-11-01",
    },
    {
      subject: QUIET_PERSON,
      category: "NEGATIVE",
      kind: "VIOLATION",
      severity: "GENERAL",
      tier: "GOVERNMENT",
      title: "违规",
      documentNumber: "SUB-3",
      decidedOn: "2026-11-01",
    },
  ]);
  await slice.db
    .updateTable("credit_records")
    .set({ publication: "PUBLISHED" })
    .where("document_number", "=", "SUB-2")
    .execute();
});
afterAll(async () => slice?.stop());

describe("findSubject", () => {
  it("finds an organisation for anyone, and names it in the disclosure log at the public tier", async () => {
    const reader = await context({ role: "PUBLIC" });
    const found = await findSubject(reader, COMPANY.identifier);
    expect(found).toMatchObject({ kind: "LEGAL_PERSON", name: COMPANY.name, identifier: COMPANY.identifier });
    expect(reader.disclosures.summary()).toMatchObject([
      { entityType: "Subject", tiers: ["PUBLIC"], subjectIdentifiers: [COMPANY.identifier] },
    ]);
  });

  it("shows the public a person only with public information in force, masked; one without is as unknown as no one", async () => {
    const reader = await context({ role: "PUBLIC" });
    expect((await findSubject(reader, LISTED_PERSON.identifier))?.identifier).not.toBe(
      LISTED_PERSON.identifier,
    );
    expect(await findSubject(reader, QUIET_PERSON.identifier)).toBeNull();
    expect(await findSubject(reader, citizenId(999))).toBeNull();
    expect(reader.disclosures.summary().flatMap((group) => group.subjectIdentifiers)).toEqual([
      LISTED_PERSON.identifier,
    ]);
  });

  it("refuses a malformed identifier as INVALID_IDENTIFIER and a role that reads no subject data as FORBIDDEN", async () => {
    expect(
      await refusalOf(async () => findSubject(await context({ role: "PUBLIC" }), "11010119900307123X")),
    ).toBe("INVALID_IDENTIFIER");
    expect(
      await refusalOf(async () => findSubject(await context({ role: "AUDITOR" }), COMPANY.identifier)),
    ).toBe("FORBIDDEN");
  });
});

describe("revealSubjectField", () => {
  it("asks a GOVERNMENT caller for its purpose, an ORGANIZATION for the person's consent, before a guarded field", async () => {
    const asGovernment = await context({ role: "GOVERNMENT", org: "HA-GOV" });
    const person = (await findSubject(asGovernment, QUIET_PERSON.identifier))!;
    expect(await refusalOf(() => revealSubjectField(asGovernment, person, "sex", "M"))).toBe(
      "PURPOSE_REQUIRED",
    );
    const lender = await context({ role: "ORGANIZATION", org: "BANK-6", purpose: "CREDIT_LENDING" });
    const seen = (await findSubject(lender, QUIET_PERSON.identifier))!;
    expect(await refusalOf(() => revealSubjectField(lender, seen, "employer", null))).toBe(
      "CONSENT_REQUIRED",
    );
    const duty = await context({ role: "GOVERNMENT", org: "HA-GOV", purpose: "ADMINISTRATIVE_LICENSING" });
    const onDuty = (await findSubject(duty, QUIET_PERSON.identifier))!;
    expect(revealSubjectField(duty, onDuty, "sex", "M")).toBe("M");
  });
});

describe("searchOrganisations", () => {
  it("finds organisations by part of their name, never a person, and refuses a name too short or a page too long", async () => {
    const reader = await context({ role: "PUBLIC" });
    expect(
      (await searchOrganisations(reader, "主体测试\u200b科技", 10)).map((subject) => subject.identifier),
    ).toEqual([COMPANY.identifier]);
    expect(await searchOrganisations(reader, personName("公开", 991), 10)).toEqual([]);
    expect(await refusalOf(() => searchOrganisations(reader, "主", 10))).toBe("BAD_USER_INPUT");
    expect(await refusalOf(() => searchOrganisations(reader, "主体", 51))).toBe("BAD_USER_INPUT");
  });
});

describe("registerSubject", () => {
  it("refuses a unit that registers no such subjects, and person facts on an organisation, writing nothing", async () => {
    const before = await subjects();
    expect(
      await refusalOf(async () =>
        registerSubject(await context({ role: "PROVIDER", org: "HA-TAX" }), {
          subject: COMPANY,
          registeredAddress: "淮安市",
        }),
      ),
    ).toBe("FORBIDDEN");
    expect(
      await refusalOf(async () =>
        registerSubject(await context(SAMR), {
          subject: COMPANY,
          stateEmployee: true,
          legalRepresentative: REPRESENTATIVE,
        }),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(
      await refusalOf(async () => registerSubject(await context({ role: "PUBLIC" }), { subject: COMPANY })),
    ).toBe("FORBIDDEN");
    expect(await subjects()).toBe(before);
  });

  it("records an organisation's facts and legal representative, the first registering unit owning it; a successor takes office after the holder it replaces", async () => {
    const registered = await registerSubject(await context(SAMR), {
      subject: COMPANY,
      registeredAddress: "淮安市清江浦区",
      nature: "有限责任公司",
      legalRepresentative: REPRESENTATIVE,
      relationsSince: "2020-01-01",
    });
    expect(registered.details).toMatchObject({ registeredAddress: "淮安市清江浦区", nature: "有限责任公司" });
    const centre = await context(CENTRE);
    const company = (await findSubject(centre, COMPANY.identifier))!;
    expect(
      (await resolveResponsiblePersons(centre, company)).map((person) => [
        person.relation,
        person.person.identifier,
      ]),
    ).toEqual([["LEGAL_REPRESENTATIVE", REPRESENTATIVE.identifier]]);
    expect(
      (
        await slice.db
          .selectFrom("subjects")
          .select("registered_by")
          .where("identifier", "=", COMPANY.identifier)
          .executeTakeFirstOrThrow()
      ).registered_by,
    ).toBe("HA-SAMR");
    expect(
      await refusalOf(async () =>
        registerSubject(await context({ role: "PROVIDER", org: "HA-HRSS" }), {
          subject: REPRESENTATIVE,
          occupationGroup: null,
        }),
      ),
    ).toBe("OK");
    expect(
      await refusalOf(async () =>
        registerSubject(await context(SAMR), {
          subject: COMPANY,
          legalRepresentative: QUIET_PERSON,
          relationsSince: "2019-12-31",
        }),
      ),
    ).toBe("BAD_USER_INPUT");
  });
});

describe("the person budget", () => {
  it("charges the persons a caller not entitled to them looks up, known or not, and refuses past the hourly budget", async () => {
    // Two hours on, last in this file: the lookups above are out of this hour's window.
    slice.clock.set("2026-11-20T12:00:00+08:00");
    const perHour = slice.config.rules.publicPersonLookupsPerHour;
    const caller = {
      role: "ORGANIZATION",
      org: "BANK-5",
      sub: "bank-5-clerk",
      purpose: "CREDIT_LENDING",
    } as const;
    for (let n = 0; n < perHour; n += 1) await findSubject(await context(caller), citizenId(500 + n));
    expect(await refusalOf(async () => findSubject(await context(caller), citizenId(500 + perHour)))).toBe(
      "RATE_LIMITED",
    );
    // A person already charged this hour is looked up again without a new charge; the subject itself is never charged.
    expect(await refusalOf(async () => findSubject(await context(caller), citizenId(500)))).toBe("OK");
  });
});
