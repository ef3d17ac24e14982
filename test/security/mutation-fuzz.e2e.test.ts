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
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from "graphql";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SUPERGRAPH_FILE } from "../../platform/supergraph-config";
import { ERROR_CODES } from "../../platform/errors";
import { daysAgo } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";
import { sizedForLoad } from "../load";

/**
 * Property test over every mutation of the API schema: arguments generated from their
 * GraphQL input types — random, hostile and realistic values mixed — sent by every kind of caller. Every
 * answer is data or a clean contract error (never internal, never a stack or SQL), and an answer with an
 * error changed nothing: batch writes are all or nothing. The mutation list is read from the schema, so
 * a new mutation is fuzzed without touching this file.
 */

const RUNS_PER_MUTATION = sizedForLoad(10, 200);
/** Codes a fuzzed input may earn; INTERNAL_SERVER_ERROR and the availability codes never. */
const INPUT_CODES = ERROR_CODES.filter(
  (code) => !["INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "AUDIT_UNAVAILABLE"].includes(code),
);
const HOSTILE = [
  "' OR '1'='1",
  "'; DROP TABLE subjects; --",
  "\\",
  "%_%",
  "<script>x</script>",
  "𠀀𠀁",
  "\u202e",
  "null",
  "0",
  "-1",
  " ",
  "a".repeat(5_000),
];

let federation: TestFederation;
let schema: GraphQLSchema;
let tokens: Array<{ label: string; token?: string; purpose?: string }>;
let knownIds: string[];
let knownIdentifiers: string[];

beforeAll(async () => {
  federation = await startTestFederation({
    seed: "demo",
    environment: { CREDIT_RATE_LIMIT_PER_MINUTE: "1000000" },
  });
  // The supergraph's Mutation type and input types are the API's (nothing is @inaccessible).
  schema = buildSchema(await readFile(SUPERGRAPH_FILE, "utf8"));
  const db = federation.connection.db;
  const subjects = await db
    .selectFrom("subjects")
    .select(["identifier", "kind"])
    .orderBy("identifier")
    .limit(20)
    .execute();
  knownIdentifiers = subjects.map((subject) => subject.identifier);
  const person = subjects.find((subject) => subject.kind === "NATURAL_PERSON")!.identifier;
  knownIds = (
    await Promise.all(
      (["list_entries", "objections", "repair_cases", "consents", "credit_records"] as const).map((table) =>
        db.selectFrom(table).select("id").limit(5).execute(),
      ),
    )
  )
    .flat()
    .map((row) => String(row.id));
  tokens = [
    { label: "PUBLIC" },
    { label: "SUBJECT", token: await federation.token({ role: "SUBJECT", subject: person }) },
    { label: "PROVIDER", token: await federation.token({ role: "PROVIDER", org: "HA-SAMR" }) },
    { label: "CREDIT_CENTER", token: await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" }) },
    {
      label: "GOVERNMENT",
      token: await federation.token({ role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" }),
      purpose: "ADMINISTRATIVE_LICENSING",
    },
    {
      label: "ORGANIZATION",
      token: await federation.token({ role: "ORGANIZATION", org: "BANK-9" }),
      purpose: "CREDIT_LENDING",
    },
    { label: "AUDITOR", token: await federation.token({ role: "AUDITOR" }) },
  ];
});
afterAll(async () => federation?.stop());

function stringArbitrary(): fc.Arbitrary<string> {
  return fc.oneof(
    fc.string({ maxLength: 30 }),
    fc.string({ unit: "grapheme", maxLength: 30 }),
    fc.constantFrom(...HOSTILE),
    fc.constantFrom(...knownIdentifiers),
    fc.constantFrom("HA-SAMR", "BANK-9", "行政处罚决定书", daysAgo(3), "2030-01-01T00:00:00Z"),
  );
}

function scalarArbitrary(name: string): fc.Arbitrary<unknown> {
  switch (name) {
    case "String":
      return stringArbitrary();
    case "ID":
      return fc.oneof(fc.uuid(), fc.constantFrom(...knownIds), stringArbitrary());
    case "Int":
      return fc.oneof(fc.integer({ min: -5, max: 6_000 }), fc.constantFrom(2 ** 31 - 1, -(2 ** 31)));
    case "Float":
      return fc.double({ noNaN: true, noDefaultInfinity: true });
    case "Boolean":
      return fc.boolean();
    case "Date":
      return fc.oneof(
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
          .map((date) => date.toISOString().slice(0, 10)),
        fc.constantFrom(daysAgo(1), daysAgo(400), "2026-02-30", "0000-00-00"),
        stringArbitrary(),
      );
    case "DateTime":
      return fc.oneof(
        fc
          .date({ min: new Date("1900-01-01"), max: new Date("2100-12-31"), noInvalidDate: true })
          .map((date) => date.toISOString()),
        stringArbitrary(),
      );
    case "JSON":
      return fc.oneof(
        fc.jsonValue({ maxDepth: 3 }),
        fc.dictionary(
          fc.constantFrom("身份证号", "religion", "宗教信仰", "amount", "note"),
          stringArbitrary(),
        ),
      );
    default:
      throw new Error(`no arbitrary for scalar ${name}: add one here`);
  }
}

function inputArbitrary(type: GraphQLInputType, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return inputArbitrary(type.ofType, depth);
  return fc.option(requiredArbitrary(type, depth), { nil: null, freq: 8 });
}

function requiredArbitrary(type: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return requiredArbitrary(type.ofType, depth);
  if (isListType(type))
    return fc.array(inputArbitrary(type.ofType, depth + 1), { maxLength: depth > 1 ? 1 : 3 });
  if (isEnumType(type)) return fc.constantFrom(...type.getValues().map((value) => value.name));
  if (isScalarType(type)) return scalarArbitrary(type.name);
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields());
    return fc.record(
      Object.fromEntries(fields.map((field) => [field.name, inputArbitrary(field.type, depth + 1)])),
      { requiredKeys: fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
    );
  }
  throw new Error(`unexpected input type ${String(type)}`);
}

function documentFor(mutation: GraphQLField<unknown, unknown>): string {
  const variables = mutation.args
    .map((arg: GraphQLArgument) => `$${arg.name}: ${String(arg.type)}`)
    .join(", ");
  const argumentsList = mutation.args.map((arg) => `${arg.name}: $${arg.name}`).join(", ");
  // __typename is valid on every result type: the answer's shape is not what is under test.
  const selection = getNamedType(mutation.type).name === "Boolean" ? "" : " { __typename }";
  return `mutation Fuzz${variables ? `(${variables})` : ""} { ${mutation.name}${argumentsList ? `(${argumentsList})` : ""}${selection} }`;
}

/**
 * Every table a mutation may write: all but the audit's and the gateway's shared budgets (which every request
 * writes, whatever it asks) and the migrations'.
 */
const WRITABLE_TABLES = [
  "subjects",
  "subject_relations",
  "credit_records",
  "record_relations",
  "list_entries",
  "notices",
  "consents",
  "credit_reports",
  "objections",
  "repair_cases",
  "workflow_events",
  "measure_applications",
  "measures",
  "record_kinds",
  "units",
] as const;

/** Every writable table, row by row: what a failed mutation must leave exactly as it was. */
async function fingerprint(): Promise<string> {
  const digests = sql.join(
    WRITABLE_TABLES.map(
      (table) =>
        sql`select ${table} as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from ${sql.table(table)} x`,
    ),
    sql` union all `,
  );
  const { rows } = await sql<{
    fingerprint: string;
  }>`select md5(string_agg(t.digest, ',' order by t.name)) as fingerprint from (${digests}) t`.execute(
    federation.connection.db,
  );
  return rows[0]!.fingerprint;
}

describe("every mutation, fuzzed from its input types", () => {
  it("covers every table a mutation can write (the fingerprint lists them all)", async () => {
    const { rows } = await sql<{
      table_name: string;
    }>`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`.execute(
      federation.connection.db,
    );
    // The audit, the budgets (gateway's and the per-person one: a refused request is charged all the same) and the migrations' own.
    const tables = rows
      .map((row) => row.table_name)
      .filter((name) => !/^(audit_|gateway_|kysely_)|^person_lookups$/.test(name));
    expect(tables.filter((name) => !(WRITABLE_TABLES as readonly string[]).includes(name))).toEqual([]);
  });

  it("answers data or a clean contract error, and an error leaves every table as it was", async () => {
    const mutations = Object.values(schema.getMutationType()!.getFields());
    expect(mutations.length).toBeGreaterThanOrEqual(11);
    for (const mutation of mutations) {
      const document = documentFor(mutation);
      const argumentsArbitrary = fc.record(
        Object.fromEntries(mutation.args.map((arg) => [arg.name, inputArbitrary(arg.type)])),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...tokens), argumentsArbitrary, async (caller, variables) => {
          const before = await fingerprint();
          const result = await federation.query(document, {
            token: caller.token,
            purpose: caller.purpose,
            variables,
          });
          const context = `${mutation.name} as ${caller.label}: ${JSON.stringify(result.errors)}`;
          expect(result.status, context).toBeLessThan(500);
          for (const code of errorCodes(result)) expect(INPUT_CODES, context).toContain(code);
          for (const error of result.errors ?? []) {
            expect(error.message.length, context).toBeGreaterThan(10);
            expect(error.message, context).not.toMatch(
              /\s+at \S+ \(|select |insert into|violates|duplicate key|syntax error at/i,
            );
          }
          if (result.errors?.length)
            expect(await fingerprint(), `${context} — an error left a change behind`).toBe(before);
        }),
        { numRuns: RUNS_PER_MUTATION },
      );
    }
  }, 600_000);
});
