import type { Kysely } from "kysely";
import { addYears } from "../../domain/dates";
import { citizenIdCheckCharacter, usccCheckCharacter } from "../../domain/identifiers";
import type { Tier } from "../../domain/vocabulary";
import { publicationOnSubmission } from "../../policies/publication";
import type { Database } from "../database";
import type { NewCreditRecordRow } from "../../subgraphs/records/credit-record.table";
import type { NewListEntryRow } from "../../subgraphs/lists/list-entry.table";

/** The blacklisted company the README's first query looks up. */
export const DEMO_BLACKLISTED_COMPANY = "淮安市清江浦区恒达建材有限公司";

const SURNAMES = [..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"];
const GIVEN_NAMES = [
  "伟",
  "芳",
  "娜",
  "秀英",
  "敏",
  "静",
  "丽",
  "强",
  "磊",
  "军",
  "洋",
  "勇",
  "艳",
  "杰",
  "娟",
  "涛",
  "明",
  "超",
  "秀兰",
  "霞",
];
const REGIONS = ["320802", "320803", "320804", "320812", "320402", "320404", "320703", "320706"];
const COMPANIES = [
  DEMO_BLACKLISTED_COMPANY,
  "淮安市淮阴区诚信物流有限公司",
  "常州市天宁区华瑞电子科技有限公司",
  "常州市武进区金鼎机械制造有限公司",
  "连云港市海州区海通商贸有限公司",
  "淮安市洪泽区绿源农业发展有限公司",
  "常州市新北区博远网络科技有限公司",
  "连云港市连云区港城建设工程有限公司",
  "淮安市金湖县永安食品有限公司",
  "常州市钟楼区明德教育咨询有限公司",
];

/** A small deterministic generator, so the demo is the same on every machine. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Loads a few dozen subjects with records and list entries, once (the measure catalog comes from data/measures.yaml): a database that
 * already holds subjects is left alone. Dates are relative to `today` so the demo never goes stale.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  today: string,
): Promise<{ subjects: number } | null> {
  const existing = await db.selectFrom("subjects").select("id").limit(1).executeTakeFirst();
  if (existing) return null;
  const random = createRandom(20181030);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const year = Number(today.slice(0, 4));
  const daysAgo = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

  return db.transaction().execute(async (trx) => {
    const persons = Array.from({ length: 30 }, (_, index) => {
      const birth = `${year - 22 - Math.floor(random() * 40)}${String(1 + Math.floor(random() * 12)).padStart(2, "0")}${String(1 + Math.floor(random() * 28)).padStart(2, "0")}`;
      const first17 = `${pick(REGIONS)}${birth}${String(100 + index * 7).padStart(3, "0")}`;
      return {
        kind: "NATURAL_PERSON" as const,
        identifier: first17 + citizenIdCheckCharacter(first17),
        name: pick(SURNAMES) + pick(GIVEN_NAMES),
      };
    });
    const organisations = COMPANIES.map((name, index) => {
      const first17 = `91${REGIONS[index % REGIONS.length]}MA${String(1000000 + index * 7919).slice(0, 7)}`;
      return { kind: "LEGAL_PERSON" as const, identifier: first17 + usccCheckCharacter(first17), name };
    });
    const subjects = await trx
      .insertInto("subjects")
      .values([
        ...organisations.map((organisation, index) => ({
          ...organisation,
          region: organisation.identifier.slice(2, 8),
          registered_address: `江苏省${organisation.name.slice(0, 3)}建设路${index + 1}号`,
          nature: index === 9 ? "事业单位" : "有限责任公司",
        })),
        ...persons.map((person, index) => ({
          ...person,
          region: person.identifier.slice(0, 6),
          sex: Number(person.identifier[16]) % 2 === 1 ? ("MALE" as const) : ("FEMALE" as const),
          birth_date: `${person.identifier.slice(6, 10)}-${person.identifier.slice(10, 12)}-${person.identifier.slice(12, 14)}`,
          employer_identifier: organisations[index % organisations.length]!.identifier,
          state_employee: index % 10 === 4,
          occupation_group: index % 3 === 0 ? "TEACHER" : null,
        })),
      ])
      .returning(["id", "identifier", "kind", "name", "region"])
      .execute();
    await trx
      .insertInto("subject_relations")
      .values(
        organisations.map((_, index) => ({
          organisation_id: subjects[index]!.id,
          person_id: subjects[organisations.length + index]!.id,
          relation: "LEGAL_REPRESENTATIVE" as const,
        })),
      )
      .execute();

    const records: NewCreditRecordRow[] = [];
    const entries: NewListEntryRow[] = [];
    subjects.forEach((subject, index) => {
      const base = { subject_id: subject.id, subject_identifier: subject.identifier };
      records.push({
        ...base,
        category: "BASIC",
        kind: subject.kind === "NATURAL_PERSON" ? "QUALIFICATION" : "BUSINESS_REGISTRATION",
        severity: null,
        // The catalogue tier: a person's basic information is AUTHORIZED (domain/record-kinds.ts#catalogueTierOf).
        tier: subject.kind === "NATURAL_PERSON" ? "AUTHORIZED" : "PUBLIC",
        title: subject.kind === "NATURAL_PERSON" ? "职业资格证书" : "营业执照登记信息",
        provider: subject.kind === "NATURAL_PERSON" ? "HRSS" : "SAMR",
        document_number: `DEMO-B-${index}`,
        decided_on: daysAgo(400 + index * 11),
        expires_on: null,
        status: "ACTIVE",
      });
      if (index % 4 === 0) {
        const decided = daysAgo(30 + index * 17);
        const severity = index % 8 === 0 ? "SERIOUS" : "GENERAL";
        records.push({
          ...base,
          category: "NEGATIVE",
          kind: "ADMINISTRATIVE_PENALTY",
          severity,
          tier: index % 3 === 0 ? "GOVERNMENT" : "PUBLIC",
          title: "行政处罚决定",
          provider: "SAMR",
          document_number: `DEMO-N-${index}`,
          decided_on: decided,
          expires_on: addYears(decided, severity === "GENERAL" ? 1 : 3),
          status: "ACTIVE",
        });
      }
      if (index % 5 === 1) {
        records.push({
          ...base,
          category: "OTHER",
          kind: "CREDIT_COMMITMENT",
          severity: null,
          tier: "AUTHORIZED",
          title: "信用承诺书",
          provider: "NDRC",
          document_number: `DEMO-O-${index}`,
          decided_on: daysAgo(90 + index),
          expires_on: null,
          status: "ACTIVE",
        });
      }
    });
    const expiredOn = daysAgo(800);
    records.push({
      subject_id: subjects[2]!.id,
      subject_identifier: subjects[2]!.identifier,
      category: "NEGATIVE",
      kind: "TAX_ARREARS",
      severity: "GENERAL",
      tier: "PUBLIC",
      title: "欠缴税款（已过公示期）",
      provider: "TAX",
      document_number: "DEMO-X-1",
      decided_on: expiredOn,
      expires_on: addYears(expiredOn, 1),
      status: "ACTIVE",
    });

    const listEntry = (
      subjectIndex: number,
      list: "RED" | "BLACK",
      grounds: string,
      facts: string,
      recognizedDaysAgo: number,
      validYears: number,
    ): NewListEntryRow => {
      const subject = subjects[subjectIndex]!;
      const recognizedOn = daysAgo(recognizedDaysAgo);
      return {
        subject_id: subject.id,
        subject_identifier: subject.identifier,
        subject_name: subject.name,
        subject_kind: subject.kind,
        region: subject.region,
        list,
        status: "ACTIVE",
        grounds,
        facts,
        basis:
          list === "BLACK"
            ? "淮安市守信联合激励和失信联合惩戒实施办法 第六条"
            : "淮安市守信联合激励和失信联合惩戒实施办法 第五条",
        document_number: `DEMO-L-${subjectIndex}-${list}`,
        recognized_by: list === "BLACK" ? "HA-SAMR" : "HA-NDRC",
        recognized_on: recognizedOn,
        valid_until: addYears(recognizedOn, validYears),
      };
    };
    entries.push(
      listEntry(0, "BLACK", "B03_MARKET_FRAUD", "销售不合格建筑材料，情节严重", 120, 3),
      listEntry(3, "BLACK", "B07_REFUSE_JUDGEMENT", "拒不履行生效判决（失信被执行人）", 60, 2),
      listEntry(14, "BLACK", "B07_REFUSE_JUDGEMENT", "拒不履行生效判决（失信被执行人）", 200, 2),
      listEntry(1, "RED", "R04_COUNTY_HONOUR", "获评县级诚信示范企业", 300, 3),
      listEntry(5, "RED", "R01_STATE_HONOUR", "获省级以上表彰", 100, 3),
      listEntry(12, "RED", "R04_COUNTY_HONOUR", "县级道德模范", 50, 3),
      listEntry(7, "BLACK", "B03_MARKET_FRAUD", "虚假宣传（已过有效期）", 1200, 1),
    );
    // The demo's published items about persons count as reviewed by the credit centre; one new black entry awaits
    // its review, so the workbench's queue has an item (policies/publication.ts).
    const kindOf = new Map(subjects.map((subject) => [subject.id, subject.kind]));
    const reviewed = <Row extends { subject_id: string }>(row: Row, tier: Tier) => ({
      ...row,
      publication:
        publicationOnSubmission(kindOf.get(row.subject_id)!, tier) === "PENDING"
          ? ("PUBLISHED" as const)
          : null,
    });
    const awaitingReview = {
      ...listEntry(21, "BLACK", "B07_REFUSE_JUDGEMENT", "拒不履行生效判决，拒不支付劳动报酬", 2, 2),
      publication: "PENDING" as const,
    };

    await trx
      .insertInto("credit_records")
      .values(records.map((record) => reviewed(record, record.tier)))
      .execute();
    await trx
      .insertInto("list_entries")
      .values([...entries.map((entry) => reviewed(entry, "PUBLIC")), awaitingReview])
      .execute();
    await trx
      .insertInto("measure_applications")
      .values({
        measure_code: "P05",
        subject_id: subjects[0]!.id,
        subject_identifier: subjects[0]!.identifier,
        reported_by: "HA-PRTC",
        case_number: "DEMO-TENDER-1",
        outcome: "投标资格被拒绝",
        applied_on: daysAgo(20),
      })
      .execute();
    return { subjects: subjects.length };
  });
}
