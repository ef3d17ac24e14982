import { readFile } from "node:fs/promises";
import fc from "fast-check";
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLField,
  type GraphQLInputType,
} from "graphql";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isIdentifierField, isRegisteredNameField, WITHHELD } from "../../domain/prohibited-data";
import { scanStoredProhibitedData } from "../../db/scan-prohibited-data";
import { SUPERGRAPH_FILE } from "../../platform/supergraph-config";
import { citizenId, daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { sizedForLoad } from "../load";

/**
 * Prohibited data (PCIM art. 14), disguised, put into every free-text field (String, ID, JSON) of every mutation
 * of the composed API through the real gateway, is refused with PROHIBITED_DATA at that field's path and
 * nothing is stored. Fields and mutations are read from the schema, so a new one is covered unlisted.
 */

const RUNS = sizedForLoad(60, 300);
const DISGUISES: Array<(term: string) => string> = [
  (term) => term,
  (term) => [...term].join("\u200b"),
  (term) => [...term].join("\u00ad"),
  (term) => [...term].join("\u0301"),
  (term) => term.replace(/[!-~]/g, (character) => String.fromCharCode(character.charCodeAt(0) + 0xfee0)),
  (term) => encodeURIComponent(term),
  (term) => [...term].map((character) => `&#${character.codePointAt(0)};`).join(""),
  (term) => term.replace(/e/g, "е").replace(/o/g, "ο").replace(/a/g, "а"),
];
const TERMS = [
  "宗教信仰",
  "病歷",
  "血型",
  "基因",
  "指纹",
  "religion",
  "bloodType",
  "medical history",
  "HIV",
  "DNA",
  "zōng jiào",
  "xuexing",
  "jiyin",
];
const TABLES = [
  "subjects",
  "subject_relations",
  "credit_records",
  "list_entries",
  "notices",
  "consents",
  "objections",
  "repair_cases",
  "workflow_events",
  "measure_applications",
] as const;

let federation: TestFederation;
let token: string;
let mutations: Array<GraphQLField<unknown, unknown>>;

beforeAll(async () => {
  federation = await startTestFederation({
    seed: "demo",
    environment: { CREDIT_RATE_LIMIT_PER_MINUTE: "1000000" },
  });
  token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
  mutations = Object.values(
    buildSchema(await readFile(SUPERGRAPH_FILE, "utf8"))
      .getMutationType()!
      .getFields(),
  );
});
afterAll(async () => federation?.stop());

/** A value the GraphQL layer accepts for a type: the detector runs before any domain check. */
function filler(type: GraphQLInputType): unknown {
  if (isNonNullType(type)) return filler(type.ofType);
  if (isListType(type)) return [filler(type.ofType)];
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type))
    return Object.fromEntries(
      Object.values(type.getFields()).map((field) => [field.name, filler(field.type)]),
    );
  const scalars: Record<string, unknown> = {
    String: "罚款五万元",
    ID: "00000000-0000-4000-8000-000000000000",
    Int: 1,
    Float: 1,
    Boolean: false,
    Date: daysAgo(3, federation.clock.now()),
    DateTime: federation.clock.now().toISOString(),
    JSON: { amount: 5 },
  };
  return scalars[type.name];
}

type Slot = Readonly<{
  mutation: GraphQLField<unknown, unknown>;
  path: Array<string | number>;
  scalar: string;
}>;

/**
 * Every free-text place of every mutation: its path from the argument down (lists at index 0). Names are
 * checked as names and identifiers never scanned (below); the filler's subjects are natural persons, the
 * first SubjectKind.
 */
function slotsOf(mutation: GraphQLField<unknown, unknown>): Slot[] {
  const walk = (type: GraphQLInputType, path: Array<string | number>): Slot[] => {
    if (isNonNullType(type)) return walk(type.ofType, path);
    if (isListType(type)) return walk(type.ofType, [...path, 0]);
    if (isInputObjectType(type))
      return Object.values(type.getFields()).flatMap((field) =>
        isRegisteredNameField(field.name) || isIdentifierField(field.name)
          ? []
          : walk(field.type, [...path, field.name]),
      );
    return isScalarType(type) && ["String", "JSON"].includes(type.name)
      ? [{ mutation, path, scalar: type.name }]
      : [];
  };
  return mutation.args.flatMap((argument) => walk(argument.type, [argument.name]));
}

const pathText = (path: ReadonlyArray<string | number>) =>
  path
    .map((part, index) => (typeof part === "number" ? `[${part}]` : index === 0 ? part : `.${part}`))
    .join("");

async function counts(): Promise<number[]> {
  return Promise.all(
    TABLES.map(async (table) =>
      Number(
        (
          await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(
            federation.connection.db,
          )
        ).rows[0]!.n,
      ),
    ),
  );
}

describe("prohibited data is refused in every free-text field of every mutation", () => {
  it("covers every mutation that takes text", () => {
    const withText = mutations
      .filter((mutation) => slotsOf(mutation).length > 0)
      .map((mutation) => mutation.name);
    expect(withText).toEqual(
      expect.arrayContaining([
        "submitRecords",
        "recognizeListEntry",
        "registerSubject",
        "fileObjection",
        "applyForRepair",
        "reportMeasureApplied",
        "grantConsent",
      ]),
    );
  });

  it("refuses each disguised term, at its path, with nothing stored", async () => {
    const slots = mutations.flatMap(slotsOf);
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...slots),
        fc.constantFrom(...TERMS),
        fc.constantFrom(...DISGUISES),
        fc.constantFrom("key", "value", "nested"),
        async (slot, term, disguise, placement) => {
          const text = disguise(term);
          const variables: Record<string, unknown> = Object.fromEntries(
            slot.mutation.args.map((argument) => [argument.name, filler(argument.type)]),
          );
          const json =
            placement === "key"
              ? { [text]: 1 }
              : placement === "value"
                ? { note: text }
                : { person: [{ ok: 1 }, { [text]: [text] }] };
          let target = variables as Record<string | number, unknown>;
          for (const part of slot.path.slice(0, -1))
            target = target[part] as Record<string | number, unknown>;
          target[slot.path.at(-1)!] = slot.scalar === "JSON" ? json : `依法处理 ${text} 完毕`;
          const declared = slot.mutation.args
            .map((argument) => `$${argument.name}: ${String(argument.type)}`)
            .join(", ");
          const passed = slot.mutation.args
            .map((argument) => `${argument.name}: $${argument.name}`)
            .join(", ");
          const selection = getNamedType(slot.mutation.type).name === "Boolean" ? "" : " { __typename }";
          const result = await federation.query(
            `mutation Probe(${declared}) { ${slot.mutation.name}(${passed})${selection} }`,
            { token, variables },
          );
          expect(
            errorCodes(result),
            `${slot.mutation.name} ${pathText(slot.path)} ${JSON.stringify(text)}`,
          ).toEqual(["PROHIBITED_DATA"]);
          const fields = (result.errors![0]!.extensions!.problems as Array<{ field: string }>).map(
            (problem) => problem.field,
          );
          expect(fields.every((field) => field.startsWith(pathText(slot.path)))).toBe(true);
          expect(JSON.stringify(result.errors)).not.toContain(`依法处理 ${text}`);
          if (placement !== "key" || slot.scalar !== "JSON") expect(fields.join(" ")).not.toContain(text);
        },
      ),
      { numRuns: RUNS },
    );
    expect(await counts()).toEqual(before);
  });
});

describe("prohibited data stored all the same", () => {
  it("is withheld from the public, and the scan reports its table, id and path", async () => {
    const db = federation.connection.db;
    // The audit keeps the variables of the refused probes above: the scan reports them too (left to the audit's owner).
    const outsideAudit = async () =>
      (await scanStoredProhibitedData(db)).filter((finding) => !finding.table.startsWith("audit_"));
    expect(await outsideAudit()).toEqual([]);
    const organisations = await db
      .selectFrom("subjects")
      .select("identifier")
      .where("kind", "=", "LEGAL_PERSON")
      .orderBy("identifier")
      .execute();
    let shown: { identifier: string; id: string } | undefined;
    for (const { identifier } of organisations) {
      const result = await federation.query<{
        subject: { records: Array<{ id: string; title: string }> } | null;
      }>(`query ($id: String!) { subject(identifier: $id) { records { id title } } }`, {
        variables: { id: identifier },
      });
      const record = result.data?.subject?.records[0];
      if (record) {
        shown = { identifier, id: record.id };
        break;
      }
    }
    expect(shown).toBeDefined();
    // An organisation's own text names a disease (PCIM art. 14 protects natural persons); its legal
    // representative's health is a person's data and is withheld.
    await db
      .updateTable("credit_records")
      .set({
        title: "伪造病历骗取医保基金",
        attributes: JSON.stringify({
          amount: 5,
          legalRepresentative: "病歷：糖尿病",
          notes: ["ok", "非洲猪瘟"],
        }),
      })
      .where("id", "=", shown!.id)
      .execute();

    const result = await federation.query<{
      subject: { records: Array<{ id: string; title: string; attributes: unknown }> };
    }>(`query ($id: String!) { subject(identifier: $id) { records { id title attributes } } }`, {
      variables: { id: shown!.identifier },
    });
    const served = result.data!.subject.records.find((record) => record.id === shown!.id)!;
    expect(served.title).toBe("伪造病历骗取医保基金");
    expect(served.attributes).toEqual({
      amount: 5,
      legalRepresentative: WITHHELD,
      notes: ["ok", "非洲猪瘟"],
    });

    const person = await db
      .selectFrom("list_entries")
      .select(["id", "subject_identifier"])
      .where("subject_kind", "=", "NATURAL_PERSON")
      .where("list", "=", "BLACK")
      .orderBy("id")
      .executeTakeFirstOrThrow();
    await db
      .updateTable("list_entries")
      .set({ facts: "宗\u200b教信仰" })
      .where("id", "=", person.id)
      .execute();

    expect(await outsideAudit()).toEqual(
      expect.arrayContaining([
        {
          table: "credit_records",
          id: shown!.id,
          column: "attributes",
          path: "attributes.legalRepresentative",
          category: "medical",
        },
        { table: "list_entries", id: person.id, column: "facts", path: "facts", category: "religion" },
      ]),
    );
    expect(await outsideAudit()).toHaveLength(2);
  });
});

const SUBMIT = `mutation ($records: [RecordInput!]!) { submitRecords(records: $records) { accepted } }`;
const REGISTER = `mutation ($input: SubjectRegistrationInput!) { registerSubject(input: $input) { identifier } }`;
const RECOGNIZE = `mutation ($input: ListEntryInput!) { recognizeListEntry(input: $input) { id } }`;
/** Valid unified social credit codes (GB 32100 MOD 31) whose letters read DNA and GENE. */
const USCC_DNA = "91320800DNA010101Q";
const USCC_GENE = "91320800GENE01010G";
const USCC_DNA_UNREGISTERED = "91320800DNA1212124";

describe("prohibited data scoped by the law: natural persons' text, never an organisation's own nor an identifier", () => {
  let provider: string;
  let serial = 0;
  beforeAll(async () => {
    provider = await federation.token({ role: "PROVIDER", org: "HA-SCOPE" });
  });
  const record = (subject: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    subject,
    category: "NEGATIVE",
    kind: "TAX_ARREARS",
    severity: "GENERAL",
    tier: "PUBLIC",
    title: "欠缴税款",
    documentNumber: `SCOPE-${++serial}`,
    decidedOn: daysAgo(3, federation.clock.now()),
    ...extra,
  });
  const person = (n: number, name = "王某某") => ({
    identifier: citizenId(900 + n),
    name,
    kind: "NATURAL_PERSON",
  });
  const organisation = (identifier: string) => ({ identifier, name: "淮安市某某医院", kind: "LEGAL_PERSON" });
  const submit = (records: unknown[]) =>
    federation.query<{ submitRecords: { accepted: number } }>(SUBMIT, {
      token: provider,
      variables: { records },
    });

  it.each([
    ["患有糖。尿病", {}],
    ["🅷🅸🆅 positive", {}],
    ["血型：Ｏ型", {}],
    ["欠缴税款", { attributes: { note: "zōng jiào xìn yǎng" } }],
    ["欠缴税款", { attributes: { 病歷: "乙肝大三阳" } }],
  ])("refuses a natural person's record disguising %j, at its path", async (title, extra) => {
    const result = await submit([record(person(1), { title, ...extra })]);
    expect(errorCodes(result)).toEqual(["PROHIBITED_DATA"]);
    expect((result.errors![0]!.extensions!.problems as Array<{ field: string }>)[0]!.field).toMatch(
      /^records\[0\]\.(title|attributes)/,
    );
  });

  it("refuses a natural person's list entry whose facts are a prohibited fact without a listed word", async () => {
    const result = await federation.query(RECOGNIZE, {
      token: provider,
      variables: {
        input: {
          subject: person(2),
          list: "BLACK",
          grounds: "B07_REFUSE_JUDGEMENT",
          facts: "拒不履行判决，当事人住院治疗中",
          basis: "淮安市守信联合激励和失信联合惩戒实施办法",
          documentNumber: `SCOPE-${++serial}`,
          recognizedOn: daysAgo(3, federation.clock.now()),
        },
      },
    });
    expect(errorCodes(result)).toEqual(["PROHIBITED_DATA"]);
  });

  it("accepts an organisation's penalty naming a disease and DNA, and serves it as written", async () => {
    const title = "伪造病历骗取医保基金，另查非洲猪瘟、动物疫病防控不力，DNA检测报告造假";
    const result = await submit([
      record(organisation(USCC_DNA), {
        title,
        attributes: { basis: "《艾滋病防治条例》", note: "乙肝疫苗储存温度不合格" },
      }),
    ]);
    expect(result.errors).toBeUndefined();
    expect(result.data!.submitRecords.accepted).toBe(1);
    const served = await federation.query<{ subject: { records: Array<{ title: string }> } }>(
      `query ($id: String!) { subject(identifier: $id) { records { title } } }`,
      { variables: { id: USCC_DNA } },
    );
    expect(served.data!.subject.records.map((item) => item.title)).toContain(title);
  });

  it("refuses an organisation's record whose legal representative's field carries a person's health", async () => {
    const result = await submit([
      record(organisation(USCC_GENE), {
        attributes: { legalRepresentative: { name: "张某", note: "患有抑郁症" } },
      }),
    ]);
    expect(errorCodes(result)).toEqual(["PROHIBITED_DATA"]);
    expect((result.errors![0]!.extensions!.problems as Array<{ field: string }>)[0]!.field).toBe(
      "records[0].attributes.legalRepresentative.note",
    );
  });

  it("records and registers organisations whose USCC reads DNA or GENE: identifiers are never scanned", async () => {
    expect((await submit([record(organisation(USCC_GENE))])).data?.submitRecords.accepted).toBe(1);
    const registered = await federation.query<{ registerSubject: { identifier: string } }>(REGISTER, {
      token,
      variables: {
        input: {
          subject: { identifier: USCC_DNA_UNREGISTERED, name: "淮安市某某医院", kind: "LEGAL_PERSON" },
          nature: "医疗机构",
        },
      },
    });
    expect(registered.errors, JSON.stringify(registered.errors)).toBeUndefined();
    expect(registered.data!.registerSubject.identifier).toBe(USCC_DNA_UNREGISTERED);
    // A natural person's input is searched whole, its identifiers still not: an employer whose USCC reads DNA.
    const employee = await federation.query(REGISTER, {
      token,
      variables: { input: { subject: person(7), employerIdentifier: USCC_DNA, stateEmployee: false } },
    });
    expect(employee.errors, JSON.stringify(employee.errors)).toBeUndefined();
  });

  const sentence =
    "该当事人于二〇一九年因伪造病历被处罚，此后屡教不改，多次违反规定，拒不履行法院判决，被列为失信被执行人。".repeat(
      4,
    );
  it.each([
    ["submitRecords", () => submit([record(person(3, sentence))])],
    [
      "submitRecords (organisation)",
      () => submit([record({ ...organisation(USCC_GENE), name: `${sentence}。` })]),
    ],
    [
      "registerSubject",
      () =>
        federation.query(REGISTER, {
          token: provider,
          variables: { input: { subject: person(4, "张三，住址淮安市清江浦区某路1号") } },
        }),
    ],
    [
      "recognizeListEntry",
      () =>
        federation.query(RECOGNIZE, {
          token: provider,
          variables: {
            input: {
              subject: person(5, "张三 https://example.com"),
              list: "BLACK",
              grounds: "B07_REFUSE_JUDGEMENT",
              facts: "拒不履行",
              basis: "淮安市守信联合激励和失信联合惩戒实施办法",
              documentNumber: `SCOPE-${++serial}`,
              recognizedOn: daysAgo(3, federation.clock.now()),
            },
          },
        }),
    ],
  ])("refuses free text as a name with BAD_USER_INPUT (%s)", async (_, call) => {
    const result = await call();
    expect(errorCodes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(
      (result.errors![0]!.extensions!.problems as Array<{ field: string }>)
        .map((problem) => problem.field)
        .join(" "),
    ).toMatch(/subject\.name/);
  });

  it("scans a natural person's name like their other text", async () => {
    const result = await submit([record(person(6, "王糖尿病"))]);
    expect(errorCodes(result)).toEqual(["PROHIBITED_DATA"]);
  });
});
