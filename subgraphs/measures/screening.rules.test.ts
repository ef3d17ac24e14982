import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_MEASURES_FILE } from "../../db/seed/reference-data";
import { LIST_GROUNDS } from "../../domain/list-grounds";
import { readMeasureCatalog } from "../../db/seed/measure-catalog";
import { decideScreening, decisionIn, undecidableScreening, type ScreeningEntry } from "./screening.rules";

describe("screening decisions that must not fail open (CONTRACT.md)", () => {
  it("gives an identifier that cannot be screened REVIEW with its error, never PASS", () => {
    expect(undecidableScreening("a citizen ID is 17 digits and a check digit or X")).toEqual({
      decision: "REVIEW",
      reasons: [expect.stringContaining("cannot be screened")],
      measures: [],
      error: "INVALID_IDENTIFIER: a citizen ID is 17 digits and a check digit or X",
    });
  });

  it("answers a subject without entries in the one wording, file or no file", () => {
    expect(decideScreening([], [], [], "ADMINISTRATIVE_LICENSING", "2026-12-01", false)).toEqual({
      decision: "PASS",
      reasons: ["无红黑名单记录 (no red or black list entry in force)"],
      measures: [],
    });
  });
});

describe("the strictest decision wins, each measure deciding as its text does in the scenario", () => {
  const entry = (list: "RED" | "BLACK", grounds: string): ScreeningEntry => ({
    list,
    status: "ACTIVE",
    grounds,
    recognizedBy: "HA-X",
    recognizedOn: "2026-11-01",
    documentNumber: `${list}-1`,
    validUntil: "2027-11-01",
    statusChangedOn: null,
  });
  const both = [entry("RED", "R04_COUNTY_HONOUR"), entry("BLACK", "B07_REFUSE_JUDGEMENT")];

  it("lets BLOCK win over GREEN_CHANNEL where a measure forbids (「暂停行政许可审批项目」, JRP art. 14(2))", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const licensing = decideScreening(both, [], catalog, "ADMINISTRATIVE_LICENSING", "2026-12-01", false);
    expect(licensing.decision).toBe("BLOCK");
    expect(
      licensing.measures.map((measure) => decisionIn(measure, "ADMINISTRATIVE_LICENSING").decision),
    ).toEqual(expect.arrayContaining(["BLOCK", "GREEN_CHANNEL"]));
    expect(licensing.reasons).toContainEqual(
      expect.stringContaining("P02 暂停行政许可审批项目 → BLOCK（「暂停」"),
    );
  });

  it("asks for REVIEW, not BLOCK, where every measure only restricts (「限制参与公共资源交易活动」, JRP art. 14(5))", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const trading = decideScreening(both, [], catalog, "PUBLIC_RESOURCE_TRADING", "2026-12-01", false);
    expect(trading.decision).toBe("REVIEW");
    expect(trading.reasons).toContainEqual(
      expect.stringContaining("P05 限制参与公共资源交易活动 → REVIEW（「限制参与」"),
    );
  });

  it("takes a measure's decision in the screened scenario, not its strictest elsewhere", () => {
    const measure = {
      code: "X1",
      kind: "PUNISHMENT",
      list: "BLACK",
      title: "t",
      target: "SUBJECT",
      grounds: [],
      basis: "b",
      department: "d",
      scenarios: ["FISCAL_FUNDS", "HONORS"],
      decisions: {
        FISCAL_FUNDS: { decision: "BLOCK", words: "暂停" },
        HONORS: { decision: "REVIEW", words: "限制" },
      },
    } as const;
    const catalog = [{ ...measure, scenarios: [...measure.scenarios], grounds: [] }];
    expect(
      decideScreening([entry("BLACK", "B03_MARKET_FRAUD")], [], catalog, "HONORS", "2026-12-01", false)
        .decision,
    ).toBe("REVIEW");
    expect(
      decideScreening([entry("BLACK", "B03_MARKET_FRAUD")], [], catalog, "FISCAL_FUNDS", "2026-12-01", false)
        .decision,
    ).toBe("BLOCK");
  });
});

describe("screening against an independent oracle (DOMAIN.md §5-7)", () => {
  const SCENARIOS = [
    "ADMINISTRATIVE_LICENSING",
    "FISCAL_FUNDS",
    "PUBLIC_RESOURCE_TRADING",
    "PROJECT_APPROVAL",
    "PUBLIC_EMPLOYMENT",
    "HONORS",
    "CREDIT_LENDING",
    "HIGH_CONSUMPTION",
  ] as const;
  const TODAY = "2026-12-01";
  const RANK = { PASS: 0, GREEN_CHANNEL: 1, REVIEW: 2, BLOCK: 3 } as const;
  const day = (offset: number) =>
    new Date(Date.parse(`${TODAY}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);
  const entryArbitrary = fc.oneof(
    ...(["RED", "BLACK"] as const).map((list) =>
      fc.record({
        list: fc.constant(list),
        status: fc.constantFrom("ACTIVE", "EXPIRED", "REMOVED", "REPAIRED"),
        grounds: fc.constantFrom(...LIST_GROUNDS[list].map((ground) => ground.code)),
        recognizedBy: fc.constant("HA-X"),
        recognizedOn: fc.integer({ min: -1500, max: 0 }).map(day),
        documentNumber: fc.constant("D-1"),
        validUntil: fc.integer({ min: -400, max: 400 }).map(day),
        statusChangedOn: fc.constant(null),
      }),
    ),
  );

  it("applies exactly the measures of the list, scenario, target and grounds of each entry in force, and the strictest of their decisions in that scenario", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    fc.assert(
      fc.property(
        fc.array(entryArbitrary, { maxLength: 4 }),
        fc.array(entryArbitrary, { maxLength: 2 }),
        fc.constantFrom(...SCENARIOS),
        (own, organisations, scenario) => {
          // The oracle, written from the rules: in force = ACTIVE and not past validUntil (the last day counts).
          const inForce = (entry: ScreeningEntry) =>
            entry.status === "ACTIVE" && entry.validUntil !== null && entry.validUntil >= TODAY;
          const covers = (measure: (typeof catalog)[number], entry: ScreeningEntry, target: string) =>
            measure.list === entry.list &&
            measure.target === target &&
            measure.scenarios.includes(scenario) &&
            (measure.grounds.length === 0 || measure.grounds.includes(entry.grounds));
          const expected = new Set<string>();
          for (const entry of own.filter(inForce))
            for (const measure of catalog) if (covers(measure, entry, "SUBJECT")) expected.add(measure.code);
          for (const entry of organisations.filter(
            (candidate) => candidate.list === "BLACK" && inForce(candidate),
          )) {
            for (const measure of catalog)
              if (covers(measure, entry, "RESPONSIBLE_PERSONS")) expected.add(measure.code);
          }
          // Each measure decides as data/measures.yaml says it does in this scenario, not as it does elsewhere.
          const decidedIn = (code: string) =>
            catalog.find((measure) => measure.code === code)!.decisions[scenario]!.decision;
          const strictest = [...expected]
            .map(decidedIn)
            .reduce<keyof typeof RANK>((a, b) => (RANK[b] > RANK[a] ? b : a), "PASS");

          const responsible = organisations.map((entry) => ({
            ...entry,
            organisationName: "单位",
            organisationIdentifier: "91320800MA0000001X",
            relation: "LEGAL_REPRESENTATIVE",
            relationPeriod: "任职 2020-01-01 至 今",
          }));
          const decided = decideScreening(own, responsible, catalog, scenario, TODAY, false);
          expect(new Set(decided.measures.map((measure) => measure.code))).toEqual(expected);
          expect(decided.decision).toBe(strictest);
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
