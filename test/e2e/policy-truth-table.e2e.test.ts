import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Tier } from "../../domain/vocabulary";
import type { Role } from "../../platform/viewer";
import { citizenId, daysAgo, personName } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { publishPendingItems } from "../publication";

/**
 * Every combination of role × tier × {own, other} × consent × purpose × {active, expired}, run through
 * the gateway on real data and compared with the visibility the docs/api.md access matrix gives.
 */
const ROLES: Role[] = [
  "PUBLIC",
  "SUBJECT",
  "GOVERNMENT",
  "ORGANIZATION",
  "PROVIDER",
  "CREDIT_CENTER",
  "AUDITOR",
  "CREDIT_AUTHORITY",
];
const TIERS: Tier[] = ["PUBLIC", "GOVERNMENT", "AUTHORIZED"];
const CONSENTS = ["none", "valid", "expired", "revoked", "otherPurpose"] as const;
type ConsentState = (typeof CONSENTS)[number];

type Cell = Readonly<{
  role: Role;
  tier: Tier;
  own: boolean;
  consent: ConsentState;
  purpose: boolean;
  active: boolean;
}>;
type Expected = "visible" | "hidden" | "PURPOSE_REQUIRED" | "FORBIDDEN";

/**
 * The matrix of docs/api.md, row by row, written to be checked against the table by a reader:
 *   PUBLIC                       public tier
 *   GOVERNMENT + duty purpose    public, government-shared; authorized only with a valid consent
 *   ORGANIZATION + purpose       public; authorized only with a valid consent covering that purpose
 *   SUBJECT, own data            all tiers (others' data: what anyone reads, the public tier)
 *   AUDITOR                      no subject data
 *   PROVIDER                     what it submitted itself (others' data: the public tier)
 *   CREDIT_CENTER                all tiers
 *   CREDIT_AUTHORITY             public tier (it reads appealed objections, not subjects' files)
 * Expired negative information: only the subject itself, the credit centre and its provider.
 * GOVERNMENT and ORGANIZATION touching non-public data without a purpose: PURPOSE_REQUIRED.
 * "own" means the viewer is the subject (SUBJECT) or the submitting provider (PROVIDER).
 */
function expectedFor(cell: Cell): Expected {
  const { role, tier, own, consent, purpose, active } = cell;
  if (role === "AUDITOR") return "FORBIDDEN";
  if ((role === "GOVERNMENT" || role === "ORGANIZATION") && !purpose) return "PURPOSE_REQUIRED";
  const itsOwn = (role === "SUBJECT" || role === "PROVIDER") && own;
  const visible = (allowed: boolean): Expected => (allowed ? "visible" : "hidden");
  if (!active) return visible(itsOwn || role === "CREDIT_CENTER");
  switch (role) {
    case "PUBLIC":
      return visible(tier === "PUBLIC");
    case "GOVERNMENT":
      return visible(
        tier === "PUBLIC" || tier === "GOVERNMENT" || (tier === "AUTHORIZED" && consent === "valid"),
      );
    case "ORGANIZATION":
      return visible(tier === "PUBLIC" || (tier === "AUTHORIZED" && consent === "valid"));
    case "SUBJECT":
    case "PROVIDER":
      return visible(itsOwn || tier === "PUBLIC");
    case "CREDIT_CENTER":
      return "visible";
    case "CREDIT_AUTHORITY":
      return visible(tier === "PUBLIC");
  }
}

const PROVIDER = "TT-PROVIDER";
const VIEWER_ORG = { GOVERNMENT: "TT-GOVERNMENT", ORGANIZATION: "TT-BANK" } as const;
const PURPOSE = { GOVERNMENT: "ADMINISTRATIVE_LICENSING", ORGANIZATION: "CREDIT_LENDING" } as const;
const OTHER_PURPOSE = { GOVERNMENT: "SUPERVISION", ORGANIZATION: "BUSINESS_COOPERATION" } as const;
const subjectOf = (consent: ConsentState) => citizenId(700 + CONSENTS.indexOf(consent));
const titleOf = (tier: Tier, active: boolean) => `${tier}-${active ? "ACTIVE" : "EXPIRED"}`;

let federation: TestFederation;

beforeAll(async () => {
  federation = await startTestFederation();
  const provider = await federation.token({ role: "PROVIDER", org: PROVIDER });
  const records = CONSENTS.flatMap((consent) =>
    TIERS.flatMap((tier) =>
      [true, false].map((active) => ({
        subject: {
          identifier: subjectOf(consent),
          name: personName("真值表", CONSENTS.indexOf(consent)),
          kind: "NATURAL_PERSON",
        },
        category: "NEGATIVE",
        kind: "ADMINISTRATIVE_PENALTY",
        procedure: "GENERAL",
        severity: "GENERAL",
        tier,
        title: titleOf(tier, active),
        documentNumber: `TT-${consent}-${tier}-${active}`,
        decidedOn: active ? daysAgo(10) : daysAgo(400),
      })),
    ),
  );
  const submitted = await federation.query(
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`,
    {
      token: provider,
      variables: { records },
    },
  );
  expect(submitted.errors).toBeUndefined();
  // A natural person's public items reach the public tier once the credit centre has reviewed them.
  await publishPendingItems(federation);

  const db = federation.connection.db;
  const subjects = await db.selectFrom("subjects").select(["id", "identifier"]).execute();
  const now = federation.clock.now().getTime();
  const window = {
    valid: { from: now - 86_400_000, until: now + 30 * 86_400_000, revoked: false, other: false },
    expired: { from: now - 30 * 86_400_000, until: now - 86_400_000, revoked: false, other: false },
    revoked: { from: now - 86_400_000, until: now + 30 * 86_400_000, revoked: true, other: false },
    otherPurpose: { from: now - 86_400_000, until: now + 30 * 86_400_000, revoked: false, other: true },
  } as const;
  for (const consent of ["valid", "expired", "revoked", "otherPurpose"] as const) {
    const subject = subjects.find((row) => row.identifier === subjectOf(consent))!;
    for (const role of ["GOVERNMENT", "ORGANIZATION"] as const) {
      const shape = window[consent];
      await db
        .insertInto("consents")
        .values({
          subject_id: subject.id,
          subject_identifier: subject.identifier,
          grantee: VIEWER_ORG[role],
          purpose: shape.other ? OTHER_PURPOSE[role] : PURPOSE[role],
          valid_from: new Date(shape.from),
          valid_until: new Date(shape.until),
          evidence_hash: null,
        })
        .execute();
      if (shape.revoked) {
        await db
          .updateTable("consents")
          .set({ revoked_at: new Date(now - 60_000) })
          .where("subject_id", "=", subject.id)
          .execute();
      }
    }
  }
});
afterAll(async () => federation?.stop());

async function tokenFor(role: Role, own: boolean, consent: ConsentState): Promise<string | undefined> {
  switch (role) {
    case "PUBLIC":
      return undefined;
    case "SUBJECT":
      return federation.token({ role, subject: own ? subjectOf(consent) : citizenId(799) });
    case "PROVIDER":
      return federation.token({ role, org: own ? PROVIDER : "TT-OTHER-PROVIDER" });
    case "GOVERNMENT":
    case "ORGANIZATION":
      return federation.token({ role, org: VIEWER_ORG[role] });
    default:
      return federation.token({ role, org: "TT-CENTRE" });
  }
}

describe("policy truth table through the gateway", () => {
  const combinations = ROLES.flatMap((role) =>
    [true, false].flatMap((own) =>
      [true, false].flatMap((purpose) => CONSENTS.map((consent) => ({ role, own, purpose, consent }))),
    ),
  );

  /** Every cell a test below asserted on, to show that the table is checked whole. */
  const asserted = new Set<string>();

  it.each(combinations)(
    "$role own=$own purpose=$purpose consent=$consent",
    async ({ role, own, purpose, consent }) => {
      const declared = role === "GOVERNMENT" || role === "ORGANIZATION" ? PURPOSE[role] : "SUPERVISION";
      const result = await federation.query<{ subject: { records: Array<{ title: string }> } | null }>(
        `query ($id: String!) { subject(identifier: $id) { records { title } } }`,
        {
          token: await tokenFor(role, own, consent),
          purpose: purpose ? declared : undefined,
          variables: { id: subjectOf(consent) },
        },
      );
      const seen = new Set((result.data?.subject?.records ?? []).map((record) => record.title));
      for (const tier of TIERS) {
        for (const active of [true, false]) {
          const cell: Cell = { role, tier, own, consent, purpose, active };
          const expected = expectedFor(cell);
          const label = JSON.stringify(cell);
          asserted.add(label);
          if (expected === "visible") expect(seen.has(titleOf(tier, active)), label).toBe(true);
          else expect(seen.has(titleOf(tier, active)), label).toBe(false);
          if (expected === "PURPOSE_REQUIRED" || expected === "FORBIDDEN")
            expect(errorCodes(result), label).toContain(expected);
        }
      }
      if (result.data?.subject?.records) expect(errorCodes(result)).toEqual([]);
    },
  );

  it("asserted every one of the 8 roles × 3 tiers × own or not × 5 consent states × purpose or not × active or not: 960 cells", () => {
    const every = ROLES.flatMap((role) =>
      TIERS.flatMap((tier) =>
        [true, false].flatMap((own) =>
          CONSENTS.flatMap((consent) =>
            [true, false].flatMap((purpose) =>
              [true, false].map((active) =>
                JSON.stringify({ role, tier, own, consent, purpose, active } satisfies Cell),
              ),
            ),
          ),
        ),
      ),
    );
    expect(ROLES).toHaveLength(8);
    expect(every).toHaveLength(960);
    expect([...asserted].sort()).toEqual(every.sort());
  });

  it("puts the consent a disclosure relied on into the audit event", async () => {
    const result = await federation.query(
      `query ($id: String!) { subject(identifier: $id) { records(tier: AUTHORIZED) { title } } }`,
      {
        token: await federation.token({ role: "ORGANIZATION", org: VIEWER_ORG.ORGANIZATION }),
        purpose: PURPOSE.ORGANIZATION,
        variables: { id: subjectOf("valid") },
      },
    );
    expect(result.data).toEqual({ subject: { records: [{ title: "AUTHORIZED-ACTIVE" }] } });
    const consent = await federation.connection.db
      .selectFrom("consents")
      .select("id")
      .where("grantee", "=", VIEWER_ORG.ORGANIZATION)
      .where("subject_identifier", "=", subjectOf("valid"))
      .executeTakeFirstOrThrow();
    const event = await federation.connection.db
      .selectFrom("audit_events")
      .select(["consent_ids", "purpose"])
      .where("request_id", "=", result.headers.get("x-request-id")!)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ consent_ids: [consent.id], purpose: "CREDIT_LENDING" });
  });

  it.each(["expired", "revoked", "otherPurpose", "none"] as const)(
    "answers CONSENT_REQUIRED for an explicit authorized-tier request with consent %s",
    async (consent) => {
      const result = await federation.query(
        `query ($id: String!) { subject(identifier: $id) { records(tier: AUTHORIZED) { title } } }`,
        {
          token: await federation.token({ role: "ORGANIZATION", org: VIEWER_ORG.ORGANIZATION }),
          purpose: PURPOSE.ORGANIZATION,
          variables: { id: subjectOf(consent) },
        },
      );
      expect(errorCodes(result)).toEqual(["CONSENT_REQUIRED"]);
    },
  );
});
