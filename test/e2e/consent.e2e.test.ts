import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
const OWNER = citizenId(950);
const BANK = "BANK-CONSENT";
const READ = `query ($id: String!) { subject(identifier: $id) { employer { name } records(tier: AUTHORIZED) { title } } }`;
const GRANT = `mutation ($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose valid evidenceHash } }`;

beforeAll(async () => {
  federation = await startTestFederation();
  const provider = await federation.token({ role: "PROVIDER", org: "HA-NDRC" });
  await federation.query(`mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`, {
    token: provider,
    variables: {
      records: [
        { subject: { identifier: OWNER, name: "授权人", kind: "NATURAL_PERSON" }, category: "OTHER", kind: "PLEDGE_MORTGAGE", tier: "AUTHORIZED", title: "不动产抵押登记", documentNumber: "C-1", decidedOn: daysAgo(20) },
      ],
    },
  });
});
afterAll(async () => federation?.stop());

describe("consent (PCIM art. 21), end to end", () => {
  it("lets the subject grant a consent that opens its authorized tier to that organisation and purpose only, until revoked", async () => {
    const subject = await federation.token({ role: "SUBJECT", subject: OWNER });
    const bank = await federation.token({ role: "ORGANIZATION", org: BANK });
    const readAs = (purpose: string, token = bank) => federation.query<{ subject: { records: Array<{ title: string }> } }>(READ.replace(" employer { name }", ""), { token, purpose, variables: { id: OWNER } });

    expect(errorCodes(await readAs("CREDIT_LENDING"))).toEqual(["CONSENT_REQUIRED"]);
    const granted = await federation.query<{ grantConsent: { id: string; valid: boolean; evidenceHash: string } }>(GRANT, {
      token: subject,
      variables: { input: { grantee: BANK, purpose: "CREDIT_LENDING", validUntil: new Date(federation.clock.now().getTime() + 86_400_000).toISOString(), evidence: "签字授权书 2026-11-21" } },
    });
    expect(granted.data!.grantConsent).toMatchObject({ valid: true, evidenceHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((await readAs("CREDIT_LENDING")).data!.subject.records).toEqual([{ title: "不动产抵押登记" }]);
    expect(errorCodes(await readAs("BUSINESS_COOPERATION"))).toEqual(["CONSENT_REQUIRED"]);
    const otherBank = await federation.token({ role: "ORGANIZATION", org: "BANK-OTHER" });
    expect(errorCodes(await readAs("CREDIT_LENDING", otherBank))).toEqual(["CONSENT_REQUIRED"]);

    const stranger = await federation.token({ role: "SUBJECT", subject: citizenId(951) });
    const REVOKE = `mutation ($id: ID!) { revokeConsent(id: $id) { valid revokedAt } }`;
    expect(errorCodes(await federation.query(REVOKE, { token: stranger, variables: { id: granted.data!.grantConsent.id } }))).toEqual(["NOT_FOUND"]);
    const revoked = await federation.query<{ revokeConsent: { valid: boolean } }>(REVOKE, { token: subject, variables: { id: granted.data!.grantConsent.id } });
    expect(revoked.data!.revokeConsent.valid).toBe(false);
    expect(errorCodes(await readAs("CREDIT_LENDING"))).toEqual(["CONSENT_REQUIRED"]);

    const mine = await federation.query<{ myConsents: Array<{ grantee: string; valid: boolean }> }>(`{ myConsents { grantee valid } }`, { token: subject });
    expect(mine.data!.myConsents).toEqual([{ grantee: BANK, valid: false }]);
  });

  it("does not open anything before the consent begins", async () => {
    const subject = await federation.token({ role: "SUBJECT", subject: OWNER });
    const future = await federation.query<{ grantConsent: { valid: boolean } }>(GRANT, {
      token: subject,
      variables: {
        input: { grantee: BANK, purpose: "EMPLOYMENT_SCREENING", validFrom: new Date(federation.clock.now().getTime() + 3_600_000).toISOString(), validUntil: new Date(federation.clock.now().getTime() + 86_400_000).toISOString() },
      },
    });
    expect(future.data!.grantConsent.valid).toBe(false);
    const bank = await federation.token({ role: "ORGANIZATION", org: BANK });
    const result = await federation.query(READ.replace(" employer { name }", ""), { token: bank, purpose: "EMPLOYMENT_SCREENING", variables: { id: OWNER } });
    expect(errorCodes(result)).toEqual(["CONSENT_REQUIRED"]);
  });

  it("is for the subject itself only, and checks the window", async () => {
    const bank = await federation.token({ role: "ORGANIZATION", org: BANK });
    const input = { grantee: BANK, purpose: "CREDIT_LENDING", validUntil: new Date(federation.clock.now().getTime() + 86_400_000).toISOString() };
    expect(errorCodes(await federation.query(GRANT, { token: bank, variables: { input } }))).toEqual(["FORBIDDEN"]);
    const subject = await federation.token({ role: "SUBJECT", subject: OWNER });
    const past = await federation.query(GRANT, { token: subject, variables: { input: { ...input, validUntil: new Date(federation.clock.now().getTime() - 1_000).toISOString() } } });
    expect(errorCodes(past)).toEqual(["BAD_USER_INPUT"]);
  });
});
