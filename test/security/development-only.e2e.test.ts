import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startTestFederation } from "../harness";

/**
 * Demo sign-in mints any role's token — AUDITOR, CREDIT_CENTER — with the service's real secret, and GraphiQL
 * shows the schema: both are development's, asked for by name (`NODE_ENV=development`), never what `test` or
 * production (an unset NODE_ENV) get.
 */
describe("development's conveniences only under NODE_ENV=development", () => {
  const production = { NODE_ENV: "production", CREDIT_JWT_SECRET: randomBytes(32).toString("base64url") };

  it.each([
    ["development", true, { NODE_ENV: "development" }],
    ["test", false, { NODE_ENV: "test" }],
    ["production", false, production],
  ] as const)(
    "%s: demo sign-in and GraphiQL offered = %s",
    async (_name, offered, environment) => {
      const federation = await startTestFederation({ portal: true, environment });
      try {
        const origin = new URL(federation.gatewayUrl).origin;
        const signIn = await fetch(`${origin}/portal/demo-sign-in`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ role: "CREDIT_CENTER" }),
        });
        const graphiql = await fetch(`${origin}/graphiql`);
        expect({ signIn: signIn.status, graphiql: graphiql.status }).toEqual(
          offered ? { signIn: 200, graphiql: 200 } : { signIn: 404, graphiql: 404 },
        );
        if (!offered) expect(await signIn.text()).not.toContain("token");
      } finally {
        await federation.stop();
      }
      // Each case starts a federation of its own with the portal (a test's usual one is started in beforeAll).
    },
    120_000,
  );
});
