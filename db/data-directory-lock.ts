import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The file in an embedded data directory that names the process holding it. */
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
      `the embedded database in ${dataDir} is held by a running process (pid ${holder.pid}: ${holder.command}, since ${holder.since}); ` +
        "a second process would work on a stale copy and its writes would be lost. " +
        "Go through the running service instead (npm run import submits through its gateway; an AUDITOR's auditChain and auditEvents queries read the live audit chain), " +
        `or stop it (Ctrl-C or SIGTERM) and run this command again. If no process with pid ${holder.pid} is running this service, delete ${path.join(dataDir, LOCK_FILE)}.`,
    );
  }
}

const heldHere = new Set<string>();

const UNREADABLE: Holder = { pid: 0, command: "unknown (the lock file is unreadable)", since: "unknown" };

/** The holder named in the lock file; null when the file is gone. */
function readHolder(file: string): Holder | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    return Number.isInteger(holder.pid) && holder.pid! > 0 ? { pid: holder.pid!, command: String(holder.command), since: String(holder.since) } : UNREADABLE;
  } catch {
    return UNREADABLE;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Takes an embedded data directory for this process, or throws `DataDirectoryHeldError` naming the live
 * holder. The lock file is complete the moment it appears (written aside, then hard-linked into place,
 * which fails if one exists). A lock whose pid is dead, or is this pid without this process holding it
 * (a restarted container reuses pids), is stale and taken over; an unreadable one is refused, for a
 * person to judge. Returns the release, which also runs when the process exits; a kill -9 leaves a stale
 * lock, taken over next time. Two processes taking over the same stale lock in the same instant can
 * both succeed: the one window left.
 */
export function holdDataDirectory(dataDir: string): () => void {
  const directory = path.resolve(dataDir);
  const file = path.join(directory, LOCK_FILE);
  mkdirSync(directory, { recursive: true });
  const mine: Holder = { pid: process.pid, command: process.argv.slice(1).map((word) => path.relative(process.cwd(), word) || word).join(" "), since: new Date().toISOString() };
  const aside = `${file}.${process.pid}`;
  writeFileSync(aside, JSON.stringify(mine), { mode: 0o600 });
  try {
    for (;;) {
      try {
        linkSync(aside, file);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      const holder = readHolder(file);
      if (holder === null) continue;
      const stale = holder !== UNREADABLE && (!isAlive(holder.pid) || (holder.pid === process.pid && !heldHere.has(directory)));
      if (!stale) throw new DataDirectoryHeldError(directory, holder);
      try {
        unlinkSync(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
  } finally {
    unlinkSync(aside);
  }
  heldHere.add(directory);
  const release = () => {
    process.off("exit", release);
    if (!heldHere.delete(directory)) return;
    const holder = readHolder(file);
    if (holder?.pid === process.pid && holder.since === mine.since) unlinkSync(file);
  };
  process.on("exit", release);
  return release;
}
