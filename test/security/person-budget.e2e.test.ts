import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../domain/dates";
import { citizenIdCheckCharacter, maskCitizenId } from "../../domain/identifiers";
import { DEFAULT_RULES } from "../../platform/config";
import type { Purpose, Role } from "../../platform/viewer";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

/**
 * One person budget for every caller not entitled to the person (docs/api.md "No existence oracle for the public"),
 * tried as the attack went: a signed-in citizen, a bank and a registering unit walking the masked ID of the public
 * black list by `subject(identifier)` and by `screen`; an IPv6 client changing address inside its /64. Entitled
 * callers (the person itself, a consent, a government duty, the credit centre) are never charged. An AUDITOR is
 * told of the walk (`MASKED_LIST_WALK`).
 */
let federation: TestFederation;
const LISTED = citizenId(990, "19850615");
/** A person who consents to one bank reading their file. */
const CONSENTING = citizenId(981, "19900101");
const LIMIT = DEFAULT_RULES.publicPersonLookupsPerHour;
const SUBJECT = `query ($id: String!) { subject(identifier: $id) { name } }`;
const SCREEN = `query ($ids: [String!]!) { screen(scenario: ADMINISTRATIVE_LICENSING, identifiers: $ids) { identifier decision } }`;

/** Every citizen ID that reads as `masked` (first 6 and last 4 shown) for a birth date from 1950 to 2004 (about 1,800). */
function candidatesOf(masked: string): string[] {
  const candidates: string[] = [];
  for (let day = "1950-01-01"; day <= "2004-12-31"; day = addDays(day, 1)) {
    const first17 = `${masked.slice(0, 6)}${day.replaceAll("-", "")}${masked.slice(14, 17)}`;
    if (citizenIdCheckCharacter(first17) === masked.slice(17))
      candidates.push(`${first17}${masked.slice(17)}`);
  }
  return candidates;
}
const CANDIDATES = candidatesOf(maskCitizenId(LISTED)).filter((candidate) => candidate !== LISTED);

/** A request from `address`, as the trusted proxy in front of the gateway reports it. */
const from = (address: string) => ({ headers: { "x-forwarded-for": address } });
const tokenOf = (role: Role, extra: { org?: string; subject?: string; sub?: string } = {}) =>
  federation.token({ role, ...extra });
const nextHour = () => federation.clock.set(new Date(federation.clock.now().getTime() + 3_600_000));

type Caller = Readonly<{ token?: string; purpose?: Purpose; address: string }>;
const lookUp = (caller: Caller, id: string) =>
  federation.query<{ subject: { name: string } | null }>(SUBJECT, {
    ...from(caller.address),
    ...(caller.token ? { token: caller.token } : {}),
    ...(caller.purpose ? { purpose: caller.purpose } : {}),
    variables: { id },
  });
const screen = (caller: Caller, ids: readonly string[]) =>
  federation.query<{ screen: Array<{ identifier: string; decision: string }> }>(SCREEN, {
    ...from(caller.address),
    token: caller.token!,
    purpose: caller.purpose!,
    variables: { ids },
  });

/** Walks candidates of the masked ID by `subject(identifier)`, 20 aliases a request: the candidates answered (not refused). */
async function walk(caller: Caller, candidates: readonly string[]): Promise<Set<string>> {
  const answered = new Set<string>();
  for (let start = 0; start < candidates.length; start += 20) {
    const batch = candidates.slice(start, start + 20);
    const document = `query Walk { ${batch.map((id, alias) => `a${alias}: subject(identifier: "${id}") { name }`).join(" ")} }`;
    const result = await federation.query<Record<string, unknown>>(document, {
      ...from(caller.address),
      ...(caller.token ? { token: caller.token } : {}),
      ...(caller.purpose ? { purpose: caller.purpose } : {}),
    });
    const refused = new Set(
      (result.errors ?? [])
        .filter((error) => error.extensions?.code === "RATE_LIMITED")
        .map((error) => String(error.path?.[0])),
    );
    batch.forEach((id, alias) => {
      if (!refused.has(`a${alias}`) && result.data && `a${alias}` in result.data) answered.add(id);
    });
  }
  return answered;
}

beforeAll(async () => {
  // Only the person budget is under test: the per-minute work budget is out of reach; the gateway trusts the
  // loopback proxy's X-Forwarded-For, so each test is its own client address.
  federation = await startTestFederation({
    now: "2026-11-20T10:00:00+08:00",
    environment: { CREDIT_RATE_LIMIT_PER_MINUTE: "10000000", CREDIT_TRUSTED_PROXIES: "127.0.0.1/32" },
  });
  const provider = await tokenOf("PROVIDER", { org: "HA-SAMR" });
  const listed = await federation.query(
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      token: provider,
      variables: {
        input: {
          subject: { identifier: LISTED, name: "失信人", kind: "NATURAL_PERSON" },
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行生效判决",
          basis: "淮安市守信联合激励和失信联合惩戒实施办法",
          documentNumber: "BUDGET-1",
          recognizedOn: daysAgo(5, federation.clock.now()),
          validUntil: daysAgo(-365, federation.clock.now()),
        },
      },
    },
  );
  expect(listed.errors).toBeUndefined();
  const onFile = await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      token: provider,
      variables: {
        records: [
          {
            subject: { identifier: CONSENTING, name: "授权人", kind: "NATURAL_PERSON" },
            category: "OTHER",
            kind: "PLEDGE_MORTGAGE",
            tier: "AUTHORIZED",
            title: "不动产抵押登记",
            documentNumber: "BUDGET-2",
            decidedOn: daysAgo(20, federation.clock.now()),
          },
        ],
      },
    },
  );
  expect(onFile.errors).toBeUndefined();
  expect(CANDIDATES.length).toBeGreaterThan(4 * LIMIT);
});
afterAll(async () => federation?.stop());

describe("the person budget charges every caller not entitled to the person", () => {
  it("holds a signed-in SUBJECT walking the masked list to the budget, per actor (from any address) and per address (for anyone)", async () => {
    nextHour();
    const citizen = {
      token: await tokenOf("SUBJECT", { subject: citizenId(700), sub: "walking-citizen" }),
      address: "198.51.100.1",
    };
    const answered = await walk(citizen, [...CANDIDATES.slice(0, 6 * 20 - 1), LISTED]);
    expect(answered.size).toBe(LIMIT);
    expect(answered.has(LISTED)).toBe(false);
    // The same actor from a fresh address: still its spent budget.
    expect(errorCodes(await lookUp({ ...citizen, address: "198.51.100.2" }, LISTED))).toEqual([
      "RATE_LIMITED",
    ]);
    // Anyone else from the spent address: the address's budget is spent too.
    expect(errorCodes(await lookUp({ address: "198.51.100.1" }, LISTED))).toEqual(["RATE_LIMITED"]);
    // The person itself is entitled: never charged.
    expect(errorCodes(await lookUp({ ...citizen, address: "198.51.100.1" }, citizenId(700)))).toEqual([]);
  }, 120_000);

  it("holds a bank without consent to it through subject and screen, the screen refused whole past the budget", async () => {
    nextHour();
    const bank = {
      token: await tokenOf("ORGANIZATION", { org: "BANK-WALK" }),
      purpose: "CREDIT_LENDING" as const,
      address: "198.51.100.10",
    };
    const refused = await screen(bank, [...CANDIDATES.slice(200, 200 + 3 * LIMIT), LISTED]);
    expect(errorCodes(refused)).toEqual(["RATE_LIMITED"]);
    expect(JSON.stringify(refused.data ?? null)).not.toContain("BLOCK");
    const within = await screen(bank, CANDIDATES.slice(200, 200 + LIMIT - 1));
    expect(errorCodes(within)).toEqual([]);
    expect(within.data!.screen.every((result) => result.decision === "PASS")).toBe(true);
    // Asked again, the same persons are free; a new one is not.
    expect(errorCodes(await screen(bank, CANDIDATES.slice(200, 210)))).toEqual([]);
    expect(errorCodes(await lookUp(bank, CANDIDATES[300]!))).toEqual([]);
    expect(errorCodes(await lookUp(bank, LISTED))).toEqual(["RATE_LIMITED"]);
    // Reporting a measure answers "no credit file" for a person not on file: charged alike, before anything else is said.
    const report = (identifier: string) =>
      federation.query(
        `mutation ($input: MeasureApplicationInput!) { reportMeasureApplied(input: $input) { id } }`,
        {
          ...from(bank.address),
          token: bank.token,
          purpose: bank.purpose,
          variables: {
            input: {
              measureCode: "P05",
              identifier,
              scenario: "PUBLIC_RESOURCE_TRADING",
              caseNumber: "",
              outcome: "x",
              appliedOn: daysAgo(1, federation.clock.now()),
            },
          },
        },
      );
    expect(errorCodes(await report(LISTED))).toEqual(["RATE_LIMITED"]);
    expect(errorCodes(await report(CANDIDATES[300]!))).toEqual(["BAD_USER_INPUT"]);
    // Organisations (USCC) are public registry data: never charged.
    expect(errorCodes(await lookUp(bank, "91320800MA00008020"))).not.toContain("RATE_LIMITED");
  }, 120_000);

  it("holds a registering unit (PROVIDER) without consent to it", async () => {
    nextHour();
    const unit = { token: await tokenOf("PROVIDER", { org: "HA-OTHER" }), address: "198.51.100.11" };
    expect((await walk(unit, [...CANDIDATES.slice(400, 400 + 2 * LIMIT), LISTED])).size).toBe(LIMIT);
    expect(errorCodes(await lookUp(unit, LISTED))).toEqual(["RATE_LIMITED"]);
  }, 120_000);

  it("never charges a caller entitled to the person: a government duty, a consent, the credit centre", async () => {
    nextHour();
    const licensing = {
      token: await tokenOf("GOVERNMENT", { org: "HA-LICENSING" }),
      purpose: "ADMINISTRATIVE_LICENSING" as const,
      address: "198.51.100.20",
    };
    expect(errorCodes(await screen(licensing, [...CANDIDATES.slice(0, 4 * LIMIT), LISTED]))).toEqual([]);
    expect((await walk(licensing, CANDIDATES.slice(0, 2 * LIMIT))).size).toBe(2 * LIMIT);
    const centre = { token: await tokenOf("CREDIT_CENTER", { org: "HA-CREDIT" }), address: "198.51.100.20" };
    expect((await walk(centre, CANDIDATES.slice(0, 2 * LIMIT))).size).toBe(2 * LIMIT);

    const person = await tokenOf("SUBJECT", { subject: CONSENTING });
    const granted = await federation.query(
      `mutation ($input: ConsentInput!) { grantConsent(input: $input) { id } }`,
      {
        token: person,
        variables: {
          input: {
            grantee: "BANK-TRUSTED",
            purpose: "CREDIT_LENDING",
            validUntil: new Date(federation.clock.now().getTime() + 86_400_000).toISOString(),
            evidence: "签字授权书",
          },
        },
      },
    );
    expect(granted.errors).toBeUndefined();
    const bank = {
      token: await tokenOf("ORGANIZATION", { org: "BANK-TRUSTED" }),
      purpose: "CREDIT_LENDING" as const,
      address: "198.51.100.21",
    };
    expect(errorCodes(await screen(bank, CANDIDATES.slice(600, 600 + LIMIT)))).toEqual([]);
    expect(errorCodes(await lookUp(bank, CANDIDATES[700]!))).toEqual(["RATE_LIMITED"]);
    // Its budget spent, the bank still reads the person who consented, by subject and by screen.
    expect(errorCodes(await lookUp(bank, CONSENTING))).toEqual([]);
    expect(errorCodes(await screen(bank, [CONSENTING]))).toEqual([]);
  }, 120_000);

  it("counts every IPv6 address of one /64 as one client; another /64 has its own budget", async () => {
    nextHour();
    for (let n = 0; n < LIMIT; n++) {
      expect(
        errorCodes(await lookUp({ address: `2001:db8:5:6::${(n + 1).toString(16)}` }, CANDIDATES[800 + n]!)),
      ).toEqual([]);
    }
    expect(errorCodes(await lookUp({ address: "2001:db8:5:6:ffff:1:2:3" }, CANDIDATES[900]!))).toEqual([
      "RATE_LIMITED",
    ]);
    expect(errorCodes(await lookUp({ address: "[2001:0db8:0005:0006::77]" }, CANDIDATES[901]!))).toEqual([
      "RATE_LIMITED",
    ]);
    expect(errorCodes(await lookUp({ address: "2001:db8:5:7::1" }, CANDIDATES[900]!))).toEqual([]);
  }, 120_000);
});

describe("an AUDITOR is told of a walk along a masked ID", () => {
  it("raises MASKED_LIST_WALK for the walking actor and its address, naming the masked ID, and none for entitled callers", async () => {
    const auditor = await tokenOf("AUDITOR", { org: "HA-AUDIT" });
    const alerts = await federation.query<{
      auditAlerts: Array<{
        rule: string;
        actor: string | null;
        role: string | null;
        count: number;
        detail: string;
      }>;
    }>(`{ auditAlerts { rule actor role count detail } }`, { token: auditor });
    expect(alerts.errors).toBeUndefined();
    const walks = alerts.data!.auditAlerts.filter((alert) => alert.rule === "MASKED_LIST_WALK");
    expect(walks).toContainEqual(
      expect.objectContaining({
        actor: "walking-citizen",
        role: "SUBJECT",
        count: LIMIT,
        detail: expect.stringContaining(maskCitizenId(LISTED)),
      }),
    );
    expect(walks).toContainEqual(expect.objectContaining({ actor: "address:198.51.100.1", count: LIMIT }));
    expect(walks.map((alert) => alert.role)).toEqual(expect.arrayContaining(["ORGANIZATION", "PROVIDER"]));
    expect(walks.map((alert) => alert.role)).not.toContain("GOVERNMENT");
    expect(walks.map((alert) => alert.role)).not.toContain("CREDIT_CENTER");
  });
});
