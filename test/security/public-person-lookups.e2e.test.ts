import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../domain/dates";
import { citizenIdCheckCharacter } from "../../domain/identifiers";
import { DEFAULT_RULES } from "../../platform/config";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";
import { sizedForLoad } from "../load";

/**
 * docs/api.md "No existence oracle for the public": a person is public only through public information in
 * force; callers not entitled to a person look up few distinct persons an hour; nothing published beside a masked ID
 * narrows it to a few candidates. Tried as an attacker would: from the public black list to a full ID.
 */
let federation: TestFederation;
const LISTED = citizenId(990, "19850615");
const ON_FILE_ONLY = citizenId(991);
const NEVER_SEEN = citizenId(992);
const LIMIT = DEFAULT_RULES.publicPersonLookupsPerHour;
/** Probing requests of 20 aliases: many times the budget by default, the full attack under `npm run test:load` (CI runs both). */
const PROBES = sizedForLoad(50, 1_000);

const SUBJECT = `query ($id: String!) { subject(identifier: $id) { name identifier } }`;

beforeAll(async () => {
  // Only the person-lookup budget is under test: the gateway's per-minute work budget is set out of reach.
  federation = await startTestFederation({
    now: "2026-11-20T10:00:00+08:00",
    environment: { CREDIT_RATE_LIMIT_PER_MINUTE: "10000000" },
  });
  const provider = await federation.token({ role: "PROVIDER", org: "HA-SAMR" });
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
          documentNumber: "ORACLE-1",
          recognizedOn: daysAgo(5, federation.clock.now()),
          validUntil: daysAgo(-365, federation.clock.now()),
        },
      },
    },
  );
  expect(listed.errors).toBeUndefined();
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);
  const onFile = await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      token: provider,
      variables: {
        records: [
          {
            subject: { identifier: ON_FILE_ONLY, name: "在册人", kind: "NATURAL_PERSON" },
            category: "NEGATIVE",
            kind: "ADMINISTRATIVE_PENALTY",
            procedure: "GENERAL",
            severity: "GENERAL",
            tier: "GOVERNMENT",
            title: "行政处罚",
            documentNumber: "ORACLE-2",
            decidedOn: daysAgo(10, federation.clock.now()),
          },
        ],
      },
    },
  );
  expect(onFile.errors).toBeUndefined();
});
afterAll(async () => federation?.stop());

/** All anonymous requests here come from one address: a test that needs a fresh budget starts a new hour. */
const nextHour = () => federation.clock.set(new Date(federation.clock.now().getTime() + 3_600_000));

describe("no existence oracle for the public", () => {
  it("answers a person on file without public information exactly as an unknown identifier", async () => {
    const onFile = await federation.query(SUBJECT, { variables: { id: ON_FILE_ONLY } });
    const unknown = await federation.query(SUBJECT, { variables: { id: NEVER_SEEN } });
    expect(onFile.status).toBe(unknown.status);
    expect(JSON.stringify({ data: onFile.data, errors: onFile.errors })).toBe(
      JSON.stringify({ data: unknown.data, errors: unknown.errors }),
    );
    expect(onFile.data).toEqual({ subject: null });
    // An accountable caller (signed in for an organisation, audited) still learns the person is on file.
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-ORACLE" });
    expect(
      errorCodes(
        await federation.query(
          `query ($id: String!) { subject(identifier: $id) { name employer { name } } }`,
          { token: bank, purpose: "CREDIT_LENDING", variables: { id: ON_FILE_ONLY } },
        ),
      ),
    ).toEqual(["CONSENT_REQUIRED"]);
  });

  it("answers a listed person, with the ID masked", async () => {
    const listed = await federation.query<{ subject: { name: string; identifier: string } }>(SUBJECT, {
      variables: { id: LISTED },
    });
    expect(listed.data!.subject).toEqual({
      name: "失信人",
      identifier: `${LISTED.slice(0, 6)}********${LISTED.slice(14)}`,
    });
  });

  it("publishes a decade of age beside the masked ID, which leaves hundreds of candidates", async () => {
    const published = await federation.query<{
      publicBlacklist: {
        edges: Array<{ node: { disclosure: { identifier: string; ageBand: string; sex: string } } }>;
      };
    }>(`{ publicBlacklist(first: 50) { edges { node { disclosure { identifier ageBand sex } } } } }`);
    const disclosure = published
      .data!.publicBlacklist.edges.map((edge) => edge.node.disclosure)
      .find((shown) => shown.identifier.startsWith(LISTED.slice(0, 6)))!;
    expect(disclosure.ageBand).toBe("40-49");
    const candidates = candidatesOf(disclosure.identifier, disclosure.ageBand, federation.today());
    expect(candidates).toContain(LISTED);
    expect(candidates.length).toBeGreaterThan(10 * LIMIT);
  });

  it(`lets one address look up only so many distinct persons an hour: ${PROBES} requests of 20 aliases reach at most the budget`, async () => {
    nextHour();
    const shown = `${LISTED.slice(0, 6)}********${LISTED.slice(14)}`;
    const candidates = candidatesOf(shown, "40-49", federation.today());
    const answered = new Set<string>();
    let found = false;
    const probe = async (request: number) => {
      const batch = Array.from(
        { length: 20 },
        (_, alias) => candidates[(request * 20 + alias) % candidates.length]!,
      );
      const document = `query Probe { ${batch.map((id, alias) => `a${alias}: subject(identifier: "${id}") { identifier }`).join(" ")} }`;
      const result = await federation.query<Record<string, { identifier: string } | null>>(document);
      const limited = new Set(
        (result.errors ?? [])
          .filter((error) => error.extensions?.code === "RATE_LIMITED")
          .map((error) => String(error.path?.[0])),
      );
      batch.forEach((id, alias) => {
        if (!limited.has(`a${alias}`) && result.data && `a${alias}` in result.data) answered.add(id);
      });
      found ||= Object.values(result.data ?? {}).some((subject) => subject !== null);
    };
    expect(PROBES * 20).toBeGreaterThan(10 * LIMIT);
    // Four at a time.
    for (let request = 0; request < PROBES; request += 4)
      await Promise.all([0, 1, 2, 3].map((offset) => probe(request + offset)));
    expect(answered.size).toBeLessThanOrEqual(LIMIT);
    // The chance of the right ID among them: at most LIMIT / candidates (under 10 %), and every refusal is audited.
    expect(found).toBe(answered.has(LISTED));
  }, 180_000);

  it("counts a person once however often asked, and gives a new hour a new budget; signing in without consent buys no new one", async () => {
    nextHour();
    const caller = {};
    for (let n = 0; n < LIMIT; n++)
      expect(
        errorCodes(await federation.query(SUBJECT, { ...caller, variables: { id: citizenId(500 + n) } })),
      ).toEqual([]);
    expect(
      errorCodes(await federation.query(SUBJECT, { ...caller, variables: { id: citizenId(500) } })),
    ).toEqual([]);
    const over = await federation.query(SUBJECT, { ...caller, variables: { id: citizenId(600) } });
    expect(errorCodes(over)).toEqual(["RATE_LIMITED"]);
    expect(Number(over.errors![0]!.extensions!.retryAfterSeconds)).toBeGreaterThan(0);
    // Organisations (USCC) are public registry data: never counted.
    expect(
      errorCodes(await federation.query(SUBJECT, { ...caller, variables: { id: "91320800MA00008020" } })),
    ).not.toContain("RATE_LIMITED");
    // A bank without the person's consent, from the same address: the address's budget is spent (test/security/person-budget.e2e.test.ts).
    const bank = await federation.token({ role: "ORGANIZATION", org: "BANK-ORACLE" });
    expect(
      errorCodes(
        await federation.query(SUBJECT, { ...caller, token: bank, variables: { id: citizenId(601) } }),
      ),
    ).toEqual(["RATE_LIMITED"]);
    nextHour();
    expect(
      errorCodes(await federation.query(SUBJECT, { ...caller, variables: { id: citizenId(600) } })),
    ).toEqual([]);
  });
});

/** Every citizen ID consistent with a masked ID (first 6, last 4 shown) and a decade of age on `today`. */
function candidatesOf(masked: string, ageBand: string, today: string): string[] {
  const [low] = ageBand.split("-").map(Number) as [number, number];
  const region = masked.slice(0, 6);
  const sequence = masked.slice(14, 17);
  const check = masked.slice(17);
  const latest = addDays(`${Number(today.slice(0, 4)) - low}${today.slice(4)}`, 0);
  const earliest = addDays(`${Number(today.slice(0, 4)) - low - 10}${today.slice(4)}`, 1);
  const candidates: string[] = [];
  for (let day = earliest; day <= latest; day = addDays(day, 1)) {
    const first17 = `${region}${day.replaceAll("-", "")}${sequence}`;
    if (citizenIdCheckCharacter(first17) === check) candidates.push(`${first17}${check}`);
  }
  return candidates;
}
