import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DataDirectoryHeldError, holdDataDirectory, LOCK_FILE } from "./data-directory-lock";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), "credit-lock-"));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const lockOf = (pid: number) => JSON.stringify({ pid, command: "scripts/start.ts", since: "2026-12-01T08:00:00.000Z" });
const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("holdDataDirectory (one process per embedded data directory)", () => {
  it("writes this process's pid, refuses a second holder while it is held, and removes the lock on release", () => {
    const release = holdDataDirectory(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8"))).toMatchObject({ pid: process.pid });
    expect(() => holdDataDirectory(dataDir)).toThrow(DataDirectoryHeldError);
    release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
    holdDataDirectory(dataDir)();
  });

  it("refuses while another live process holds it, naming the pid and what to do", () => {
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(process.ppid));
    expect(() => holdDataDirectory(dataDir)).toThrow(new RegExp(`held by a running process \\(pid ${process.ppid}: scripts/start.ts.*stop it .*delete .*${LOCK_FILE}`));
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toBe(lockOf(process.ppid));
  });

  it("takes over a lock left by a dead process, or by an earlier process that had this pid (a restarted container)", () => {
    for (const pid of [deadPid(), process.pid]) {
      writeFileSync(join(dataDir, LOCK_FILE), lockOf(pid));
      const release = holdDataDirectory(dataDir);
      expect(JSON.parse(readFileSync(join(dataDir, LOCK_FILE), "utf8")).since).not.toBe("2026-12-01T08:00:00.000Z");
      release();
    }
  });

  it("refuses an unreadable lock rather than guess", () => {
    writeFileSync(join(dataDir, LOCK_FILE), "garbage");
    expect(() => holdDataDirectory(dataDir)).toThrow(/lock file is unreadable/);
  });

  it("does not remove a lock another process has taken since", () => {
    const release = holdDataDirectory(dataDir);
    writeFileSync(join(dataDir, LOCK_FILE), lockOf(process.ppid));
    release();
    expect(readFileSync(join(dataDir, LOCK_FILE), "utf8")).toBe(lockOf(process.ppid));
  });
});
