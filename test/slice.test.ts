import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { submitRecords } from "../subgraphs/records/credit-record.service";
import { findMyConsents, grantConsent } from "../subgraphs/subjects/consent.service";
import { citizenId, daysAgo, personName } from "./fixtures";
import { errorCodes } from "./harness";
import { startSliceTest, viewerOf, type SliceTest } from "./slice";

const NOW = "2026-06-01T10:00:00+08:00";
let slice: SliceTest;

beforeAll(async () => {
  slice = await startSliceTest({ now: NOW });
});
afterAll(async () => slice?.stop());

describe("startSliceTest", () => {
  it("builds a request context as the subgraph does: the viewer as signed, its ability, the pinned clock read once", async () => {
    const context = await slice.context("records", {
      role: "PROVIDER",
      org: "HA-SAMR",
      sub: "officer-1",
      purpose: "SUPERVISION",
    });
    expect(context.viewer).toEqual({
      role: "PROVIDER",
      actor: "officer-1",
      org: "HA-SAMR",
      subject: null,
      purpose: "SUPERVISION",
    });
    expect(context.ability.can("submit", "CreditRecord")).toBe(true);
    // The test clock runs on from where it is pinned, like CREDIT_NOW.
    expect(context.now.getTime() - new Date(NOW).getTime()).toBeGreaterThanOrEqual(0);
    expect(context.now.getTime() - new Date(NOW).getTime()).toBeLessThan(60_000);
    expect(slice.today()).toBe("2026-06-01");
    expect((await slice.context("records")).viewer.role).toBe("PUBLIC");
    expect(viewerOf({ role: "PUBLIC", sub: "ignored" }).actor).toBeNull();
  });

  it("inserts fixtures through a slice's own service and reads them through its schema", async () => {
    const provider = await slice.context("records", { role: "PROVIDER", org: "HA-SAMR" });
    const stored = await submitRecords(provider, [
      {
        subject: { identifier: citizenId(1), name: personName("切片人", 1), kind: "NATURAL_PERSON" },
        category: "NEGATIVE",
        kind: "ADMINISTRATIVE_PENALTY",
        procedure: "GENERAL",
        severity: "GENERAL",
        tier: "PUBLIC",
        title: "行政处罚决定书",
        documentNumber: "SLICE-1",
        decidedOn: daysAgo(10, slice.clock.now()),
      },
    ] as never);
    expect(stored).toMatchObject({ accepted: 1, created: 1 });
    const kinds = await slice.execute<{ recordKinds: Array<{ code: string }> }>(
      "records",
      "{ recordKinds { code } }",
    );
    expect(kinds.errors).toBeUndefined();
    expect(kinds.data!.recordKinds.map((kind) => kind.code)).toContain("ADMINISTRATIVE_PENALTY");
  });

  it("answers a refusal with the subgraph's error mask and code", async () => {
    const refused = await slice.execute("records", `mutation { submitRecords(records: []) { accepted } }`, {
      viewer: { role: "PUBLIC" },
    });
    expect(errorCodes(refused)).toEqual(["FORBIDDEN"]);
  });

  it("keeps a consent as a row, granted through the subjects slice", async () => {
    const subject = { role: "SUBJECT", subject: citizenId(1) } as const;
    await grantConsent(await slice.context("subjects", subject), {
      grantee: "BANK",
      purpose: "CREDIT_LENDING",
      validUntil: new Date("2026-07-01T00:00:00Z"),
    });
    expect(await findMyConsents(await slice.context("subjects", subject))).toMatchObject([
      { grantee: "BANK", purpose: "CREDIT_LENDING" },
    ]);
  });
});
