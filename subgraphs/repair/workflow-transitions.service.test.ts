import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../platform/viewer";
import { OBJECTION_STEPS, REPAIR_STEPS } from "./workflow-transitions";
import { EXPECTED_OBJECTION_MOVERS, EXPECTED_REPAIR_MOVERS } from "../../test/workflow-movers";
import { citizenId, daysAgo } from "../../test/fixtures";
import { errorCodes } from "../../test/harness";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { UNDER_LOAD } from "../../test/load";

/**
 * Every (from, to, role) of both workflows through the repair slice's schema, on the database: the case is put in
 * `from`, the role asks for `to`, and the answer is the step (allowed), BAD_USER_INPUT (no such step)
 * or a refusal (FORBIDDEN, or NOT_FOUND for a role that may not even see the case).
 */
let slice: SliceTest;
const OWNER = citizenId(990);
const PROVIDER = "HA-WF";
let objectionId: string;
let repairId: string;

beforeAll(async () => {
  // Dates matter here (deadlines, periods): the suite runs on a fixed day, whatever the machine's date.
  slice = await startSliceTest({ now: "2026-11-18T10:00:00+08:00" });
  const provider: SliceViewer = { role: "PROVIDER", org: PROVIDER };
  const records = await slice.execute<{ submitRecords: { ids: string[] } }>(
    "records",
    `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { ids } }`,
    {
      viewer: provider,
      variables: {
        records: [
          {
            subject: { identifier: OWNER, name: "流程人", kind: "NATURAL_PERSON" },
            category: "NEGATIVE",
            kind: "VIOLATION",
            severity: "GENERAL",
            tier: "GOVERNMENT",
            title: "违法",
            documentNumber: "WF-1",
            decidedOn: daysAgo(30, slice.clock.now()),
          },
        ],
      },
    },
  );
  const recordId = records.data!.submitRecords.ids[0]!;
  const entry = await slice.execute<{ recognizeListEntry: { id: string } }>(
    "lists",
    `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`,
    {
      viewer: provider,
      variables: {
        input: {
          subject: { identifier: OWNER, name: "流程人", kind: "NATURAL_PERSON" },
          list: "BLACK",
          grounds: "B09_REFUSE_CORRECTION",
          facts: "拒不改正",
          basis: "JRP",
          documentNumber: "WF-L",
          recognizedOn: daysAgo(300, slice.clock.now()),
          validUntil: daysAgo(-300, slice.clock.now()),
        },
      },
    },
  );
  const owner: SliceViewer = { role: "SUBJECT", subject: OWNER };
  const objection = await slice.execute<{ fileObjection: { id: string } }>(
    "repair",
    `mutation ($input: ObjectionInput!) { fileObjection(input: $input) { id } }`,
    {
      viewer: owner,
      variables: { input: { targetId: recordId, ground: "WRONG_OR_INCOMPLETE", statement: "核对" } },
    },
  );
  objectionId = objection.data!.fileObjection.id;
  // The case has been to appeal once: the credit authority may read it (and is refused, not blind, on steps not its own).
  await slice.db
    .insertInto("workflow_events")
    .values({
      workflow: "OBJECTION",
      case_id: objectionId,
      from_state: "UPHELD",
      to_state: "APPEALED",
      actor: "owner",
      role: "SUBJECT",
      note: "申诉",
      at: slice.clock.now(),
    })
    .execute();
  const repair = await slice.execute<{ applyForRepair: { id: string } }>(
    "repair",
    `mutation ($input: RepairInput!) { applyForRepair(input: $input) { id } }`,
    {
      viewer: owner,
      variables: {
        input: {
          targetId: entry.data!.recognizeListEntry.id,
          commitment: "承诺依法履行全部义务",
          rectifiedOn: daysAgo(290, slice.clock.now()),
        },
      },
    },
  );
  expect(repair.errors).toBeUndefined();
  repairId = repair.data!.applyForRepair.id;
});
afterAll(async () => slice?.stop());

function viewerFor(role: Role): SliceViewer {
  if (role === "PUBLIC") return { role };
  if (role === "SUBJECT") return { role, subject: OWNER };
  if (role === "PROVIDER") return { role, org: PROVIDER };
  return { role, org: `WF-${role}` };
}

/**
 * Every (from, to) cell. Under `npm run test:load` (CI) every role asks on every cell; in `npm test` the roles the
 * cell allows ask, and one or two others in turn, so each role is tried from and to every state (the table itself
 * is checked cell by cell and role by role in subgraphs/repair/workflow-transitions.test.ts).
 */
function moves(
  graph: Readonly<Record<string, readonly string[]>>,
  expected: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>>,
) {
  const states = Object.keys(graph);
  return states.flatMap((from, row) =>
    states.map((to, column) => {
      const roles = expected[from]?.[to];
      // Diagonals: the roles in turn change along both the row and the column, and with fewer states than roles
      // each cell asks one more per round, so every role meets every from-state and every to-state.
      const rounds = Math.ceil(ROLES.length / states.length);
      const inTurn = Array.from(
        { length: rounds },
        (_, round) => ROLES[(row + column + round * states.length) % ROLES.length],
      );
      return {
        from,
        to,
        roles,
        askedBy: UNDER_LOAD ? ROLES : ROLES.filter((role) => roles?.includes(role) || inTurn.includes(role)),
      };
    }),
  );
}

describe("objection transitions, every (from, to), by every role under test:load", () => {
  it.each(moves(OBJECTION_STEPS, EXPECTED_OBJECTION_MOVERS))(
    "$from → $to",
    async ({ from, to, roles, askedBy }) => {
      for (const role of askedBy) {
        await slice.db.updateTable("objections").set({ state: from }).where("id", "=", objectionId).execute();
        const result = await slice.execute<{ moveObjection: { state: string } }>(
          "repair",
          `mutation ($id: ID!, $to: ObjectionState!) { moveObjection(id: $id, to: $to, note: "n") { state } }`,
          {
            viewer: viewerFor(role),
            variables: { id: objectionId, to },
          },
        );
        const label = `${from} → ${to} by ${role}`;
        if (roles?.includes(role)) expect(result.data?.moveObjection.state, label).toBe(to);
        else if (!roles)
          expect(errorCodes(result), label).toEqual([expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/)]);
        else expect(errorCodes(result), label).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
      }
    },
  );
});

describe("repair transitions, every (from, to), by every role under test:load", () => {
  it.each(moves(REPAIR_STEPS, EXPECTED_REPAIR_MOVERS))(
    "$from → $to",
    async ({ from, to, roles, askedBy }) => {
      for (const role of askedBy) {
        await slice.db
          .updateTable("repair_cases")
          .set({ state: from, due_on: daysAgo(1, slice.clock.now()) })
          .where("id", "=", repairId)
          .execute();
        const result = await slice.execute<{ moveRepairCase: { state: string } }>(
          "repair",
          `mutation ($id: ID!, $to: RepairState!) { moveRepairCase(id: $id, to: $to, note: "opinion") { state } }`,
          {
            viewer: viewerFor(role),
            variables: { id: repairId, to },
          },
        );
        const label = `${from} → ${to} by ${role}`;
        if (roles?.includes(role)) expect(result.data?.moveRepairCase.state, label).toBe(to);
        else if (!roles)
          expect(errorCodes(result), label).toEqual([expect.stringMatching(/^(BAD_USER_INPUT|NOT_FOUND)$/)]);
        else expect(errorCodes(result), label).toEqual([expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]);
      }
    },
  );
});

describe("the sample npm test asks", () => {
  it.each([
    ["objection", OBJECTION_STEPS, EXPECTED_OBJECTION_MOVERS],
    ["repair", REPAIR_STEPS, EXPECTED_REPAIR_MOVERS],
  ] as const)("%s: every role from every state and to every state", (_workflow, graph, expected) => {
    const cells = moves(graph, expected);
    for (const state of Object.keys(graph)) {
      for (const role of ROLES) {
        expect(
          cells.some((cell) => cell.from === state && cell.askedBy.includes(role)),
          `${role} from ${state}`,
        ).toBe(true);
        expect(
          cells.some((cell) => cell.to === state && cell.askedBy.includes(role)),
          `${role} to ${state}`,
        ).toBe(true);
      }
    }
  });
});

/** The steps a role is told it may take (`movesAllowed`) in each state: exactly those the table above lets it take. */
function expectedMoves(
  expected: Readonly<Record<string, Readonly<Record<string, readonly Role[]>>>>,
  from: string,
  role: Role,
): string[] {
  return Object.entries(expected[from] ?? {})
    .filter(([, roles]) => roles.includes(role))
    .map(([to]) => to);
}

describe("movesAllowed: what a client may offer, from the same role table", () => {
  it.each(Object.keys(OBJECTION_STEPS))("objection in %s", async (from) => {
    await slice.db.updateTable("objections").set({ state: from }).where("id", "=", objectionId).execute();
    for (const role of ROLES) {
      const result = await slice.execute<{ objections: Array<{ id: string; movesAllowed: string[] }> }>(
        "repair",
        `{ objections { id movesAllowed } }`,
        { viewer: viewerFor(role) },
      );
      const seen = result.data?.objections.find((objection) => objection.id === objectionId);
      if (seen)
        expect(seen.movesAllowed.sort(), `${from} for ${role}`).toEqual(
          expectedMoves(EXPECTED_OBJECTION_MOVERS, from, role).sort(),
        );
      else
        expect(
          expectedMoves(EXPECTED_OBJECTION_MOVERS, from, role),
          `${role} may move a case it cannot see`,
        ).toEqual([]);
    }
  });

  it.each(Object.keys(REPAIR_STEPS))("repair case in %s", async (from) => {
    await slice.db.updateTable("repair_cases").set({ state: from }).where("id", "=", repairId).execute();
    for (const role of ["PROVIDER", "CREDIT_CENTER", "AUDITOR"] as const) {
      const result = await slice.execute<{ repairCases: Array<{ id: string; movesAllowed: string[] }> }>(
        "repair",
        `{ repairCases { id movesAllowed } }`,
        { viewer: viewerFor(role) },
      );
      const seen = result.data!.repairCases.find((repair) => repair.id === repairId);
      expect(seen?.movesAllowed.sort(), `${from} for ${role}`).toEqual(
        expectedMoves(EXPECTED_REPAIR_MOVERS, from, role).sort(),
      );
    }
  });
});
