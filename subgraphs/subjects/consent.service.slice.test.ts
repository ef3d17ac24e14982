import "reflect-metadata";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName } from "../../test/fixtures";
import { refusalOf } from "../../test/refusal";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { listSubjectRecords, submitRecords } from "../records/credit-record.service";
import { findMyConsents, grantConsent, revokeConsent, type ConsentGrant } from "./consent.service";

/**
 * Consent at its own height (PCIM art. 21): the subject alone grants and revokes, for one organisation and one
 * purpose, for at most five years; a refused grant writes nothing; a grant opens the authorized tier to exactly
 * that reader and a revocation closes it at once; each is named in the disclosure log. Clock: 20 November 2026.
 */
let slice: SliceTest;
const NOW = "2026-11-20T10:00:00+08:00";
const context = (viewer: SliceViewer) => slice.context("subjects", viewer);
const PERSON = { identifier: citizenId(981), name: personName("同意", 981), kind: "NATURAL_PERSON" } as const;
const OWNER = { role: "SUBJECT", subject: PERSON.identifier } as const;
const BANK = { role: "ORGANIZATION", org: "BANK-3", purpose: "CREDIT_LENDING" } as const;
const grant = (overrides: Partial<ConsentGrant> = {}): ConsentGrant => ({
  grantee: " bank-3 ",
  purpose: "CREDIT_LENDING",
  validUntil: new Date("2027-11-20T00:00:00+08:00"),
  ...overrides,
});
const consents = async () =>
  slice.db.selectFrom("consents").selectAll().where("subject_identifier", "=", PERSON.identifier).execute();
let personId: string;
let authorizedId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
  const stored = await submitRecords(await slice.context("records", { role: "PROVIDER", org: "HA-SAMR" }), [
    {
      subject: PERSON,
      category: "OTHER",
      kind: "PLEDGE_MORTGAGE",
      tier: "AUTHORIZED",
      title: "股权出质登记",
      documentNumber: "CON-1",
      decidedOn: "2026-10-01",
    },
  ]);
  authorizedId = stored.ids[0]!;
  personId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", PERSON.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

const bankReads = async (viewer: SliceViewer = BANK) => {
  const records = await slice.context("records", viewer);
  return (await listSubjectRecords(records, personId, null, "AUTHORIZED")).map((record) => record.id);
};

describe("grantConsent", () => {
  it("is the subject's own: anyone else is FORBIDDEN, a subject with no file NOT_FOUND, and nothing is written", async () => {
    expect(await refusalOf(async () => grantConsent(await context(BANK), grant()))).toBe("FORBIDDEN");
    expect(await refusalOf(async () => grantConsent(await context({ role: "SUBJECT" }), grant()))).toBe(
      "FORBIDDEN",
    );
    expect(
      await refusalOf(async () =>
        grantConsent(await context({ role: "SUBJECT", subject: citizenId(982) }), grant()),
      ),
    ).toBe("NOT_FOUND");
    expect(await consents()).toEqual([]);
  });

  it("refuses a malformed grantee, an end in the past or before the start, or more than five years, writing nothing", async () => {
    const owner = await context(OWNER);
    for (const wrong of [
      { grantee: "银行" },
      { validUntil: new Date("2026-11-19T00:00:00+08:00") },
      { validFrom: new Date("2027-12-01T00:00:00+08:00") },
      { validUntil: new Date("2031-11-21T00:00:00+08:00") },
    ]) {
      expect(await refusalOf(() => grantConsent(owner, grant(wrong)))).toBe("BAD_USER_INPUT");
    }
    expect(await consents()).toEqual([]);
    expect(owner.disclosures.summary()).toEqual([]);
  });

  it("keeps the consent with its evidence hashed, and opens the authorized tier to that organisation for that purpose only", async () => {
    expect(await refusalOf(() => bankReads())).toBe("CONSENT_REQUIRED");
    const owner = await context(OWNER);
    const granted = await grantConsent(owner, grant({ evidence: "授权书扫描件" }));
    expect(granted).toMatchObject({
      grantee: "BANK-3",
      purpose: "CREDIT_LENDING",
      valid: true,
      revokedAt: null,
      evidenceHash: createHash("sha256").update("授权书扫描件").digest("hex"),
    });
    expect(owner.disclosures.summary()).toEqual([
      {
        entityType: "Consent",
        tiers: ["AUTHORIZED"],
        consentIds: [],
        subjectIds: [personId],
        subjectIdentifiers: [PERSON.identifier],
        counts: [1],
      },
    ]);
    expect(await bankReads()).toEqual([authorizedId]);
    expect(await refusalOf(() => bankReads({ ...BANK, purpose: "EMPLOYMENT_SCREENING" }))).toBe(
      "CONSENT_REQUIRED",
    );
    expect(await refusalOf(() => bankReads({ ...BANK, org: "BANK-4" }))).toBe("CONSENT_REQUIRED");
  });
});

describe("revokeConsent and findMyConsents", () => {
  it("lists the subject's own consents only", async () => {
    expect((await findMyConsents(await context(OWNER))).map((consent) => consent.grantee)).toEqual([
      "BANK-3",
    ]);
    expect(await findMyConsents(await context({ role: "SUBJECT", subject: citizenId(982) }))).toEqual([]);
    expect(await refusalOf(async () => findMyConsents(await context(BANK)))).toBe("FORBIDDEN");
  });

  it("is the subject's own: another subject is told NOT_FOUND and the consent stays valid", async () => {
    const [consent] = await consents();
    expect(
      await refusalOf(async () =>
        revokeConsent(await context({ role: "SUBJECT", subject: citizenId(982) }), consent!.id),
      ),
    ).toBe("NOT_FOUND");
    expect(await refusalOf(async () => revokeConsent(await context(OWNER), "not-a-uuid"))).toBe("NOT_FOUND");
    expect((await consents())[0]!.revoked_at).toBeNull();
  });

  it("closes the authorized tier at once, and a second revocation keeps the first one's time", async () => {
    const [consent] = await consents();
    const revoked = await revokeConsent(await context(OWNER), consent!.id);
    expect(revoked.valid).toBe(false);
    expect(await refusalOf(() => bankReads())).toBe("CONSENT_REQUIRED");
    slice.clock.set("2026-11-21T10:00:00+08:00");
    const again = await revokeConsent(await context(OWNER), consent!.id);
    expect(again.revokedAt).toEqual(revoked.revokedAt);
    slice.clock.set(NOW);
  });
});
