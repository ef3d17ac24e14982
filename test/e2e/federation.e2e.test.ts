import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_BLACKLISTED_COMPANY } from "../../db/seed/demo";
import { loadConfig } from "../../platform/config";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
let companyIdentifier: string;
let personIdentifier: string;

beforeAll(async () => {
  federation = await startTestFederation({ seed: "demo" });
  const company = await federation.connection.db
    .selectFrom("subjects")
    .select("identifier")
    .where("name", "=", DEMO_BLACKLISTED_COMPANY)
    .executeTakeFirstOrThrow();
  companyIdentifier = company.identifier;
  // A person the public may see at all: one with public information in force (docs/api.md: no existence oracle).
  const person = await federation.connection.db
    .selectFrom("subjects")
    .innerJoin("credit_records", "credit_records.subject_id", "subjects.id")
    .select("subjects.identifier")
    .where("subjects.kind", "=", "NATURAL_PERSON")
    .where("credit_records.tier", "=", "PUBLIC")
    .where("credit_records.status", "=", "ACTIVE")
    .where("credit_records.expires_on", ">=", federation.today())
    .orderBy("subjects.identifier")
    .executeTakeFirstOrThrow();
  personIdentifier = person.identifier;
});
afterAll(async () => federation?.stop());

const ACROSS_ALL_SUBGRAPHS = /* GraphQL */ `
  query AcrossAll($identifier: String!) {
    subject(identifier: $identifier) {
      id
      name
      identifier
      records { id title tier category }
      listEntries { list status recognizedBy facts }
      measureApplications { measure { code title } outcome }
      objections { id state }
      accessLog { at }
    }
    measures(list: BLACK) { code decision }
  }
`;

describe("the federation end to end", () => {
  it("answers one query that crosses every subgraph that extends Subject", async () => {
    const token = await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" });
    const result = await federation.query<{
      subject: Record<string, unknown[]> & { name: string };
      measures: unknown[];
    }>(ACROSS_ALL_SUBGRAPHS, {
      token,
      variables: { identifier: companyIdentifier },
    });
    expect(result.errors).toBeUndefined();
    const subject = result.data!.subject;
    expect(subject.name).toBe(DEMO_BLACKLISTED_COMPANY);
    expect(subject.records!.length).toBeGreaterThan(0);
    expect(subject.listEntries).toEqual([expect.objectContaining({ list: "BLACK", status: "ACTIVE" })]);
    expect(subject.measureApplications).toEqual([
      expect.objectContaining({ measure: expect.objectContaining({ code: "P05" }) }),
    ]);
    expect(subject.objections).toEqual([]);
    expect(subject.accessLog).toEqual([]);
    expect(result.data!.measures.length).toBeGreaterThan(0);
    expect(result.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("keeps non-public tiers from a PUBLIC caller and masks a person's identifier", async () => {
    const anonymous = await federation.query<{
      subject: { identifier: string; records: Array<{ tier: string }> };
    }>(ACROSS_ALL_SUBGRAPHS, {
      variables: { identifier: personIdentifier },
    });
    expect(anonymous.errors).toBeUndefined();
    expect(anonymous.data!.subject.identifier).toBe(
      `${personIdentifier.slice(0, 6)}********${personIdentifier.slice(-4)}`,
    );
    expect(anonymous.data!.subject.records.every((record) => record.tier === "PUBLIC")).toBe(true);

    const centre = await federation.query<{
      subject: { identifier: string; records: Array<{ tier: string }> };
    }>(ACROSS_ALL_SUBGRAPHS, {
      token: await federation.token({ role: "CREDIT_CENTER", org: "HA-CREDIT" }),
      variables: { identifier: personIdentifier },
    });
    expect(centre.data!.subject.identifier).toBe(personIdentifier);
    expect(centre.data!.subject.records.length).toBeGreaterThanOrEqual(
      anonymous.data!.subject.records.length,
    );
  });

  it("refuses a bad checksum with INVALID_IDENTIFIER naming the rule", async () => {
    const result = await federation.query(`{ subject(identifier: "11010519491231002Y") { id } }`);
    expect(errorCodes(result)).toEqual(["INVALID_IDENTIFIER"]);
    expect(result.errors![0]!.message).toMatch(/18 characters|check character|may not contain/);
  });

  it("answers an unknown but valid identifier with null", async () => {
    const result = await federation.query<{ subject: null }>(
      `{ subject(identifier: "11010519491231002X") { id } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.subject).toBeNull();
  });

  it("runs on the database the environment chose (PostgreSQL when DATABASE_URL is set)", () => {
    expect(federation.connection.kind).toBe(loadConfig().database.kind);
  });

  it("serves /health and /ready", async () => {
    const base = new URL(federation.gatewayUrl);
    expect((await fetch(new URL("/health", base))).status).toBe(200);
    expect((await fetch(new URL("/ready", base))).status).toBe(200);
  });
});
