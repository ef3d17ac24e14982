import { spawn, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { PACKAGE_ROOT } from "../platform/package-root";

/**
 * The commands of docs/api.md as separate processes (`npm start`, `npm run import`, …), for the tests
 * whose subject is what happens between processes. Each gets the test runner's environment without
 * `DATABASE_URL` (the embedded database unless the test passes one) plus `environment`.
 */
function environmentOf(environment: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _, ...inherited } = process.env;
  return { ...inherited, CREDIT_LOG_LEVEL: "error", ...environment };
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type CommandResult = Readonly<{ code: number | null; stdout: string; stderr: string }>;

/** Runs `npm run -s ARGS…` to its end. */
export function runCommand(
  args: readonly string[],
  environment: Record<string, string>,
  timeoutMs = 90_000,
): Promise<CommandResult> {
  return runProcess(
    ["npm", "run", "-s", ...args],
    environment,
    timeoutMs,
    `npm run ${args.join(" ")} did not finish within ${timeoutMs / 1000} s`,
  );
}

/**
 * Runs COMMAND (in the package root, its own process group, the test environment without DATABASE_URL) to its
 * end; past `timeoutMs` the group is killed and the promise rejects with `overdue` and what it wrote to stderr.
 */
export function runProcess(
  command: readonly string[],
  environment: Record<string, string>,
  timeoutMs: number,
  overdue: string,
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command[0]!, command.slice(1), {
      cwd: PACKAGE_ROOT,
      env: environmentOf(environment),
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
    const timer = setTimeout(() => {
      process.kill(-child.pid!, "SIGKILL");
      reject(new Error(`${overdue}\n${stderr}`));
    }, timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Whether any process of the process group `groupId` still runs. */
export function groupAlive(groupId: number): boolean {
  try {
    process.kill(-groupId, 0);
    return true;
  } catch {
    return false;
  }
}

export type RunningService = Readonly<{
  /** The gateway's GraphQL endpoint. */
  url: string;
  process: ChildProcess;
  /** SIGTERM to the process group, resolved when it has exited. */
  stop(): Promise<void>;
}>;

/** How long `npm start` may take to be ready on a loaded machine; a test that starts the service allows for it. */
export const START_WITHIN_MS = 90_000;

/** Starts `npm start` on `port` and waits until `/ready` answers 200. */
export async function startService(
  port: number,
  environment: Record<string, string>,
  withinMs = START_WITHIN_MS,
): Promise<RunningService> {
  // Its own process group, so that npm and the node process under it stop together.
  const child = spawn("npm", ["start", "-s"], {
    cwd: PACKAGE_ROOT,
    env: environmentOf({ ...environment, PORT: String(port), HOST: "127.0.0.1" }),
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGTERM");
    await exited;
    // npm exits on the signal at once; the service under it is stopped when its whole group is gone.
    while (groupAlive(child.pid!)) await new Promise((resolve) => setTimeout(resolve, 100));
  };
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`npm start exited (${child.exitCode}) before it was ready:\n${stderr}`);
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) return { url: `http://127.0.0.1:${port}/graphql`, process: child, stop };
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await stop();
  throw new Error(`npm start was not ready within ${withinMs / 1000} s:\n${stderr}`);
}

/** One GraphQL request over HTTP, as any client sends it. */
export async function postGraphQL<T>(
  url: string,
  query: string,
  options: { token?: string; variables?: Record<string, unknown> } = {},
) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const response = await fetch(url, {
    method: "POST",
    headers,
    body: JSON.stringify({ query, variables: options.variables }),
  });
  return (await response.json()) as {
    data?: T | null;
    errors?: Array<{ message: string; extensions?: { code?: string } }>;
  };
}
