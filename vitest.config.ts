import { defineConfig } from "vitest/config";

const EXCLUDED = ["**/node_modules/**", ".data/**", "scratch/**", "dist/**"];
/** Tests of the product as its users meet it: pages in a real Chromium, and the service's own commands as separate processes. */
const SYSTEM_TESTS = ["**/*.browser.test.ts", "**/*.process.test.ts"];

export default defineConfig({
  // graphql 16 ships ESM and CJS builds; Node (and so every dependency) loads the CJS one, Vite would pick
  // the ESM one for our sources. One instance only, or `instanceof GraphQLScalarType` checks fail.
  resolve: { alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }] },
  test: {
    exclude: EXCLUDED,
    globalSetup: ["test/global-setup.ts"],
    pool: "forks",
    maxWorkers: 2,
    // Test files share each worker's loaded modules: every file boots its own federation and clock and gets a
    // database as new (an embedded one is handed on put back to the baseline: test/recycled-databases.ts), and
    // nothing else is kept between files (an isolated module graph per file cost 166 of 384 s here).
    isolate: false,
    testTimeout: 30_000,
    // What a page or a process shows may take a while on a loaded 2-core machine: polls wait up to 15 s.
    expect: { poll: { timeout: 15_000 } },
    hookTimeout: 120_000,
    // Transformed modules kept on disk between runs (transform 7 -> 2 s of every run).
    experimental: { fsModuleCache: true },
    // A larger young generation: the suite allocates fast and short-lived (requests, rows), fewer scavenges.
    execArgv: ["--max-semi-space-size=32"],
    // `npm test` runs `suite`, the developer's loop; `npm run test:system` runs `system` (~2 min of Chromium and
    // of `npm start` and friends as processes). CI runs both on every pass (`.ci/run`).
    projects: [
      {
        extends: true,
        test: {
          name: "suite",
          include: ["**/*.test.ts"],
          exclude: [...EXCLUDED, ...SYSTEM_TESTS],
          // PGlite's PostgreSQL is 9 MB of WebAssembly: V8's optimising compiler spends more CPU on its hot functions
          // than a worker of this suite lives to win back, so its workers keep V8's baseline code (~7 % less wall and
          // CPU, three alternating runs each). The system tests, whose time is
          // Chromium's and the started processes', showed no difference; services keep V8's default. (A project's
          // execArgv is added to the root's.)
          execArgv: ["--liftoff-only"],
        },
      },
      { extends: true, test: { name: "system", include: SYSTEM_TESTS } },
    ],
  },
});
