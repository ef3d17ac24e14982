import "reflect-metadata";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citizenId, personName, uscc } from "../../test/fixtures";
import { startSliceTest, type SliceTest, type SliceViewer } from "../../test/slice";
import { checkSubjectRef, type SubjectRef } from "../../domain/subject-ref";
import { registerSubjects } from "../subjects/subject.registry";
import { listSubjectEntries, resolveListEntryById } from "./list-entry.service";
import { recognizeListEntry } from "./list-entry.workflow";

/**
 * How a list entry is read (JRP art. 8, PCIM arts. 14 and 27): a black entry of a person publishes sex, age band
 * and employer, a red one none of them; the ID is masked; a redacted entry shows the public the reviewer's text
 * and its reviewers the original; an entry no longer in force is history, read only when asked for and only by
 * those who may. Each entry shown is named in the disclosure log. Clock: 20 November 2026.
 */
let slice: SliceTest;
const context = (viewer: SliceViewer) => slice.context("lists", viewer);
const PERSON: SubjectRef = {
  identifier: citizenId(961, "19850615"),
  name: personName("名单读", 961),
  kind: "NATURAL_PERSON",
};
const COMPANY: SubjectRef = { identifier: uscc(9610), name: "读取测试公司", kind: "LEGAL_PERSON" };
const COURT = { role: "PROVIDER", org: "HA-COURT" } as const;
let personId: string;
let companyId: string;
let blackId: string;
let endedId: string;

beforeAll(async () => {
  slice = await startSliceTest({ now: "2026-11-20T10:00:00+08:00" });
  const registered = checkSubjectRef(PERSON, "fixture", [], "2026-11-20")!;
  await registerSubjects(slice.db, [registered]);
  await slice.db
    .updateTable("subjects")
    .set({ sex: "FEMALE", birth_date: "1985-06-15" })
    .where("identifier", "=", PERSON.identifier)
    .execute();
  const unit = await context(COURT);
  const black = {
    list: "BLACK",
    grounds: "B07_REFUSE_JUDGEMENT",
    facts: "拒不履行生效判决，欠款十万元",
    basis: "JRP",
  } as const;
  blackId = (
    await recognizeListEntry(unit, {
      ...black,
      subject: PERSON,
      documentNumber: "LR-B-1",
      recognizedOn: "2026-11-18",
    })
  ).id;
  endedId = (
    await recognizeListEntry(unit, {
      ...black,
      subject: COMPANY,
      documentNumber: "LR-B-2",
      recognizedOn: "2021-01-01",
      validUntil: "2024-01-01",
    })
  ).id;
  await recognizeListEntry(unit, {
    ...black,
    subject: COMPANY,
    documentNumber: "LR-B-3",
    recognizedOn: "2026-11-18",
  });
  await slice.db
    .updateTable("list_entries")
    .set({ publication: "REDACTED", publication_text: "拒不履行生效判决" })
    .where("id", "=", blackId)
    .execute();
  personId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", PERSON.identifier)
      .executeTakeFirstOrThrow()
  ).id;
  companyId = (
    await slice.db
      .selectFrom("subjects")
      .select("id")
      .where("identifier", "=", COMPANY.identifier)
      .executeTakeFirstOrThrow()
  ).id;
});
afterAll(async () => slice?.stop());

describe("listSubjectEntries", () => {
  it("shows the public a redacted black entry with the reviewer's text, the ID masked, and the JRP art. 8 facts", async () => {
    const reader = await context({ role: "PUBLIC" });
    const [entry] = await listSubjectEntries(reader, personId, false);
    expect(entry).toMatchObject({ id: blackId, facts: "拒不履行生效判决", publicationState: null });
    expect(entry!.disclosure).toMatchObject({ name: PERSON.name, sex: "FEMALE", ageBand: "40-49" });
    expect(entry!.disclosure.identifier).not.toBe(PERSON.identifier);
    expect(reader.disclosures.summary()).toEqual([
      {
        entityType: "ListEntry",
        tiers: ["PUBLIC"],
        consentIds: [],
        subjectIds: [personId],
        subjectIdentifiers: [PERSON.identifier],
        counts: [1],
        itemIds: [blackId],
      },
    ]);
  });

  it("shows the subject and the recognising unit the original facts and the review", async () => {
    for (const viewer of [{ role: "SUBJECT", subject: PERSON.identifier }, COURT] as const) {
      const [entry] = await listSubjectEntries(await context(viewer), personId, false);
      expect(entry).toMatchObject({ facts: "拒不履行生效判决，欠款十万元", publicationState: "REDACTED" });
    }
  });

  it("reads an entry no longer in force only with includeInactive, shown EXPIRED", async () => {
    const reader = await context(COURT);
    expect((await listSubjectEntries(reader, companyId, false)).map((entry) => entry.documentNumber)).toEqual(
      ["LR-B-3"],
    );
    const all = await listSubjectEntries(reader, companyId, true);
    expect(all.map((entry) => [entry.documentNumber, entry.status]).sort()).toEqual([
      ["LR-B-2", "EXPIRED"],
      ["LR-B-3", "ACTIVE"],
    ]);
    // The public never reads one no longer in force, asked for or not.
    expect(
      (await listSubjectEntries(await context({ role: "PUBLIC" }), companyId, true)).map(
        (entry) => entry.documentNumber,
      ),
    ).toEqual(["LR-B-3"]);
  });
});

describe("resolveListEntryById", () => {
  it("resolves an entry the viewer may read, and nothing for one it may not, disclosing only the first", async () => {
    const reader = await context({ role: "PUBLIC" });
    expect((await resolveListEntryById(reader, blackId))?.id).toBe(blackId);
    expect(await resolveListEntryById(reader, endedId)).toBeNull();
    expect(reader.disclosures.summary().flatMap((group) => group.itemIds ?? [])).toEqual([blackId]);
  });
});
