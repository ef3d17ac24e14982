import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeSubgraphKey, generateSubgraphKeyPair } from "../../platform/subgraph-signature";
import { freePort, postGraphQL, runCommand, startService } from "../processes";

/**
 * The demo's subjects and black list are fictitious (no real person's data in a demo): `npm start` loads them on a first start
 * in development, never under NODE_ENV=production, and `npm run seed` refuses to run there.
 */

const DEMO_COMPANY = "91320802MA1000000F";
const production = {
  NODE_ENV: "production",
  CREDIT_JWT_SECRET: randomBytes(32).toString("base64url"),
  CREDIT_SUBGRAPH_SIGNING_KEY: encodeSubgraphKey(generateSubgraphKeyPair().privateKey),
  CREDIT_REPORT_SIGNING_KEY: encodeSubgraphKey(generateSubgraphKeyPair().privateKey),
};
let folder: string;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "credit-demo-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function publishedBlackList(url: string) {
  const answer = await postGraphQL<{
    publicBlacklist: { totalCount: number };
    subject: { name: string } | null;
  }>(url, `{ publicBlacklist { totalCount } subject(identifier: "${DEMO_COMPANY}") { name } }`);
  expect(answer.errors).toBeUndefined();
  return answer.data!;
}

describe("demo data only outside production", () => {
  it("is loaded on a first development start and never on a production start", async () => {
    for (const [environment, demo] of [
      [{ NODE_ENV: "development" }, true],
      [production, false],
    ] as const) {
      const port = await freePort();
      const service = await startService(port, {
        ...environment,
        CREDIT_DATA_DIR: join(folder, environment.NODE_ENV),
      });
      try {
        const published = await publishedBlackList(service.url);
        expect({
          environment: environment.NODE_ENV,
          blackListed: published.publicBlacklist.totalCount > 0,
          demoCompany: published.subject !== null,
        }).toEqual({ environment: environment.NODE_ENV, blackListed: demo, demoCompany: demo });
      } finally {
        await service.stop();
      }
    }
  }, 240_000);

  it("refuses CREDIT_SEED=demo and npm run seed under NODE_ENV=production before opening the database", async () => {
    const dataDir = join(folder, "refused");
    const start = await runCommand(["start"], {
      ...production,
      CREDIT_SEED: "demo",
      CREDIT_DATA_DIR: dataDir,
      PORT: String(await freePort()),
    });
    expect(start.code).toBe(2);
    expect(start.stderr).toContain("CREDIT_SEED: demo is refused when NODE_ENV=production");

    const seed = await runCommand(["seed", "--", "--subjects", "10"], {
      ...production,
      CREDIT_DATA_DIR: dataDir,
    });
    expect(seed.code).toBe(1);
    expect(seed.stderr).toContain("npm run seed is refused when NODE_ENV=production");
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
