import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirectoryHeldError, holdDataDirectory, LOCK_FILE } from "./data-directory-lock";

let dataDir: string;
let holders: ChildProcess[] = [];
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "credit-lock-"));
});
afterEach(() => {
  for (const holder of holders)
    if (holder.exitCode === null && holder.signalCode === null) process.kill(-holder.pid!, "SIGKILL");
  holders = [];
  rmSync(dataDir, { recursive: true, force: true });
});

const lockOf = (pid: number) =>
  JSON.stringify({ pid, command: "scripts/start.ts", since: "2026-12-01T08:00:00.000Z" });
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

/** Another process holding the lock file's kernel lock (util-linux `flock FILE CMD`; the command does not inherit it), as a running service does. */
async function heldByAnotherProcess(): Promise<ChildProcess> {
  const holder = spawn(
    "flock",
    ["--exclusive", "--close", join(dataDir, LOCK_FILE), "sh", "-c", "echo held; exec sleep 60"],
    { stdio: ["ignore", "pipe", "ignore"], detached: true },
  );
  holders.push(holder);
  await new Promise<void>((resolve) => holder.stdout!.once("data", () => resolve()));
  return holder;
}

describe("holdDataDirectory (one process per embedded data directory)", () => {
  it("writes this process's pid, refuses a second holder while it is held, and removes the lock on release", () => {
    const release = holdDataDirectory(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    expect(() => holdDataDirectory(dataDir)).toThrow(DataDirectoryHeldError);
    release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    holdDataDirectory(dataDir)();
  });

  it("refuses while another live process holds it, naming the pid and what to do", async () => {
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(process.ppid));
    await heldByAnotherProcess();
    expect(() => holdDataDirectory(dataDir)).toThrow(
      new RegExp(
        `held by a running process \\(pid ${process.ppid}: scripts/start.ts.*stop it .*no file to delete`,
      ),
    );
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toBe(lockOf(process.ppid));
  });

  it("takes over a lock file whose holder is gone, whatever pid it names (a dead one, this one, a live unrelated one)", () => {
    for (const pid of [deadPid(), process.pid, process.ppid]) {
      writeFileSync(join(dataDir, LOCK_FILE), lockOf(pid));
      const release = holdDataDirectory(dataDir);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
      release();
    }
  });

  it("leaves no lock behind a holder killed with SIGKILL: the kernel ends it with the process", async () => {
    const holder = await heldByAnotherProcess();
    expect(() => holdDataDirectory(dataDir)).toThrow(DataDirectoryHeldError);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    holdDataDirectory(dataDir)();
  });

  it("refuses a held lock whose holder has not named itself, saying the holder is unknown", async () => {
    writeFileSync(join(dataDir, LOCK_FILE), "garbage");
    await heldByAnotherProcess();
    expect(() => holdDataDirectory(dataDir)).toThrow(/held by a running process \(pid 0: unknown/);
  });

  it("does not remove a lock file another process has named itself in since", () => {
    const release = holdDataDirectory(dataDir);
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(process.ppid));
    release();
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toBe(lockOf(process.ppid));
  });
});
