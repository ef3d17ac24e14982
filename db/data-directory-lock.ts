import { spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  fstatSync,
  ftruncateSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import path from "node:path";

/** The file in an embedded data directory whose kernel lock holds the directory; it names the holder. */
export const LOCK_FILE = "holder.lock";

type Holder = Readonly<{ pid: number; command: string; since: string }>;

/** Refusal to open an embedded data directory another live process holds. */
export class DataDirectoryHeldError extends Error {
  override readonly name = "DataDirectoryHeldError";
  readonly code = "DATA_DIRECTORY_HELD";

  constructor(
    readonly dataDir: string,
    readonly holder: Holder,
  ) {
    super(
      `the embedded database in ${dataDir} is held by a running process (pid ${holder.pid}: ${holder.command}, since ${holder.since}; ` +
        "the pid as that process sees it, which another container or pid namespace may number differently); " +
        "a second process would work on a stale copy and its writes would be lost. " +
        "Go through the running service instead (npm run import submits through its gateway; an AUDITOR's auditChain and auditEvents queries read the live audit chain), " +
        "or stop it (Ctrl-C or SIGTERM) and run this command again. The lock is the kernel's: it ends with the process that holds it, so there is no file to delete.",
    );
  }
}

/** Refusal to start because the lock itself cannot be taken (no `flock` command, or it failed). */
export class DataDirectoryLockError extends Error {
  override readonly name = "DataDirectoryLockError";
  readonly code = "DATA_DIRECTORY_LOCK_FAILED";
}

const UNKNOWN: Holder = {
  pid: 0,
  command: "unknown (the holder has not named itself yet, or its note is unreadable)",
  since: "unknown",
};

/** The holder as the lock file names it; `UNKNOWN` when the file is gone, empty or unreadable. */
function readHolder(file: string): Holder {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    return Number.isInteger(holder.pid) && holder.pid! > 0
      ? { pid: holder.pid!, command: String(holder.command), since: String(holder.since) }
      : UNKNOWN;
  } catch {
    return UNKNOWN;
  }
}

/**
 * An exclusive `flock(2)` on the open file `fd`, without waiting: true if taken, false if another open file holds
 * it. Node has no flock call, so util-linux's `flock` takes it on the descriptor it inherits: a flock belongs to
 * the open file description, which this process keeps after the child exits.
 */
function tryFlock(fd: number): boolean {
  const result = spawnSync("flock", ["--exclusive", "--nonblock", "3"], {
    stdio: ["ignore", "ignore", "pipe", fd],
    encoding: "utf8",
  });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === "ENOENT";
    throw new DataDirectoryLockError(
      missing
        ? "the embedded database's directory lock needs the `flock` command (util-linux; busybox's works too): install it, or use PostgreSQL (DATABASE_URL)"
        : `could not run flock to lock the embedded database's directory: ${result.error.message}`,
    );
  }
  if (result.status === 0) return true;
  if (result.status === 1) return false;
  throw new DataDirectoryLockError(
    `flock could not lock the embedded database's directory (exit ${result.status ?? result.signal}): ${result.stderr.trim()}`,
  );
}

/**
 * Takes an embedded data directory for this process, or throws `DataDirectoryHeldError` naming the holder.
 * The lock is an exclusive `flock` on `holder.lock`, kept by the kernel on the open file: it holds across pid
 * namespaces and containers on one volume (a pid does not: another namespace numbers processes its own way), a
 * second open of the file in this same process is refused too, and the kernel drops it when the holder ends
 * however it ends (kill -9 included), so no stale lock is ever left. The file's text names the holder, for
 * the refusal's message only. Release removes the file and closes it; it also runs when the process exits.
 */
export function holdDataDirectory(dataDir: string): () => void {
  const directory = path.resolve(dataDir);
  const file = path.join(directory, LOCK_FILE);
  mkdirSync(directory, { recursive: true });
  const mine: Holder = {
    pid: process.pid,
    command: process.argv
      .slice(1)
      .map((word) => path.relative(process.cwd(), word) || word)
      .join(" "),
    since: new Date().toISOString(),
  };
  let fd: number;
  for (;;) {
    fd = openSync(file, constants.O_RDWR | constants.O_CREAT, 0o600);
    let locked: boolean;
    try {
      locked = tryFlock(fd);
    } catch (error) {
      closeSync(fd);
      throw error;
    }
    if (!locked) {
      closeSync(fd);
      throw new DataDirectoryHeldError(directory, readHolder(file));
    }
    // A holder releasing removes the file: a lock taken on the file it removed holds nothing, so try the new one.
    if (sameFile(fd, file)) break;
    closeSync(fd);
  }
  ftruncateSync(fd, 0);
  writeSync(fd, JSON.stringify(mine), 0);
  let held = true;
  const release = () => {
    process.off("exit", release);
    if (!held) return;
    held = false;
    try {
      const holder = readHolder(file);
      if (sameFile(fd, file) && holder.pid === mine.pid && holder.since === mine.since) unlinkSync(file);
    } finally {
      closeSync(fd);
    }
  };
  process.on("exit", release);
  return release;
}

/** Whether `fd` is the file now at `file` (not one removed from under it). */
function sameFile(fd: number, file: string): boolean {
  try {
    const open = fstatSync(fd);
    const named = statSync(file);
    return open.ino === named.ino && open.dev === named.dev;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}
