import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../../test/fixtures";
import type { Purpose } from "../../platform/viewer";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";

let slice: SliceTest;
const OWNER = citizenId(950);
const BANK = "BANK-CONSENT";
/** The subject's authorized-tier records, read through the records slice as the gateway's plan would (test/slice.ts#readSubject). */
const READ = { records: "records(tier: AUTHORIZED) { title }" };
const GRANT = `mutation ($input: ConsentInput!) { grantConsent(input: $input) { id grantee purpose valid evidenceHash } }`;

beforeAll(async () => {
  slice = await startSliceTest();
  const provider: SliceViewer = { role: "PROVIDER", org: "HA-NDRC" };
  await slice.execute(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      viewer: provider,
      variables: {
        records: [
          {
            subject: { identifier: OWNER, name: "授权人", kind: "NATURAL_PERSON" },
            category: "OTHER",
            kind: "PLEDGE_MORTGAGE",
            tier: "AUTHORIZED",
            title: "不动产抵押登记",
            documentNumber: "C-1",
            decidedOn: daysAgo(20),
          },
        ],
      },
    },
  );
});
afterAll(async () => slice?.stop());

describe("consent (PCIM art. 21)", () => {
  it("lets the subject grant a consent that opens its authorized tier to that organisation and purpose only, until revoked", async () => {
    const subject: SliceViewer = { role: "SUBJECT", subject: OWNER };
    const bank: SliceViewer = { role: "ORGANIZATION", org: BANK };
    const readAs = (purpose: Purpose, viewer = bank) =>
      slice.readSubject<{ records: Array<{ title: string }> }>(OWNER, READ, {
        viewer: { ...viewer, purpose },
      });

    expect(errorCodes(await readAs("CREDIT_LENDING"))).toEqual(["CONSENT_REQUIRED"]);
    const granted = await slice.execute<{
      grantConsent: { id: string; valid: boolean; evidenceHash: string };
    }>("subjects", GRANT, {
      viewer: subject,
      variables: {
        input: {
          grantee: BANK,
          purpose: "CREDIT_LENDING",
          validUntil: new Date(slice.clock.now().getTime() + 86_400_000).toISOString(),
          evidence: "签字授权书 2026-11-21",
        },
      },
    });
    expect(granted.data!.grantConsent).toMatchObject({
      valid: true,
      evidenceHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await readAs("CREDIT_LENDING")).data!.subject.records).toEqual([{ title: "不动产抵押登记" }]);
    expect(errorCodes(await readAs("BUSINESS_COOPERATION"))).toEqual(["CONSENT_REQUIRED"]);
    const otherBank: SliceViewer = { role: "ORGANIZATION", org: "BANK-OTHER" };
    expect(errorCodes(await readAs("CREDIT_LENDING", otherBank))).toEqual(["CONSENT_REQUIRED"]);

    const stranger: SliceViewer = { role: "SUBJECT", subject: citizenId(951) };
    const REVOKE = `mutation ($id: ID!) { revokeConsent(id: $id) { valid revokedAt } }`;
    expect(
      errorCodes(
        await slice.execute("subjects", REVOKE, {
          viewer: stranger,
          variables: { id: granted.data!.grantConsent.id },
        }),
      ),
    ).toEqual(["NOT_FOUND"]);
    const revoked = await slice.execute<{ revokeConsent: { valid: boolean } }>("subjects", REVOKE, {
      viewer: subject,
      variables: { id: granted.data!.grantConsent.id },
    });
    expect(revoked.data!.revokeConsent.valid).toBe(false);
    expect(errorCodes(await readAs("CREDIT_LENDING"))).toEqual(["CONSENT_REQUIRED"]);

    const mine = await slice.execute<{ myConsents: Array<{ grantee: string; valid: boolean }> }>(
      "subjects",
      `{ myConsents { grantee valid } }`,
      { viewer: subject },
    );
    expect(mine.data!.myConsents).toEqual([{ grantee: BANK, valid: false }]);
  });

  it("does not open anything before the consent begins", async () => {
    const subject: SliceViewer = { role: "SUBJECT", subject: OWNER };
    const future = await slice.execute<{ grantConsent: { valid: boolean } }>("subjects", GRANT, {
      viewer: subject,
      variables: {
        input: {
          grantee: BANK,
          purpose: "EMPLOYMENT_SCREENING",
          validFrom: new Date(slice.clock.now().getTime() + 3_600_000).toISOString(),
          validUntil: new Date(slice.clock.now().getTime() + 86_400_000).toISOString(),
        },
      },
    });
    expect(future.data!.grantConsent.valid).toBe(false);
    const bank: SliceViewer = { role: "ORGANIZATION", org: BANK };
    const result = await slice.readSubject(OWNER, READ, {
      viewer: { ...bank, purpose: "EMPLOYMENT_SCREENING" },
    });
    expect(errorCodes(result)).toEqual(["CONSENT_REQUIRED"]);
  });

  it("is for the subject itself only, and checks the window", async () => {
    const bank: SliceViewer = { role: "ORGANIZATION", org: BANK };
    const input = {
      grantee: BANK,
      purpose: "CREDIT_LENDING",
      validUntil: new Date(slice.clock.now().getTime() + 86_400_000).toISOString(),
    };
    expect(
      errorCodes(await slice.execute("subjects", GRANT, { viewer: bank, variables: { input } })),
    ).toEqual(["FORBIDDEN"]);
    const subject: SliceViewer = { role: "SUBJECT", subject: OWNER };
    const past = await slice.execute("subjects", GRANT, {
      viewer: subject,
      variables: {
        input: { ...input, validUntil: new Date(slice.clock.now().getTime() - 1_000).toISOString() },
      },
    });
    expect(errorCodes(past)).toEqual(["BAD_USER_INPUT"]);
  });
});
