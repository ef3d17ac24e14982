import { sql, type Kysely } from "kysely";
import { addMonths, addYears } from "../../domain/dates";
import { citizenIdCheckCharacter, usccCheckCharacter } from "../../domain/identifiers";
import { LIST_GROUNDS } from "../../domain/list-grounds";
import { OCCUPATION_GROUPS } from "../../domain/occupation-groups";
import { catalogueTierOf, RECORD_KINDS } from "../../domain/record-kinds";
import { publicationOnSubmission } from "../../policies/publication";
import type { DomainRules } from "../../platform/config";
import type { Database } from "../database";

/** Jiangsu prefecture-level regions with a few districts each (GB/T 2260). */
const REGIONS = [
  { city: "淮安市", codes: ["320803", "320804", "320812", "320813", "320826", "320830", "320831"] },
  { city: "常州市", codes: ["320402", "320404", "320411", "320412", "320413", "320481"] },
  { city: "连云港市", codes: ["320703", "320706", "320707", "320722", "320723", "320724"] },
  { city: "南京市", codes: ["320102", "320104", "320105", "320106", "320111", "320113"] },
  { city: "苏州市", codes: ["320505", "320506", "320507", "320508", "320509", "320581"] },
  { city: "无锡市", codes: ["320205", "320206", "320211", "320213", "320214", "320281"] },
] as const;
const ALL_REGION_CODES = REGIONS.flatMap((region) =>
  region.codes.map((code) => ({ code, city: region.city })),
);
const SURNAMES = [
  ..."王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤",
];
const GIVEN = [
  ..."伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玉兰萍红建国文辉力鹏宇浩然欣怡晨阳子涵梓轩诗琪佳慧思远志刚海燕秀梅春晓",
];
const COMPANY_WORDS = [
  "恒达",
  "诚信",
  "华瑞",
  "金鼎",
  "海通",
  "绿源",
  "博远",
  "港城",
  "永安",
  "明德",
  "鑫盛",
  "天诚",
  "万通",
  "宏远",
  "嘉禾",
  "同创",
  "东方",
  "新华",
  "盛世",
  "中天",
];
const INDUSTRIES = [
  "建材有限公司",
  "物流有限公司",
  "电子科技有限公司",
  "机械制造有限公司",
  "商贸有限公司",
  "农业发展有限公司",
  "网络科技有限公司",
  "建设工程有限公司",
  "食品有限公司",
  "教育咨询有限公司",
  "医药连锁有限公司",
  "环保科技有限公司",
];
const NATURES = [
  "有限责任公司",
  "股份有限公司",
  "个人独资企业",
  "国有企业",
  "事业单位",
  "国家机关",
  "社会团体",
];

/** One organisation in ten; the rest are natural persons. */
const ORGANISATION_SHARE = 10;
const BATCH = 5_000;

/** A deterministic generator (mulberry32) seeded per subject, so any slice of N can be generated alone. */
function randomFor(seed: number): () => number {
  let state = (seed * 2654435761) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (table: number, index: number) =>
  `${table.toString(16).padStart(8, "0")}-0000-4000-8000-${index.toString(16).padStart(12, "0")}`;
const isOrganisation = (index: number) => index % ORGANISATION_SHARE === 0;
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

function usccOf(index: number, region: string): string {
  let code = "";
  let rest = index;
  for (let position = 0; position < 8; position++) {
    code = USCC_ALPHABET[rest % 31]! + code;
    rest = Math.floor(rest / 31);
  }
  const first17 = `91${region}M${code}`;
  return first17 + usccCheckCharacter(first17);
}

function citizenIdOf(index: number, region: string, today: string): string {
  const dayOffset = Math.floor(index / 1000);
  // 30 or older: a person's earliest record (PERSON_REGISTRATION, up to 3,400 days back) still finds them an adult (PCIM art. 2).
  const birthYear = Number(today.slice(0, 4)) - 30 - (dayOffset % 45);
  const birth = new Date(Date.UTC(birthYear, 0, 1 + (Math.floor(dayOffset / 45) % 365)))
    .toISOString()
    .slice(0, 10)
    .replaceAll("-", "");
  const first17 = `${region}${birth}${String(index % 1000).padStart(3, "0")}`;
  return first17 + citizenIdCheckCharacter(first17);
}

type Columns = Record<string, unknown[]>;
const columnsOf = (names: readonly string[]): Columns => Object.fromEntries(names.map((name) => [name, []]));

/** Inserts column arrays with one `insert … select from unnest(…)` (same SQL on PostgreSQL and PGlite). */
async function insertColumns(
  db: Kysely<Database>,
  table: string,
  columns: Columns,
  types: Record<string, string>,
): Promise<number> {
  const names = Object.keys(columns);
  const count = columns[names[0]!]!.length;
  if (count === 0) return 0;
  const arrays = sql.join(names.map((name) => sql`${columns[name]}::${sql.raw(types[name] ?? "text")}[]`));
  await sql`insert into ${sql.table(table)} (${sql.join(names.map((name) => sql.ref(name)))}) select * from unnest(${arrays}) on conflict do nothing`.execute(
    db,
  );
  return count;
}

export type SeedProgress = Readonly<{ subjects: number; rows: number }>;

/**
 * Loads N synthetic subjects, deterministic for N: valid citizen IDs and USCCs across Jiangsu regions,
 * Chinese names, employers and legal representatives, about five records each (5% with negative
 * items, some expired), 1% blacklisted, 2% red-listed (some expired, some removed). Bulk inserts with
 * UNNEST in batches; re-running adds nothing that is already there.
 */
export async function generateSeed(
  db: Kysely<Database>,
  options: {
    subjects: number;
    today: string;
    rules: DomainRules;
    onProgress?: (progress: SeedProgress) => void;
  },
): Promise<{ subjects: number; rows: number }> {
  const { today } = options;
  let rows = 0;
  for (let start = 0; start < options.subjects; start += BATCH) {
    const end = Math.min(options.subjects, start + BATCH);
    const subjects = columnsOf([
      "id",
      "kind",
      "identifier",
      "name",
      "sex",
      "birth_date",
      "occupation_group",
      "employer_identifier",
      "state_employee",
      "registered_address",
      "nature",
      "region",
    ]);
    const records = columnsOf([
      "id",
      "subject_id",
      "subject_identifier",
      "category",
      "kind",
      "severity",
      "tier",
      "title",
      "provider",
      "document_number",
      "decided_on",
      "expires_on",
      "status",
      "publication",
    ]);
    const entries = columnsOf([
      "id",
      "subject_id",
      "subject_identifier",
      "subject_name",
      "subject_kind",
      "region",
      "list",
      "status",
      "grounds",
      "facts",
      "basis",
      "document_number",
      "recognized_by",
      "recognized_on",
      "valid_until",
      "status_reason",
      "status_changed_on",
      "disclosure",
      "publication",
    ]);

    for (let index = start; index < end; index++) {
      const random = randomFor(index + 1);
      const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
      const region = ALL_REGION_CODES[index % ALL_REGION_CODES.length]!;
      const organisation = isOrganisation(index);
      const id = uuid(1, index);
      const identifier = organisation ? usccOf(index, region.code) : citizenIdOf(index, region.code, today);
      const name = organisation
        ? `${region.city}${pick(COMPANY_WORDS)}${pick(INDUSTRIES)}`
        : `${pick(SURNAMES)}${pick(GIVEN)}${random() < 0.6 ? pick(GIVEN) : ""}`;
      const employerIndex = Math.floor(index / ORGANISATION_SHARE) * ORGANISATION_SHARE;
      const employer = organisation
        ? null
        : usccOf(employerIndex, ALL_REGION_CODES[employerIndex % ALL_REGION_CODES.length]!.code);
      const nature = organisation ? pick(NATURES) : null;
      subjects.id!.push(id);
      subjects.kind!.push(organisation ? "LEGAL_PERSON" : "NATURAL_PERSON");
      subjects.identifier!.push(identifier);
      subjects.name!.push(name);
      subjects.sex!.push(organisation ? null : Number(identifier[16]) % 2 === 1 ? "MALE" : "FEMALE");
      subjects.birth_date!.push(
        organisation
          ? null
          : `${identifier.slice(6, 10)}-${identifier.slice(10, 12)}-${identifier.slice(12, 14)}`,
      );
      subjects.occupation_group!.push(!organisation && random() < 0.2 ? pick(OCCUPATION_GROUPS).code : null);
      subjects.employer_identifier!.push(employer);
      subjects.state_employee!.push(!organisation && random() < 0.05);
      subjects.registered_address!.push(
        organisation ? `江苏省${region.city}${pick(COMPANY_WORDS)}路${1 + (index % 300)}号` : null,
      );
      subjects.nature!.push(nature);
      subjects.region!.push(region.code);

      const addRecord = (
        slot: number,
        kindCode: string,
        decidedOn: string,
        severity: string | null,
        status = "ACTIVE",
      ) => {
        const kind = RECORD_KINDS.find((candidate) => candidate.code === kindCode)!;
        records.id!.push(uuid(2, index * 8 + slot));
        records.subject_id!.push(id);
        records.subject_identifier!.push(identifier);
        records.category!.push(kind.category);
        records.kind!.push(kind.code);
        records.severity!.push(severity);
        const tier = catalogueTierOf(kind, organisation ? "LEGAL_PERSON" : "NATURAL_PERSON");
        records.tier!.push(tier);
        // Synthetic history counts as reviewed by the credit centre (policies/publication.ts).
        records.publication!.push(
          publicationOnSubmission(organisation ? "LEGAL_PERSON" : "NATURAL_PERSON", tier) === "PENDING"
            ? "PUBLISHED"
            : null,
        );
        records.title!.push(kind.name);
        records.provider!.push(
          kind.category === "NEGATIVE" ? pick(["HA-SAMR", "HA-TAX", "HA-HRSS", "HA-ECO"]) : "HA-NDRC",
        );
        records.document_number!.push(`SEED-${index}-${slot}`);
        records.decided_on!.push(decidedOn);
        records.expires_on!.push(
          kind.category === "NEGATIVE"
            ? addMonths(decidedOn, options.rules.expiryMonths[(severity ?? "UNSPECIFIED") as "GENERAL"])
            : null,
        );
        records.status!.push(status);
      };
      const daysAgo = (days: number) =>
        new Date(Date.parse(`${today}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
      addRecord(
        0,
        organisation ? "BUSINESS_REGISTRATION" : "PERSON_REGISTRATION",
        daysAgo(400 + Math.floor(random() * 3000)),
        null,
      );
      addRecord(
        1,
        organisation ? "ADMINISTRATIVE_LICENCE" : "QUALIFICATION",
        daysAgo(Math.floor(random() * 2000)),
        null,
      );
      addRecord(2, "CREDIT_COMMITMENT", daysAgo(Math.floor(random() * 700)), null);
      addRecord(
        3,
        organisation ? "INSPECTION_INTERVIEW" : "VOLUNTEER_SERVICE",
        daysAgo(Math.floor(random() * 900)),
        null,
      );
      if (random() < 0.05) {
        const severity = pick(["GENERAL", "GENERAL", "SERIOUS", "SEVERE"]);
        addRecord(
          4,
          pick([
            "ADMINISTRATIVE_PENALTY",
            "TAX_ARREARS",
            "MARKET_ORDER_VIOLATION",
            "SOCIAL_INSURANCE_ARREARS",
            "FALSE_MATERIALS",
          ]),
          daysAgo(Math.floor(random() * 1500)),
          severity,
        );
      } else if (random() < 0.3) {
        addRecord(
          4,
          pick(["HONOUR_AWARD", "CHARITABLE_DONATION"]),
          daysAgo(Math.floor(random() * 1500)),
          null,
        );
      }

      const listRoll = random();
      if (listRoll < 0.03) {
        const black = listRoll < 0.01;
        const list = black ? "BLACK" : "RED";
        const recognizedOn = daysAgo(Math.floor(random() * 1400));
        const validUntil = addYears(recognizedOn, black ? 2 : 3);
        const removed = random() < 0.1;
        entries.id!.push(uuid(3, index));
        entries.subject_id!.push(id);
        entries.subject_identifier!.push(identifier);
        entries.subject_name!.push(name);
        entries.subject_kind!.push(organisation ? "LEGAL_PERSON" : "NATURAL_PERSON");
        entries.publication!.push(organisation ? null : "PUBLISHED");
        entries.region!.push(region.code);
        entries.list!.push(list);
        entries.status!.push(removed ? "REMOVED" : validUntil < today ? "EXPIRED" : "ACTIVE");
        const ground = pick<{ code: string; article: string; name: string }>(LIST_GROUNDS[list]);
        entries.grounds!.push(ground.code);
        entries.facts!.push(`${ground.name}（合成数据）`);
        entries.basis!.push(`淮安市守信联合激励和失信联合惩戒实施办法 ${ground.article.replace("JRP ", "")}`);
        entries.document_number!.push(`SEED-L-${index}`);
        entries.recognized_by!.push(black ? pick(["HA-SAMR", "HA-COURT", "HA-TAX"]) : "HA-NDRC");
        entries.recognized_on!.push(recognizedOn);
        entries.valid_until!.push(validUntil);
        entries.status_reason!.push(removed ? "认定单位移出" : null);
        entries.status_changed_on!.push(
          removed
            ? addYears(recognizedOn, 1) < today
              ? addYears(recognizedOn, 1)
              : today
            : validUntil < today
              ? validUntil
              : null,
        );
        entries.disclosure!.push(
          JSON.stringify(
            organisation
              ? { registeredAddress: subjects.registered_address!.at(-1), nature, legalRepresentative: null }
              : { sex: subjects.sex!.at(-1), birthDate: subjects.birth_date!.at(-1), employer: null },
          ),
        );
      }
    }

    await db.transaction().execute(async (trx) => {
      rows += await insertColumns(trx, "subjects", subjects, {
        id: "uuid",
        birth_date: "date",
        state_employee: "boolean",
      });
      rows += await insertColumns(trx, "credit_records", records, {
        id: "uuid",
        subject_id: "uuid",
        decided_on: "date",
        expires_on: "date",
      });
      rows += await insertColumns(trx, "list_entries", entries, {
        id: "uuid",
        subject_id: "uuid",
        recognized_on: "date",
        valid_until: "date",
        status_changed_on: "date",
        disclosure: "jsonb",
      });
    });
    options.onProgress?.({ subjects: end, rows });
  }
  // Legal representatives point forward (organisation i, person i + 1): inserted once every subject exists.
  for (let start = 0; start < options.subjects; start += BATCH * ORGANISATION_SHARE) {
    const relations = columnsOf(["organisation_id", "person_id", "relation"]);
    for (
      let index = start;
      index < Math.min(options.subjects - 1, start + BATCH * ORGANISATION_SHARE);
      index += ORGANISATION_SHARE
    ) {
      relations.organisation_id!.push(uuid(1, index));
      relations.person_id!.push(uuid(1, index + 1));
      relations.relation!.push("LEGAL_REPRESENTATIVE");
    }
    rows += await insertColumns(db, "subject_relations", relations, {
      organisation_id: "uuid",
      person_id: "uuid",
    });
  }
  await sql`analyze`.execute(db);
  return { subjects: options.subjects, rows };
}
