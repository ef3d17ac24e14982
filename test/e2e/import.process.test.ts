import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCK_FILE } from "../../db/data-directory-lock";
import { mintToken } from "../../platform/tokens";
import { daysAgo, uscc } from "../fixtures";
import { freePort, postGraphQL, runCommand, startService, type RunningService } from "../processes";

/**
 * `npm run import` against a running `npm start` on an embedded data directory: the records
 * go through the service's gateway, so they are visible at once, audited, and still there after a
 * restart; a second process on the directory refuses instead of working on a stale copy.
 */

const jwtSecret = randomBytes(32).toString("base64url");
const COMPANIES = [uscc(1601), uscc(1602), uscc(1603)];
let folder: string;
let dataDir: string;
let port: number;
let service: RunningService;
let environment: Record<string, string>;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "credit-import-"));
  dataDir = join(folder, "data");
  port = await freePort();
  environment = {
    CREDIT_DATA_DIR: dataDir,
    CREDIT_JWT_SECRET: jwtSecret,
    CREDIT_SEED: "none",
    CREDIT_GATEWAY_URL: `http://127.0.0.1:${port}/graphql`,
  };
  service = await startService(port, environment);
});

afterAll(async () => {
  await service?.stop();
  await rm(folder, { recursive: true, force: true });
});

const line = (n: number, extra: Record<string, unknown> = {}) => ({
  subject: {
    identifier: COMPANIES[n % COMPANIES.length],
    name: `导入公司${n % COMPANIES.length}`,
    kind: "LEGAL_PERSON",
  },
  category: "NEGATIVE",
  kind: "TAX_ARREARS",
  severity: "GENERAL",
  tier: "PUBLIC",
  title: `欠缴税款 ${n}`,
  documentNumber: `IMP-${n}`,
  decidedOn: daysAgo(3),
  attributes: { amountYuan: 1000 + n },
  ...extra,
});

const importFile = (path: string, provider = "HA-TAX") =>
  runCommand(["import", "--", "--provider", provider, path], environment);

async function publicRecordCount(url: string): Promise<number> {
  let count = 0;
  for (const identifier of [...COMPANIES, uscc(1700), uscc(1701)]) {
    const answer = await postGraphQL<{ subject: { records: unknown[] } | null }>(
      url,
      `query ($id: String!) { subject(identifier: $id) { records { title } } }`,
      { variables: { id: identifier } },
    );
    count += answer.data?.subject?.records.length ?? 0;
  }
  return count;
}

async function importEvents(url: string) {
  const auditor = await mintToken(jwtSecret, { role: "AUDITOR", org: "HA-AUDIT" });
  const answer = await postGraphQL<{
    auditEvents: {
      totalCount: number;
      edges: Array<{ node: { role: string; org: string; operationName: string; outcome: string } }>;
    };
  }>(
    url,
    `{ auditEvents(filter: { operation: "Import", org: "HA-TAX" }, first: 100) { totalCount edges { node { role org operationName outcome } } } }`,
    { token: auditor },
  );
  return answer.data!.auditEvents;
}

describe("npm run import through the running service (npm start, embedded data directory)", () => {
  it("submits a file in chunks through the gateway: every record readable at once, each chunk audited, a re-import adds nothing", async () => {
    const ndjson = join(folder, "good.ndjson");
    await writeFile(
      ndjson,
      Array.from({ length: 1_500 }, (_, index) => JSON.stringify(line(index))).join("\n") + "\n",
    );
    const csv = join(folder, "good.csv");
    await writeFile(
      csv,
      [
        "subject_identifier,subject_name,subject_kind,category,kind,severity,tier,title,document_number,decided_on,attributes",
        `${uscc(1700)},导入公司,LEGAL_PERSON,NEGATIVE,MARKET_ORDER_VIOLATION,SERIOUS,PUBLIC,围标串标,CSV-1,${daysAgo(9)},"{""amountYuan"":5000}"`,
        `${uscc(1701)},另一公司,LEGAL_PERSON,POSITIVE,HONOUR_AWARD,,PUBLIC,守合同重信用企业,CSV-2,${daysAgo(9)},`,
      ].join("\n"),
    );

    const first = await importFile(ndjson);
    expect(first.stderr).not.toMatch(/\n\s+at /);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stdout).toMatch(/imported 1500 records for HA-TAX .*: 1500 new, 0 already stored/);
    expect((await importFile(csv)).stdout).toMatch(/imported 2 records for HA-TAX .*: 2 new/);
    expect(await publicRecordCount(service.url)).toBe(1_502);

    const events = await importEvents(service.url);
    expect(events.totalCount).toBe(3);
    expect(events.edges.map((edge) => edge.node)).toEqual(
      Array.from({ length: 3 }, () => ({
        role: "PROVIDER",
        org: "HA-TAX",
        operationName: "Import",
        outcome: "OK",
      })),
    );

    expect((await importFile(ndjson)).stdout).toMatch(
      /imported 1500 records for HA-TAX .*: 0 new, 1500 already stored/,
    );
    expect(await publicRecordCount(service.url)).toBe(1_502);
  }, 180_000);

  it("refuses a file with an impossible date or any other bad line by line number, sends nothing, and prints no stack or row", async () => {
    const path = join(folder, "bad.ndjson");
    await writeFile(
      path,
      [
        JSON.stringify(line(5_001)),
        JSON.stringify(line(5_002, { decidedOn: "2026-02-30", title: "ROW-THAT-MUST-NOT-BE-DUMPED" })),
        "not json",
        JSON.stringify(line(5_004, { subject: { identifier: "12345", name: "x", kind: "LEGAL_PERSON" } })),
        // An organisation's own text is not searched (PCIM art. 14 protects persons); its legal representative's is.
        JSON.stringify(line(5_005, { attributes: { legalRepresentative: { Fingerprint: "…" } } })),
      ].join("\n"),
    );
    const before = (await importEvents(service.url)).totalCount;
    const refused = await importFile(path);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("line 2: decidedOn: a date YYYY-MM-DD that exists in the calendar");
    expect(refused.stderr).toContain("line 3: not valid JSON");
    expect(refused.stderr).toContain("line 4: subject.identifier:");
    expect(refused.stderr).toContain("line 4: subject.name:");
    expect(refused.stderr).toContain("line 5: attributes.legalRepresentative.<key 0>: prohibited data");
    expect(refused.stderr).toContain("5 problem(s); nothing was sent to the service");
    expect(refused.stderr).not.toMatch(/\n\s+at |ROW-THAT-MUST-NOT-BE-DUMPED/);
    expect((await importEvents(service.url)).totalCount).toBe(before);
  }, 60_000);

  it("makes a second process on the same data directory refuse, saying what to do", async () => {
    const commands = [
      ["audit:verify"],
      ["audit:export", "--", "--from", "2020-01-01T00:00:00Z", "--to", "2100-01-01T00:00:00Z"],
      ["seed", "--", "--subjects", "1"],
      ["start"],
    ];
    const other = { ...environment, PORT: String(await freePort()) };
    for (const command of commands) {
      const refused = await runCommand(command, other);
      expect({ command, code: refused.code }).toEqual({ command, code: 1 });
      expect(refused.stderr).toMatch(
        /the embedded database in .+ is held by a running process \(pid \d+: dist\/start\.js/,
      );
      expect(refused.stderr).toContain("npm run import submits through its gateway");
      expect(refused.stderr).toContain("stop it (Ctrl-C or SIGTERM) and run this command again");
    }
  }, 180_000);

  it("loses nothing when the service stops and starts again, and audit:verify then reads the whole live chain", async () => {
    const auditor = await mintToken(jwtSecret, { role: "AUDITOR", org: "HA-AUDIT" });
    const live = await postGraphQL<{ auditChain: { verified: boolean; length: number } }>(
      service.url,
      "{ auditChain { verified length } }",
      { token: auditor },
    );
    expect(live.data!.auditChain.verified).toBe(true);

    await service.stop();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    const verified = await runCommand(["audit:verify"], environment);
    expect(verified.code).toBe(0);
    const length = Number(/verified: (\d+) events/.exec(verified.stdout)?.[1]);
    expect(length).toBeGreaterThan(live.data!.auditChain.length);

    service = await startService(port, environment);
    expect(await publicRecordCount(service.url)).toBe(1_502);
    expect((await importEvents(service.url)).totalCount).toBe(5);
  }, 180_000);
});
