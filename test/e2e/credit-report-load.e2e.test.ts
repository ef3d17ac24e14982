import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/**
 * Credit reports under load: laid out in a bounded worker pool (a full pool refuses at once), weighed by their
 * items against the caller's hourly budget (a flood of heavy reports is RATE_LIMITED), and never stored once
 * past their own deadline — the audit then says ERROR and names whose report it was.
 */

const NOW = "2026-11-18T10:00:00+08:00";
const ISSUE = `mutation ($input: CreditReportInput!) { myCreditReport(input: $input) { id status } }`;
const HEAVY_ITEMS = 200;
const WEIGHT_PER_HOUR = 500;

async function recordsFor(federation: TestFederation, identifier: string, count: number): Promise<void> {
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
  const subject = { identifier, name: "报告人", kind: "NATURAL_PERSON" };
  const records = Array.from({ length: count }, (_, index) => ({
    subject,
    category: "NEGATIVE",
    kind: "ADMINISTRATIVE_PENALTY",
    procedure: "GENERAL",
    severity: "GENERAL",
    tier: "PUBLIC",
    title: `未按规定公示年度报告（第 ${index + 1} 项）`,
    documentNumber: `LOAD-${identifier}-${index}`,
    decidedOn: daysAgo(10 + (index % 200), federation.clock.now()),
  }));
  const submitted = await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    { token: provider, variables: { records } },
  );
  expect(submitted.errors).toBeUndefined();
}

const issue = (federation: TestFederation, token: string) =>
  federation.query<{ myCreditReport: { id: string; status: string } }>(ISSUE, {
    token,
    variables: { input: { purpose: "EMPLOYMENT_SCREENING" } },
  });

const storedReports = async (federation: TestFederation, identifier: string) =>
  federation.connection.db
    .selectFrom("credit_reports")
    .select(["id", "valid_until", "revoked_at"])
    .where("subject_identifier", "=", identifier)
    .execute();

describe("a bounded printer and reports weighed by their items", () => {
  let federation: TestFederation;
  const HEAVY = citizenId(9_101);
  const LIGHT = citizenId(9_102);
  const BUSY = citizenId(9_103);

  beforeAll(async () => {
    federation = await startTestFederation({
      now: NOW,
      environment: {
        CREDIT_REPORT_WORKERS: "1",
        CREDIT_REPORT_QUEUE: "0",
        CREDIT_REPORT_WEIGHT_PER_HOUR: String(WEIGHT_PER_HOUR),
        CREDIT_RATE_LIMIT_PER_MINUTE: "100000",
      },
    });
    await recordsFor(federation, HEAVY, HEAVY_ITEMS);
    await recordsFor(federation, LIGHT, 1);
    await recordsFor(federation, BUSY, 1);
  }, 180_000);
  afterAll(async () => federation?.stop());

  it("charges a report its items: ten light reports fit the hour's budget, the third heavy one is RATE_LIMITED and not stored", async () => {
    const light = await federation.token({ role: "SUBJECT", subject: LIGHT, sub: "light-caller" });
    for (let index = 0; index < 10; index++) expect(errorCodes(await issue(federation, light))).toEqual([]);

    const heavy = await federation.token({ role: "SUBJECT", subject: HEAVY, sub: "heavy-caller" });
    expect(errorCodes(await issue(federation, heavy))).toEqual([]);
    expect(errorCodes(await issue(federation, heavy))).toEqual([]);
    const refused = await issue(federation, heavy);
    expect(errorCodes(refused)).toEqual(["RATE_LIMITED"]);
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(refused.errors![0]!.message).toContain(`weighs ${HEAVY_ITEMS + 10}`);
    expect(await storedReports(federation, HEAVY)).toHaveLength(2);
  }, 180_000);

  it("refuses reports past the pool's workers and queue at once with SERVICE_UNAVAILABLE and a retry hint; stores only those it issued", async () => {
    const busy = await federation.token({ role: "SUBJECT", subject: BUSY, sub: "busy-caller" });
    const answers = await Promise.all(Array.from({ length: 4 }, () => issue(federation, busy)));
    const issued = answers.filter((answer) => errorCodes(answer).length === 0);
    const refused = answers.filter((answer) => errorCodes(answer).length > 0);
    expect(issued.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    for (const answer of refused) {
      expect(errorCodes(answer)).toEqual(["SERVICE_UNAVAILABLE"]);
      expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    }
    expect(await storedReports(federation, BUSY)).toHaveLength(issued.length);
  }, 180_000);
});

describe("a report past its own deadline", () => {
  let federation: TestFederation;
  const PERSON = citizenId(9_104);

  beforeAll(async () => {
    federation = await startTestFederation({ now: NOW, environment: { CREDIT_REPORT_TIMEOUT_MS: "1" } });
    await recordsFor(federation, PERSON, 3);
  }, 180_000);
  afterAll(async () => federation?.stop());

  it("is refused with SERVICE_UNAVAILABLE and never stored; its audit event says ERROR and names the subject", async () => {
    const subject = await federation.token({ role: "SUBJECT", subject: PERSON, sub: "late-caller" });
    const answer = await issue(federation, subject);
    expect(errorCodes(answer)).toEqual(["SERVICE_UNAVAILABLE"]);
    expect(answer.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(0);
    expect(await storedReports(federation, PERSON)).toEqual([]);

    const db = federation.connection.db;
    const [event] = await db
      .selectFrom("audit_event_log")
      .selectAll()
      .where("request_id", "=", answer.headers.get("x-request-id")!)
      .execute();
    expect(event).toMatchObject({ outcome: "ERROR", error_codes: ["SERVICE_UNAVAILABLE"] });
    const named = await db
      .selectFrom("audit_accesses")
      .select(["subject_identifier", "entity_type"])
      .where("event_id", "=", event!.id)
      .execute();
    expect(named).toContainEqual({ subject_identifier: PERSON, entity_type: "CreditReport" });
  }, 180_000);
});
