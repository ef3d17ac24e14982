import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../platform/package-root";

/** Published advisories the lockfile must stay clear of (versions before the fix). */
const FIXED_IN = [
  ["graphql", "16.8.1"],
  ["@apollo/server", "5.5.0"],
  ["@apollo/gateway", "2.10.1"],
] as const;

const compare = (a: string, b: string) => {
  const [x, y] = [a, b].map((version) => version.split("-")[0]!.split(".").map(Number));
  for (let index = 0; index < 3; index++) if (x![index] !== y![index]) return x![index]! - y![index]!;
  return 0;
};

describe("dependencies", () => {
  it.each(FIXED_IN)("every installed %s is at least %s", async (name, fixed) => {
    const lock = JSON.parse(await readFile(`${PACKAGE_ROOT}/package-lock.json`, "utf8")) as {
      packages: Record<string, { version?: string }>;
    };
    const versions = Object.entries(lock.packages)
      .filter(([path]) => path === `node_modules/${name}` || path.endsWith(`/node_modules/${name}`))
      .map(([, entry]) => entry.version!);
    expect(versions.length).toBeGreaterThan(0);
    for (const version of versions)
      expect(compare(version, fixed), `${name}@${version}`).toBeGreaterThanOrEqual(0);
  });
});
