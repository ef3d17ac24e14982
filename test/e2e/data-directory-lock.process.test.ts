import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mintToken } from "../../platform/tokens";
import {
  freePort,
  groupAlive,
  postGraphQL,
  runProcess,
  startService,
  type CommandResult,
  type RunningService,
} from "../processes";

/**
 * One process per embedded data directory, whoever numbers the processes: a second service in another pid
 * namespace (as a second container on the same volume is) refuses, and a holder killed outright leaves no lock.
 * `unshare` (util-linux) needs root or user namespaces; CI runs as root, so there the test always runs.
 */
const canUnshare = spawnSync("unshare", ["--pid", "--fork", "--mount-proc", "true"]).status === 0;
const runs = canUnshare || process.env.CI === "true";
if (!runs)
  console.warn(
    "data-directory-lock.process.test.ts skipped: `unshare --pid` is refused here (it needs root or user namespaces); CI runs it",
  );

const jwtSecret = randomBytes(32).toString("base64url");
let folder: string;
let environment: Record<string, string>;
let service: RunningService | undefined;

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "credit-lock-process-"));
  environment = {
    CREDIT_DATA_DIR: join(folder, "data"),
    CREDIT_JWT_SECRET: jwtSecret,
    CREDIT_SEED: "none",
    CREDIT_LOG_LEVEL: "error",
  };
});
afterAll(async () => {
  await service?.stop();
  await rm(folder, { recursive: true, force: true });
});

/** `npm start` in a pid namespace of its own (it is pid 1 there and sees none of ours), to its end. */
function startInOtherPidNamespace(port: number): Promise<CommandResult> {
  return runProcess(
    ["unshare", "--pid", "--fork", "--mount-proc", "npm", "start", "-s"],
    { ...environment, PORT: String(port), HOST: "127.0.0.1" },
    90_000,
    "a second service in another pid namespace was still running after 90 s (it took the directory):",
  );
}

/** The audit chain's length as an AUDITOR reads it: each read is itself audited, so it grows by one a read. */
async function auditLength(url: string): Promise<number> {
  const auditor = await mintToken(jwtSecret, { role: "AUDITOR", org: "HA-AUDIT" });
  const answer = await postGraphQL<{ auditChain: { verified: boolean; length: number } }>(
    url,
    "{ auditChain { verified length } }",
    { token: auditor },
  );
  expect(answer.data!.auditChain.verified).toBe(true);
  return answer.data!.auditChain.length;
}

describe.skipIf(!runs)("the embedded data directory's lock is the kernel's", () => {
  it("refuses a second service started in another pid namespace on the same directory, naming the holder", async () => {
    service = await startService(await freePort(), environment);
    const refused = await startInOtherPidNamespace(await freePort());
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(
      /the embedded database in .+ is held by a running process \(pid \d+: dist\/start\.js, since \d{4}-/,
    );
    expect(refused.stderr).toContain("stop it (Ctrl-C or SIGTERM) and run this command again");
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    // The first service still serves and writes, alone.
    const before = await auditLength(service.url);
    expect(await auditLength(service.url)).toBe(before + 1);
  }, 240_000);

  it("leaves no lock behind a service killed with SIGKILL: the next one starts on the directory", async () => {
    const killed = service!;
    process.kill(-killed.process.pid!, "SIGKILL");
    while (groupAlive(killed.process.pid!)) await new Promise((resolve) => setTimeout(resolve, 100));
    service = await startService(await freePort(), environment);
    expect(await auditLength(service.url)).toBeGreaterThan(0);
  }, 240_000);
});
