import { readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../platform/package-root";
import { SUBGRAPH_NAMES, type SubgraphName } from "../platform/supergraph-config";
import {
  FIXED_SETTINGS,
  GATEWAY_REPLICA_PORTS,
  GATEWAY_SETTINGS,
  gatewayCommand,
  subgraphCommand,
  subgraphSettingsOf,
} from "./replicas";

/**
 * No container engine runs here, so deploy/ is held to what is tested: the compose file runs exactly the
 * commands and settings that test/e2e/multi-process.process.test.ts runs (test/replicas.ts), and the image runs them
 * as node behind an init, not as root.
 */

type Service = {
  command?: string[];
  environment?: Record<string, string>;
  network_mode?: string;
  ports?: string[];
  image?: string;
  build?: unknown;
};
const compose = parse(readFileSync(path.join(PACKAGE_ROOT, "deploy/compose.yaml"), "utf8"), {
  merge: true,
}) as { services: Record<string, Service> };
const dockerfile = readFileSync(path.join(PACKAGE_ROOT, "deploy/Dockerfile"), "utf8");
const services = compose.services;
const credit = Object.entries(services).filter(([, service]) => service.command !== undefined);

describe("deploy/compose.yaml runs the tested shape", () => {
  it("two gateway replicas with the command of `npm run gateway`, on the tested ports", () => {
    const gateways = credit.filter(([, service]) => service.command!.includes("dist/gateway.js"));
    expect(gateways.map(([, service]) => service.command)).toEqual(
      GATEWAY_REPLICA_PORTS.map(() => gatewayCommand()),
    );
    expect(gateways.map(([, service]) => Number(service.environment!.PORT))).toEqual([
      ...GATEWAY_REPLICA_PORTS,
    ]);
    for (const [, service] of gateways)
      expect(Object.keys(service.environment!).sort()).toEqual([...GATEWAY_SETTINGS].sort());
  });

  it("each subgraph of supergraph.yaml once, with the command of `npm run subgraph -- NAME`", () => {
    const subgraphs = credit.filter(([, service]) => service.command!.includes("dist/subgraph.js"));
    expect(subgraphs.map(([, service]) => service.command).sort()).toEqual(
      SUBGRAPH_NAMES.map((name) => subgraphCommand(name)).sort(),
    );
    for (const [, service] of subgraphs)
      expect(Object.keys(service.environment!).sort()).toEqual(
        [...subgraphSettingsOf(service.command!.at(-1) as SubgraphName)].sort(),
      );
  });

  it("nothing else of ours, every setting the tested value where the test fixes one, the private key with the gateways only", () => {
    expect(credit).toHaveLength(GATEWAY_REPLICA_PORTS.length + SUBGRAPH_NAMES.length);
    for (const [, service] of credit) {
      for (const [name, value] of Object.entries(FIXED_SETTINGS))
        expect(service.environment![name]).toBe(value);
      expect(service.image).toBe("credit-federation:latest");
      // One network namespace, as the test's one host: the gateways reach the subgraphs at supergraph.yaml's URLs.
      expect(service.network_mode).toBe("service:pod");
    }
    expect(services.pod!.ports).toEqual(GATEWAY_REPLICA_PORTS.map((port) => `${port}:${port}`));
  });
});

describe("deploy/Dockerfile", () => {
  const instruction = (name: string) => dockerfile.split("\n").filter((line) => line.startsWith(`${name} `));
  it("is multi-stage, runs as the unprivileged node user, node behind tini as PID 1", () => {
    expect(instruction("FROM").length).toBeGreaterThanOrEqual(2);
    expect(instruction("USER")).toEqual(["USER node"]);
    expect(instruction("ENTRYPOINT")).toEqual(['ENTRYPOINT ["/usr/bin/tini", "--"]']);
    expect(instruction("CMD").map((line) => JSON.parse(line.slice(4)) as string[])).toEqual([
      gatewayCommand(),
    ]);
  });

  it("builds from the lock file, keeps no dev dependencies, and gives the runtime what the compiled processes read", () => {
    expect(dockerfile).toMatch(/npm ci --no-audit --no-fund && npm prune --omit=dev/);
    const copied = instruction("COPY").flatMap((line) => line.split(/\s+/).slice(1, -1));
    for (const folder of ["/app/node_modules", "/app/dist", "data"]) expect(copied).toContain(folder);
    for (const file of ["supergraph.graphql", "supergraph.yaml", "package.json"])
      expect(copied).toContain(file);
    // The commands run bundles: the image needs no TypeScript sources, and tsx is not what starts them.
    expect(gatewayCommand().join(" ")).toMatch(/dist\/gateway\.js$/);
  });
});
