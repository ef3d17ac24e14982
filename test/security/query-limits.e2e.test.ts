import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_QUERY_LIMITS } from "../../gateway/query-limits";
import { citizenId } from "../fixtures";
import { errorCodes, startTestFederation, type TestFederation } from "../harness";

let federation: TestFederation;
beforeAll(async () => {
  federation = await startTestFederation();
});
afterAll(async () => federation?.stop());

const refused = async (document: string, limit: string, variables?: Record<string, unknown>) => {
  const before = federation.statements();
  const result = await federation.query(document, { variables });
  expect(errorCodes(result)).toEqual(["QUERY_TOO_COMPLEX"]);
  expect(result.errors![0]!.extensions!.limit).toBe(limit);
  expect(result.data).toBeUndefined();
  // Nothing ran: the only statements are the audit of the refusal (one chain transaction).
  expect(federation.statements() - before).toBeLessThanOrEqual(6);
  return result;
};

describe("query limits at the gateway (QUERY_TOO_COMPLEX naming the limit, nothing executed)", () => {
  it("refuses a screen of more than 1,000 identifiers, before anything runs", async () => {
    const government = await federation.token({ role: "GOVERNMENT", org: "HA-ADMIN-APPROVAL" });
    const result = await federation.query(
      `query ($ids: [String!]!, $scenario: Scenario!) { screen(identifiers: $ids, scenario: $scenario) { identifier decision reasons error measures { code decision } } }`,
      {
        token: government,
        purpose: "ADMINISTRATIVE_LICENSING",
        variables: {
          ids: Array.from({ length: 1_001 }, (_, index) => citizenId(index)),
          scenario: "FISCAL_FUNDS",
        },
      },
    );
    expect(errorCodes(result)).toEqual(["QUERY_TOO_COMPLEX"]);
    expect(result.errors![0]!.message).toMatch(/at most 1000 identifiers/);
  });

  it("depth", async () => {
    const deep = `{ subject(identifier: "x") { ${"records { subject { ".repeat(7)} id ${"} } ".repeat(7)} } }`;
    await refused(deep, "maxDepth");
  });

  it("aliases", async () => {
    const aliased = `{ ${Array.from({ length: DEFAULT_QUERY_LIMITS.maxAliases + 1 }, (_, index) => `a${index}: measures { code }`).join(" ")} }`;
    await refused(aliased, "maxRootFields");
    const nested = `{ measures { ${Array.from({ length: DEFAULT_QUERY_LIMITS.maxAliases + 1 }, (_, index) => `c${index}: code`).join(" ")} } }`;
    await refused(nested, "maxAliases");
  });

  it("fields counted where named fragments expand (fan-out)", async () => {
    const fanOut = `
      query { measures { ...L4 } }
      fragment L0 on Measure { code title kind decision basis department }
      fragment L1 on Measure { ...L0 ...L0 ...L0 ...L0 ...L0 ...L0 }
      fragment L2 on Measure { ...L1 ...L1 ...L1 ...L1 ...L1 ...L1 }
      fragment L3 on Measure { ...L2 ...L2 ...L2 ...L2 ...L2 ...L2 }
      fragment L4 on Measure { ...L3 ...L3 ...L3 ...L3 ...L3 ...L3 }`;
    await refused(fanOut, "maxFields");
  });

  it("a fragment named __schema does not slip past", async () => {
    const sneaky = `query { measures { ...__schema } } fragment __schema on Measure { ${Array.from({ length: 40 }, (_, index) => `f${index}: code`).join(" ")} }`;
    await refused(sneaky, "maxAliases");
  });

  it("directives", async () => {
    const directives = `{ measures { code ${"@include(if: true) ".repeat(DEFAULT_QUERY_LIMITS.maxDirectives + 1)} } }`;
    await refused(directives, "maxDirectives");
  });

  it("tokens", async () => {
    const tokens = `{ measures(list: RED) { ${"code ".repeat(DEFAULT_QUERY_LIMITS.maxTokens)} } }`;
    await refused(tokens, "maxTokens");
  });

  it("root fields per operation", async () => {
    await refused(
      `{ ${Array.from({ length: DEFAULT_QUERY_LIMITS.maxRootFields + 1 }, () => "measures { code }").join(" ")} }`,
      "maxRootFields",
    );
  });

  it("screen identifiers, as a literal list and as a variable", async () => {
    const identifiers = Array.from({ length: 1_001 }, (_, index) => `"${index}"`).join(",");
    await refused(
      `{ screen(identifiers: [${identifiers}], scenario: FISCAL_FUNDS) { decision } }`,
      "maxFieldCost",
    );
    await refused(
      `query ($ids: [String!]!) { screen(identifiers: $ids, scenario: FISCAL_FUNDS) { decision } }`,
      "maxFieldCost",
      {
        ids: Array.from({ length: 1_001 }, (_, index) => String(index)),
      },
    );
  });

  it("request body size", async () => {
    const response = await fetch(federation.gatewayUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        query: "{ measures { code } }",
        variables: { padding: "x".repeat(federation.config.maxBodyBytes) },
      }),
    });
    expect(response.status).toBe(413);
    expect(
      ((await response.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions
        .code,
    ).toBe("QUERY_TOO_COMPLEX");
  });

  it("lets ordinary operations through", async () => {
    const result = await federation.query(`{ measures(list: BLACK) { code title } listGrounds { code } }`);
    expect(result.errors).toBeUndefined();
  });
});
