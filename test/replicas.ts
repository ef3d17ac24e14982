import { readFileSync } from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "../platform/package-root";
import { REPORTS_SUBGRAPH } from "../app/subgraph";
import type { SubgraphName } from "../platform/supergraph-config";

/**
 * The multi-process shape that deploy/compose.yaml runs and test/e2e/multi-process.process.test.ts tests: two
 * gateway replicas and every subgraph, each its own node process on one PostgreSQL database. The commands
 * are those of `npm run gateway` and `npm run subgraph -- NAME`, without npm in between (so node is the process
 * that gets SIGTERM, behind an init in the container); test/deploy-shape.test.ts holds the compose file to them.
 */

const scripts = (
  JSON.parse(readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  }
).scripts;

/** The argv `npm run SCRIPT -- ARGS…` runs. */
export function commandOf(script: "gateway" | "subgraph", ...args: string[]): string[] {
  const command = scripts[script];
  if (!command || /[|&;<>$`"']/.test(command))
    throw new Error(`package.json script ${script} must be one plain command to run it without a shell`);
  // `exec` makes the shell npm starts give way to node (so signals reach it); without npm there is no shell.
  return [...command.replace(/^exec\s+/, "").split(/\s+/), ...args];
}

export const gatewayCommand = (): string[] => commandOf("gateway");
export const subgraphCommand = (name: SubgraphName): string[] => commandOf("subgraph", name);

/** The gateway replicas: ports on one host (compose runs them in one network namespace with the subgraphs). */
export const GATEWAY_REPLICA_PORTS = [4000, 4007] as const;

/** Settings every process of the shape gets, by name; the values a deployment chooses are those of `FIXED_SETTINGS`. */
export const SHARED_SETTINGS = [
  "NODE_ENV",
  "DATABASE_URL",
  "CREDIT_JWT_SECRET",
  "CREDIT_SEED",
  "CREDIT_LOG_LEVEL",
  "HOST",
  "CREDIT_RATE_LIMIT_PER_MINUTE",
] as const;
/**
 * Only the gateway holds the subgraph signing key; only subgraphs get the public half. The report key signs in the
 * reports subgraph and the gateway publishes its public half (production refuses to start either without it).
 */
export const GATEWAY_SETTINGS = [
  ...SHARED_SETTINGS,
  "PORT",
  "CREDIT_SUBGRAPH_SIGNING_KEY",
  "CREDIT_REPORT_SIGNING_KEY",
] as const;
export const SUBGRAPH_SETTINGS = [...SHARED_SETTINGS, "CREDIT_SUBGRAPH_VERIFY_KEYS"] as const;
/** The settings of one subgraph's process: the reports subgraph also signs credit reports. */
export function subgraphSettingsOf(name: SubgraphName): readonly string[] {
  return name === REPORTS_SUBGRAPH ? [...SUBGRAPH_SETTINGS, "CREDIT_REPORT_SIGNING_KEY"] : SUBGRAPH_SETTINGS;
}
/** Settings whose value the tested shape fixes (the rest are secrets, addresses and sizes each site sets). */
export const FIXED_SETTINGS = { NODE_ENV: "production", CREDIT_SEED: "none" } as const;
