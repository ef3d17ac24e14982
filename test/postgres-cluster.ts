import { execFile } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The directory holding `initdb` and `pg_ctl`: on PATH, or Debian's newest `/usr/lib/postgresql/N/bin`. */
export function findPostgresBinaries(): string | null {
  for (const directory of (process.env.PATH ?? "").split(":")) {
    if (directory && existsSync(join(directory, "initdb")) && existsSync(join(directory, "pg_ctl")))
      return directory;
  }
  const debian = "/usr/lib/postgresql";
  if (!existsSync(debian)) return null;
  const versions = readdirSync(debian).filter((name) => existsSync(join(debian, name, "bin", "initdb")));
  versions.sort((a, b) => Number(a) - Number(b));
  return versions.length > 0 ? join(debian, versions.at(-1)!, "bin") : null;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export type PostgresCluster = Readonly<{
  /** The `postgres` database of the cluster, user `credit`, no password (trust on loopback). */
  url: string;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when this resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  destroy(): Promise<void>;
}>;

/**
 * A PostgreSQL cluster of our own on a free loopback port: throwaway in a temp directory for the fault
 * tests (they restart and stop it, which they must not do to the server the rest of the suite shares), or
 * kept in `keepIn` across runs for the benchmarks (seeding a million subjects takes minutes). initdb
 * refuses to run as root, so as root the cluster belongs to the `postgres` user (as in `.ci/run`).
 */
export async function startPostgresCluster(
  binaries: string,
  options: { keepIn?: string } = {},
): Promise<PostgresCluster> {
  const directory = options.keepIn ?? (await mkdtemp(join(tmpdir(), "credit-fault-pg-")));
  await mkdir(directory, { recursive: true });
  const dataDir = join(directory, "data");
  const port = await freePort();
  const asOwner = async (command: string, args: string[]) => {
    const program = join(binaries, command);
    if (process.getuid?.() === 0) {
      await run("runuser", ["-u", "postgres", "--", program, ...args]);
    } else {
      await run(program, args);
    }
  };
  if (process.getuid?.() === 0) {
    await run("sh", ["-c", "id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres"]);
    const { stdout } = await run("id", ["-u", "postgres"]);
    const { stdout: group } = await run("id", ["-g", "postgres"]);
    await chown(directory, Number(stdout.trim()), Number(group.trim()));
  }
  if (!existsSync(join(dataDir, "PG_VERSION")))
    await asOwner("initdb", [
      "-D",
      dataDir,
      "-U",
      "credit",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
    ]);
  const serverOptions = `-h 127.0.0.1 -p ${port} -k ${directory} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const pgCtl = (action: string, ...extra: string[]) =>
    asOwner("pg_ctl", ["-D", dataDir, "-l", join(directory, "server.log"), "-w", ...extra, action]);
  await pgCtl("start", "-o", serverOptions);
  return {
    url: `postgres://credit@127.0.0.1:${port}/postgres`,
    restart: () => pgCtl("restart", "-m", "fast", "-o", serverOptions),
    stop: () => pgCtl("stop", "-m", "fast"),
    start: () => pgCtl("start", "-o", serverOptions),
    async destroy() {
      await pgCtl("stop", "-m", options.keepIn ? "fast" : "immediate").catch(() => undefined);
      if (!options.keepIn) await rm(directory, { recursive: true, force: true });
    },
  };
}
