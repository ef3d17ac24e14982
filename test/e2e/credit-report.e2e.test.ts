import { createPublicKey } from "node:crypto";
import { PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { publishedReportKey, verifyReportContent, verifyReportFile } from "../../platform/report-signature";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";

/**
 * A subject downloads a signed credit report; an organisation given its code verifies it and sees
 * what it said (and whether the file changed since); the subject sees the verification; a changed byte fails
 * `npm run report:verify`; revoked and expired codes open nothing; code guessing is budgeted.
 */

let federation: TestFederation;
const PERSON = citizenId(990);
const NAME = "报告人";
const CODES_PER_HOUR = 6;
let subject: string;
let provider: string;
let ids: {
  publicRecord: string;
  governmentRecord: string;
  authorizedRecord: string;
  expiredRecord: string;
  withheldRecord: string;
};

const ISSUE = `mutation ($input: CreditReportInput!) { myCreditReport(input: $input) { id verificationCode issuedAt validUntil status purpose tiers content contentSignature keyId fileSha256 pdfBase64 } }`;
const VERIFY = `query ($code: String!) { verifyCreditReport(code: $code) { genuine status issuedAt validUntil revokedAt keyId content contentSignature changedSinceIssue changedItemIds } }`;

type Issued = {
  id: string;
  verificationCode: string;
  content: {
    records: Array<{ id: string; title: string }>;
    listEntries: unknown[];
    workflows: unknown[];
    subject: { identifier: string };
  };
  contentSignature: string;
  pdfBase64: string;
  keyId: string;
  status: string;
};
type Verification = {
  genuine: boolean;
  status: string;
  content: Issued["content"] | null;
  contentSignature: string | null;
  changedSinceIssue: boolean | null;
  changedItemIds: string[];
};

async function issue(input: Record<string, unknown>): Promise<Issued> {
  const result = await federation.query<{ myCreditReport: Issued }>(ISSUE, {
    token: subject,
    variables: { input },
  });
  expect(result.errors).toBeUndefined();
  return result.data!.myCreditReport;
}

async function verify(code: string, options: { purpose?: string | null; org?: string } = {}) {
  const token = await federation.token({ role: "ORGANIZATION", org: options.org ?? "HR-ACME" });
  return federation.query<{ verifyCreditReport: Verification }>(VERIFY, {
    token,
    purpose: options.purpose === null ? undefined : (options.purpose ?? "EMPLOYMENT_SCREENING"),
    variables: { code },
  });
}

beforeAll(async () => {
  federation = await startTestFederation({
    now: "2026-11-18T10:00:00+08:00",
    environment: { CREDIT_REPORT_CODES_PER_HOUR: String(CODES_PER_HOUR) },
  });
  subject = await federation.token({ role: "SUBJECT", subject: PERSON });
  provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const person = { identifier: PERSON, name: NAME, kind: "NATURAL_PERSON" };
  const on = (days: number) => daysAgo(days, federation.clock.now());
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
            tier: "PUBLIC",
            title: "公开的行政处罚",
            documentNumber: "CR-1",
            decidedOn: on(100),
          },
          {
            subject: person,
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "GOVERNMENT",
            title: "政府共享的行政处罚",
            documentNumber: "CR-2",
            decidedOn: on(30),
          },
          {
            subject: person,
            category: "OTHER",
            kind: "PLEDGE_MORTGAGE",
            tier: "AUTHORIZED",
            title: "不动产抵押登记",
            documentNumber: "CR-3",
            decidedOn: on(20),
          },
          {
            subject: person,
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "已过期的行政处罚",
            documentNumber: "CR-4",
            decidedOn: on(400),
          },
          {
            subject: person,
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "PUBLIC",
            title: "另一项行政处罚",
            documentNumber: "CR-5",
            decidedOn: on(60),
          },
        ],
      },
    },
  );
  expect(submitted.errors).toBeUndefined();
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);
  const [publicRecord, governmentRecord, authorizedRecord, expiredRecord, withheldRecord] = submitted.data!
    .submitRecords.ids as [string, string, string, string, string];
  ids = { publicRecord, governmentRecord, authorizedRecord, expiredRecord, withheldRecord };
  // Prohibited data stored by a path around ingestion (defence in depth, PCIM art. 14): a report never carries it.
  await federation.connection.db
    .updateTable("credit_records")
    .set({ title: "行政处罚（当事人血型为A型）" })
    .where("id", "=", withheldRecord)
    .execute();
}, 120_000);
afterAll(async () => federation?.stop());

describe("prohibited data stored all the same (PCIM arts. 14 and 28(2))", () => {
  it("reaches the subject itself, who may object to it; everyone else — a token that names the subject under another role included — is shown it withheld", async () => {
    const RECORDS = `query ($id: String!) { subject(identifier: $id) { records { id title } } }`;
    const titleAs = async (token: string | undefined) => {
      const answer = await federation.query<{
        subject: { records: Array<{ id: string; title: string | null }> } | null;
      }>(RECORDS, { ...(token ? { token } : {}), variables: { id: PERSON } });
      expect(answer.errors).toBeUndefined();
      return answer.data!.subject!.records.find((record) => record.id === ids.withheldRecord)!.title;
    };
    expect(await titleAs(subject)).toBe("行政处罚（当事人血型为A型）");
    for (const token of [
      provider,
      undefined,
      await federation.token({ role: "PROVIDER", org: "HA-SAMR", subject: PERSON }),
    ])
      expect(await titleAs(token)).not.toContain("血型");
  });
});

describe("myCreditReport", () => {
  it("shows the public tier in force by default: no other tier, nothing expired, no prohibited data, the person's number masked", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    expect(report).toMatchObject({
      status: "VALID",
      verificationCode: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
    });
    const shown = report.content.records.map((record) => record.id).sort();
    expect(shown).toEqual([ids.publicRecord, ids.withheldRecord].sort());
    expect(JSON.stringify(report.content)).not.toContain("血型");
    expect(report.content.subject.identifier).toBe(`${PERSON.slice(0, 6)}********${PERSON.slice(-4)}`);
    const key = createPublicKey(federation.reportSigningKey);
    expect(verifyReportContent(key, report.content, report.contentSignature)).toBe(true);
  });

  it("adds only the tiers the subject chooses", async () => {
    const government = await issue({ purpose: "PUBLIC_RESOURCE_TRADING", tiers: ["GOVERNMENT"] });
    expect(government.content.records.map((record) => record.id)).toContain(ids.governmentRecord);
    expect(government.content.records.map((record) => record.id)).not.toContain(ids.authorizedRecord);
    const all = await issue({ purpose: "CREDIT_LENDING", tiers: ["GOVERNMENT", "AUTHORIZED"] });
    expect(all.content.records.map((record) => record.id).sort()).toEqual(
      [ids.publicRecord, ids.governmentRecord, ids.authorizedRecord, ids.withheldRecord].sort(),
    );
    expect(all.content.records.map((record) => record.id)).not.toContain(ids.expiredRecord);
  });

  it("is a signed PDF with a QR code on every page, whose every byte the signature covers", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const file = Buffer.from(report.pdfBase64, "base64");
    expect(file.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const key = createPublicKey(federation.reportSigningKey);
    expect(verifyReportFile(key, file).genuine).toBe(true);
    const pdf = await PDFDocument.load(file);
    for (const page of pdf.getPages())
      expect(page.node.Resources()!.lookup(PDFName.of("XObject"))).toBeDefined();
    const attachment = file.includes(Buffer.from("credit-report.json"));
    expect(attachment).toBe(true);
    for (const offset of [0, 100, Math.floor(file.length / 2), file.length - 120, file.length - 3]) {
      const tampered = Buffer.from(file);
      tampered[offset] = tampered[offset]! ^ 0x01;
      expect(verifyReportFile(key, tampered).genuine, `byte ${offset} changed`).toBe(false);
    }
  });

  it("is the subject's own, and bounded", async () => {
    const bank = await federation.token({ role: "ORGANIZATION", org: "HR-ACME" });
    expect(
      errorCodes(
        await federation.query(ISSUE, {
          token: bank,
          purpose: "EMPLOYMENT_SCREENING",
          variables: { input: { purpose: "EMPLOYMENT_SCREENING" } },
        }),
      ),
    ).toEqual(["FORBIDDEN"]);
    for (const validDays of [0, 91, -3]) {
      expect(
        errorCodes(
          await federation.query(ISSUE, {
            token: subject,
            variables: { input: { purpose: "EMPLOYMENT_SCREENING", validDays } },
          }),
        ),
      ).toEqual(["BAD_USER_INPUT"]);
    }
    const stranger = await federation.token({ role: "SUBJECT", subject: citizenId(991) });
    expect(
      errorCodes(
        await federation.query(ISSUE, {
          token: stranger,
          variables: { input: { purpose: "EMPLOYMENT_SCREENING" } },
        }),
      ),
    ).toEqual(["NOT_FOUND"]);
  });
});

describe("verifyCreditReport", () => {
  it("shows an organisation given the code what the report said, and the subject sees the verification in myAccessLog", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const result = await verify(report.verificationCode.toLowerCase().replaceAll("-", " "), {
      org: "HR-VERIFIER",
    });
    expect(result.errors).toBeUndefined();
    expect(result.data!.verifyCreditReport).toMatchObject({
      genuine: true,
      status: "VALID",
      content: report.content,
      contentSignature: report.contentSignature,
      changedSinceIssue: false,
      changedItemIds: [],
    });
    const log = await federation.query<{
      myAccessLog: {
        edges: Array<{
          node: { org: string | null; purpose: string | null; role: string; operationName: string | null };
        }>;
      };
    }>(`{ myAccessLog(first: 50) { edges { node { org purpose role operationName } } } }`, {
      token: subject,
    });
    expect(log.data!.myAccessLog.edges.map((edge) => edge.node)).toContainEqual(
      expect.objectContaining({ org: "HR-VERIFIER", purpose: "EMPLOYMENT_SCREENING", role: "ORGANIZATION" }),
    );
  });

  it("needs an accountable caller with a declared purpose, and answers an unknown code with UNKNOWN, a malformed one with BAD_USER_INPUT", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    expect(errorCodes(await verify(report.verificationCode, { purpose: null }))).toEqual([
      "PURPOSE_REQUIRED",
    ]);
    expect(
      errorCodes(await federation.query(VERIFY, { variables: { code: report.verificationCode } })),
    ).toEqual(["FORBIDDEN"]);
    expect((await verify("0000-0000-0000")).data!.verifyCreditReport).toMatchObject({
      genuine: false,
      status: "UNKNOWN",
      content: null,
    });
    expect(errorCodes(await verify("not a code"))).toEqual(["BAD_USER_INPUT"]);
  });

  it("is not genuine when the stored content no longer bears the signature", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const forged = { ...report.content, records: [] };
    await federation.connection.db
      .updateTable("credit_reports")
      .set({ content: JSON.stringify(forged) } as never)
      .where("id", "=", report.id)
      .execute();
    expect((await verify(report.verificationCode)).data!.verifyCreditReport).toMatchObject({
      genuine: false,
      status: "VALID",
    });
  });

  it("opens nothing once the subject revokes the code; only the subject can", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const REVOKE = `mutation ($id: ID!) { revokeCreditReport(id: $id) { status revokedAt } }`;
    const stranger = await federation.token({ role: "SUBJECT", subject: citizenId(991) });
    expect(
      errorCodes(await federation.query(REVOKE, { token: stranger, variables: { id: report.id } })),
    ).toEqual(["NOT_FOUND"]);
    const revoked = await federation.query<{ revokeCreditReport: { status: string } }>(REVOKE, {
      token: subject,
      variables: { id: report.id },
    });
    expect(revoked.data!.revokeCreditReport.status).toBe("REVOKED");
    expect((await verify(report.verificationCode)).data!.verifyCreditReport).toMatchObject({
      genuine: true,
      status: "REVOKED",
      content: null,
      contentSignature: null,
      changedSinceIssue: null,
    });
    const mine = await federation.query<{ myCreditReports: Array<{ id: string; status: string }> }>(
      `{ myCreditReports { id status } }`,
      { token: subject },
    );
    expect(mine.data!.myCreditReports).toContainEqual({ id: report.id, status: "REVOKED" });
  });

  it("opens nothing past the validity the subject chose", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING", validDays: 1 });
    const start = federation.clock.now();
    try {
      federation.clock.set(new Date(start.getTime() + 2 * 86_400_000));
      expect((await verify(report.verificationCode)).data!.verifyCreditReport).toMatchObject({
        genuine: true,
        status: "EXPIRED",
        content: null,
      });
    } finally {
      federation.clock.set(start);
    }
  });

  it("limits the distinct codes one caller may try in an hour, hits included", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const guesser = await federation.token({ role: "ORGANIZATION", org: "GUESSER" });
    const guess = (code: string) =>
      federation.query(VERIFY, { token: guesser, purpose: "EMPLOYMENT_SCREENING", variables: { code } });
    for (let n = 0; n < CODES_PER_HOUR; n++)
      expect(errorCodes(await guess(`ABCD-EFGH-${String(n).padStart(4, "0")}`))).toEqual([]);
    expect(errorCodes(await guess(report.verificationCode))).toEqual(["RATE_LIMITED"]);
    expect(errorCodes(await guess("ABCD-EFGH-0000"))).toEqual([]);
  });

  it("says the file changed since issue when an item it showed was corrected, naming only that item", async () => {
    const report = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    const centre = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const filed = await federation.query<{ fileObjection: { id: string } }>(
      `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
      {
        token: subject,
        variables: {
          input: { targetId: ids.publicRecord, ground: "WRONG_OR_INCOMPLETE", statement: "处罚已撤销" },
        },
      },
    );
    const MOVE = `mutation ($id: ID!, $to: ObjectionState!, $note: String) { moveObjection(id: $id, to: $to, note: $note) { state } }`;
    for (const [token, to] of [
      [centre, "UNDER_REVIEW"],
      [centre, "PROVIDER_VERIFYING"],
      [provider, "CORRECTED"],
    ] as const) {
      expect(
        (
          await federation.query(MOVE, {
            token,
            variables: { id: filed.data!.fileObjection.id, to, note: "已更正" },
          })
        ).errors,
      ).toBeUndefined();
    }
    const verification = (await verify(report.verificationCode)).data!.verifyCreditReport;
    expect(verification).toMatchObject({
      genuine: true,
      status: "VALID",
      content: report.content,
      changedSinceIssue: true,
      changedItemIds: [ids.publicRecord],
    });
    const fresh = await issue({ purpose: "EMPLOYMENT_SCREENING" });
    expect(fresh.content.records.map((record) => record.id)).not.toContain(ids.publicRecord);
    // The objection's outcome went with the item: a report never shows a workflow of an item it does not show.
    expect(fresh.content.workflows).toEqual([]);
    expect((await verify(fresh.verificationCode)).data!.verifyCreditReport).toMatchObject({
      changedSinceIssue: false,
      changedItemIds: [],
    });
  });
});

describe("the report key (npm run report:verify: report-verify.process.test.ts)", () => {
  it("publishes the public key at /.well-known/credit-report-key", async () => {
    const response = await fetch(new URL("/.well-known/credit-report-key", federation.gatewayUrl));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual(publishedReportKey(federation.reportSigningKey));
  });
});
