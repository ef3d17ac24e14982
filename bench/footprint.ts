import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PACKAGE_ROOT } from "../platform/package-root";

export type StartFootprint = Readonly<{
  database: "postgres" | "pglite";
  readyMs: number[];
  idleRssMiB: number[];
  underLoadRssMiB: number[];
}>;
export type InstallFootprint = Readonly<{ packages: number; megabytes: number }>;

/** What `npm install` brings, from the lock file and the disk (the product's install: bench/ has its own). */
export async function installFootprint(): Promise<InstallFootprint> {
  const lock = JSON.parse(await readFile(path.join(PACKAGE_ROOT, "package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  return {
    packages: Object.keys(lock.packages).filter((key) => key !== "").length,
    megabytes: (await bytesUnder(path.join(PACKAGE_ROOT, "node_modules"))) / 1e6,
  };
}

async function bytesUnder(folder: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const file = path.join(folder, entry.name);
    if (entry.isDirectory()) total += await bytesUnder(file);
    else if (entry.isFile()) total += (await stat(file)).size;
  }
  return total;
}

/**
 * `npm start` as a user runs it, timed from the command to the first 200 of `/ready`, on a database it has
 * already migrated (the first start, which migrates and seeds, is not timed); RSS of the node process under
 * npm when idle, then after `loadRequests` lookups from 8 clients.
 */
export async function startFootprint(
  database: "postgres" | "pglite",
  options: { starts: number; loadRequests: number; lookupBody: string; headers: Record<string, string> },
): Promise<StartFootprint> {
  const dataDir = await mkdtemp(path.join(tmpdir(), "credit-bench-start-"));
  const environment: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "development",
    CREDIT_LOG_LEVEL: "silent",
    CREDIT_SEED: "demo",
    CREDIT_DATA_DIR: dataDir,
    HOST: "127.0.0.1",
    CREDIT_RATE_LIMIT_PER_MINUTE: "1000000000",
  };
  if (database === "pglite") delete environment.DATABASE_URL;
  else environment.DATABASE_URL = await freshDatabase(process.env.DATABASE_URL!, "bench_start");
  const readyMs: number[] = [];
  const idleRssMiB: number[] = [];
  const underLoadRssMiB: number[] = [];
  try {
    for (let start = 0; start <= options.starts; start++) {
      const port = await freePort();
      const started = performance.now();
      const child = spawn("npm", ["start", "-s"], {
        cwd: PACKAGE_ROOT,
        env: { ...environment, PORT: String(port) },
        stdio: "ignore",
        detached: true,
      });
      try {
        const base = `http://127.0.0.1:${port}`;
        await waitForReady(base, child.pid!);
        if (start === 0) continue; // the first start migrates and seeds
        readyMs.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
        const node = nodeUnder(child.pid!);
        idleRssMiB.push(await rssMiB(node));
        let sent = 0;
        await Promise.all(
          Array.from({ length: 8 }, async () => {
            while (sent++ < options.loadRequests)
              await fetch(`${base}/graphql`, {
                method: "POST",
                headers: { "content-type": "application/json", ...options.headers },
                body: options.lookupBody,
              }).then((response) => response.arrayBuffer());
          }),
        );
        underLoadRssMiB.push(await rssMiB(node));
      } finally {
        await stopGroup(child.pid!);
      }
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
  return { database, readyMs, idleRssMiB, underLoadRssMiB };
}

/** An empty database beside DATABASE_URL's, so that the demo data `npm start` loads meets nothing else. */
async function freshDatabase(url: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop database if exists ${name} with (force)`);
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return fresh.toString();
}

async function waitForReady(base: string, pid: number): Promise<void> {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (
      await fetch(`${base}/ready`).then(
        (response) => response.ok,
        () => false,
      )
    )
      return;
    try {
      process.kill(pid, 0);
    } catch {
      throw new Error("npm start exited before it was ready");
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error("npm start was not ready within 180 s");
}

/** The node process npm started (npm → sh → node, or npm → node): the deepest descendant named node. */
function nodeUnder(pid: number): number {
  const children = (parent: number) =>
    readdirSync("/proc")
      .filter((name) => /^\d+$/.test(name))
      .map(Number)
      .filter((candidate) => readProc(candidate, "stat")?.split(") ")[1]?.split(" ")[1] === String(parent));
  let current = pid;
  for (let next = children(current); next.length > 0; next = children(current)) current = next[0]!;
  return current;
}

const readProc = (pid: number, file: string) => {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
};

async function rssMiB(pid: number): Promise<number> {
  const line = (await readFile(`/proc/${pid}/status`, "utf8"))
    .split("\n")
    .find((entry) => entry.startsWith("VmRSS:"))!;
  return Number(line.replace(/\D+/g, "")) / 1024;
}

async function stopGroup(pid: number): Promise<void> {
  try {
    process.kill(-pid, "SIGTERM");
  } catch {
    return;
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(-pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  process.kill(-pid, "SIGKILL");
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
