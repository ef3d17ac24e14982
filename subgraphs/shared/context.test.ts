import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { uscc } from "../../test/fixtures";
import type { DisclosureGroup } from "../../audit-log/chain";
import { DisclosureLog } from "./context";

/** Every (subject, entity type) of the groups, with its tiers, consents and count: what the audit records. */
const perSubject = (groups: readonly DisclosureGroup[]) =>
  groups
    .flatMap((group) =>
      group.subjectIds.map((subjectId, index) =>
        JSON.stringify([
          subjectId,
          group.subjectIdentifiers[index],
          group.entityType,
          group.tiers,
          group.consentIds,
          group.counts[index],
        ]),
      ),
    )
    .sort();

describe("DisclosureLog.summary", () => {
  it("groups subjects by entity type, tiers and consents, each subject once per entity type with its row count", () => {
    const log = new DisclosureLog();
    const [a, b, c] = [randomUUID(), randomUUID(), randomUUID()];
    log.record({ subjectId: a, subjectIdentifier: "A", entityType: "CreditRecord", tier: "PUBLIC" });
    log.record({ subjectId: a, subjectIdentifier: "A", entityType: "CreditRecord", tier: "GOVERNMENT" });
    log.record({ subjectId: b, subjectIdentifier: "B", entityType: "CreditRecord", tier: "GOVERNMENT" });
    log.record({ subjectId: b, subjectIdentifier: "B", entityType: "CreditRecord", tier: "PUBLIC" });
    log.record({
      subjectId: c,
      subjectIdentifier: "C",
      entityType: "CreditRecord",
      tier: "PUBLIC",
      consentId: "consent-1",
    });
    log.record({ subjectId: c, subjectIdentifier: "C", entityType: "Subject", tier: "PUBLIC" });
    log.record({ subjectId: a, subjectIdentifier: "A", entityType: "Subject", tier: "PUBLIC" });
    const groups = log.summary();
    expect(groups).toHaveLength(3);
    expect(groups).toContainEqual({
      entityType: "CreditRecord",
      tiers: ["GOVERNMENT", "PUBLIC"],
      consentIds: [],
      subjectIds: [a, b],
      subjectIdentifiers: ["A", "B"],
      counts: [2, 2],
    });
    expect(groups).toContainEqual({
      entityType: "CreditRecord",
      tiers: ["PUBLIC"],
      consentIds: ["consent-1"],
      subjectIds: [c],
      subjectIdentifiers: ["C"],
      counts: [1],
    });
    expect(groups).toContainEqual({
      entityType: "Subject",
      tiers: ["PUBLIC"],
      consentIds: [],
      subjectIds: [c, a],
      subjectIdentifiers: ["C", "A"],
      counts: [1, 1],
    });
    expect(perSubject(groups)).toHaveLength(5);
  });

  it("carries the ids of the items disclosed, each once and sorted, only in groups that disclosed items", () => {
    const log = new DisclosureLog();
    const [a, b] = [randomUUID(), randomUUID()];
    log.record({
      subjectId: a,
      subjectIdentifier: "A",
      entityType: "CreditRecord",
      tier: "PUBLIC",
      itemIds: ["r-2"],
    });
    log.record({
      subjectId: a,
      subjectIdentifier: "A",
      entityType: "CreditRecord",
      tier: "PUBLIC",
      itemIds: ["r-1"],
    });
    log.record({
      subjectId: b,
      subjectIdentifier: "B",
      entityType: "CreditRecord",
      tier: "PUBLIC",
      itemIds: ["r-3", "r-1"],
    });
    log.record({ subjectId: a, subjectIdentifier: "A", entityType: "Subject", tier: "PUBLIC" });
    const groups = log.summary();
    expect(groups.find((group) => group.entityType === "CreditRecord")!.itemIds).toEqual([
      "r-1",
      "r-2",
      "r-3",
    ]);
    expect(groups.find((group) => group.entityType === "Subject")).not.toHaveProperty("itemIds");
  });

  it("reports a 1,000-subject screen in about a third of the bytes of one object per subject", () => {
    const log = new DisclosureLog();
    const perSubjectForm: unknown[] = [];
    for (let n = 0; n < 1_000; n++) {
      const subjectId = randomUUID();
      log.record({ subjectId, subjectIdentifier: uscc(n), entityType: "ScreeningResult", tier: "PUBLIC" });
      // The form before the grouped one: one object per subject and entity type.
      perSubjectForm.push({
        subjectId,
        subjectIdentifier: uscc(n),
        entityType: "ScreeningResult",
        tiers: ["PUBLIC"],
        count: 1,
        consentIds: [],
      });
    }
    const before = Buffer.byteLength(JSON.stringify(perSubjectForm));
    const after = Buffer.byteLength(JSON.stringify(log.summary()));
    expect(log.summary()).toHaveLength(1);
    expect(after).toBeLessThan(before / 2.5);
    console.info(
      `extensions.disclosed of a 1,000-subject screen: ${before} bytes one object per subject, ${after} bytes grouped`,
    );
  });
});
