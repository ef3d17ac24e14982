/**
 * `npm audit` at high severity, for CI: exit 1 when an installed package has a high or critical advisory.
 * When the advisory endpoint itself cannot be reached (some networks answer its POST with 405), this says
 * so loudly and exits 0 — the lockfile test in test/security/dependencies.test.ts still refuses the
 * advisories it names offline.
 */
import { spawnSync } from "node:child_process";

const run = spawnSync("npm", ["audit", "--audit-level=high", "--json"], {
  encoding: "utf8",
  maxBuffer: 64 * 1024 * 1024,
});
let report: {
  statusCode?: number;
  message?: string;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
};
try {
  report = JSON.parse(run.stdout) as typeof report;
} catch {
  console.error(`npm audit gave no report (exit ${run.status}):\n${run.stderr}`);
  process.exit(1);
}
if (!report.metadata) {
  console.warn(
    `WARNING: npm audit could not reach the advisory endpoint (${report.statusCode ?? "?"}: ${report.message ?? "no message"}); dependency advisories were NOT checked online`,
  );
  process.exit(0);
}
const counts = report.metadata.vulnerabilities ?? {};
const serious = (counts.high ?? 0) + (counts.critical ?? 0);
const names = Object.entries(report.vulnerabilities ?? {})
  .filter(([, entry]) => entry.severity === "high" || entry.severity === "critical")
  .map(([name, entry]) => `${name} (${entry.severity})`);
console.log(`npm audit: ${JSON.stringify(counts)}`);
if (serious > 0) {
  console.error(`high or critical advisories: ${names.join(", ")} — run \`npm audit\` for the fixes`);
  process.exit(1);
}
