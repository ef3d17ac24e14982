import { createPublicKey } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSubgraphKey } from "../../platform/subgraph-signature";
import { citizenId, daysAgo } from "../fixtures";
import { startTestFederation, type TestFederation } from "../harness";
import { runCommand } from "../processes";

/** `npm run report:verify`, as an organisation runs it on a file it was given (credit-report.e2e tests the report itself). */
let federation: TestFederation;
let pdf: Buffer;

beforeAll(async () => {
  federation = await startTestFederation({ now: "2026-11-18T10:00:00+08:00" });
  const person = { identifier: citizenId(991), name: "核验人", kind: "NATURAL_PERSON" };
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const submitted = await federation.query(
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
            documentNumber: "RV-1",
            decidedOn: daysAgo(100, federation.clock.now()),
          },
        ],
      },
    },
  );
  expect(submitted.errors).toBeUndefined();
  const issued = await federation.query<{ myCreditReport: { pdfBase64: string } }>(
    `mutation ($input: CreditReportInput!) { myCreditReport(input: $input) { pdfBase64 } }`,
    {
      token: await federation.token({ role: "SUBJECT", subject: person.identifier }),
      variables: { input: { purpose: "EMPLOYMENT_SCREENING" } },
    },
  );
  expect(issued.errors).toBeUndefined();
  pdf = Buffer.from(issued.data!.myCreditReport.pdfBase64, "base64");
}, 120_000);
afterAll(async () => federation?.stop());

describe("npm run report:verify", () => {
  it("passes the PDF as issued and fails it with one byte changed", async () => {
    const directory = await mkdtemp(join(tmpdir(), "credit-report-"));
    try {
      const genuinePath = join(directory, "report.pdf");
      const tamperedPath = join(directory, "tampered.pdf");
      await writeFile(genuinePath, pdf);
      const tampered = Buffer.from(pdf);
      const offset = tampered.indexOf(Buffer.from("/Title"));
      tampered[offset + 1] = "t".charCodeAt(0);
      await writeFile(tamperedPath, tampered);
      const key = encodeSubgraphKey(createPublicKey(federation.reportSigningKey));
      const genuine = await runCommand(["report:verify", "--", genuinePath, "--key", key], {});
      expect(genuine.code, genuine.stderr).toBe(0);
      expect(genuine.stdout).toContain("GENUINE");
      const changed = await runCommand(["report:verify", "--", tamperedPath, "--key", key], {});
      expect(changed.code).toBe(1);
      expect(changed.stderr).toContain("NOT GENUINE");
      const viaGateway = await runCommand(
        [
          "report:verify",
          "--",
          genuinePath,
          "--key-url",
          new URL("/.well-known/credit-report-key", federation.gatewayUrl).toString(),
        ],
        {},
      );
      expect(viaGateway.code, viaGateway.stderr).toBe(0);
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  }, 120_000);
});
