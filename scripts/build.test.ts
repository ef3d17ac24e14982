import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildDistUnlessCurrent, isCurrent, readBuildRecord, writeBuildRecord } from "./build";

// The tests' global setup built dist/ (or found it current): the record is there.
describe("dist/ is rebuilt when anything it was built from changed", () => {
  it("is current right after the global setup, and the record names what each build read", async () => {
    expect(await buildDistUnlessCurrent()).toBe("current");
    const record = (await readBuildRecord())!;
    expect(Object.keys(record.inputs)).toEqual(
      expect.arrayContaining([
        "scripts/start.ts",
        "gateway/server.ts",
        "portal/main.tsx",
        "db/pglite.ts",
        `db/migrations/${record.migrations.at(-1)}`,
        "package-lock.json",
        "package.json",
        "tsconfig.json",
        "portal/index.html",
      ]),
    );
    expect(Object.keys(record.inputs).filter((file) => file.includes("node_modules"))).toEqual([]);
    expect(record.outputs).toEqual(
      expect.arrayContaining(["start.js", "pglite-template.tar.gz", "pglite-initdb.tar.gz"]),
    );
  });

  it("is stale when one input's content, the list of migrations or an output differs", async () => {
    const record = (await readBuildRecord())!;
    expect(await isCurrent(record)).toBe(true);
    expect(
      await isCurrent({ ...record, inputs: { ...record.inputs, "gateway/server.ts": "0".repeat(64) } }),
    ).toBe(false);
    expect(
      await isCurrent({
        ...record,
        inputs: { ...record.inputs, "db/a-file-that-is-gone.ts": "0".repeat(64) },
      }),
    ).toBe(false);
    expect(await isCurrent({ ...record, migrations: record.migrations.slice(0, -1) })).toBe(false);
    expect(await isCurrent({ ...record, outputs: [...record.outputs, "an-output-that-is-gone.js"] })).toBe(
      false,
    );
  });

  it("writes no record when a file it read changed while it ran (the next run builds again)", async () => {
    const outdir = await mkdtemp(path.join(tmpdir(), "build-record-"));
    try {
      const metafile = { inputs: { "gateway/server.ts": { bytes: 1, imports: [] } }, outputs: {} };
      await writeBuildRecord(outdir, [metafile], [], Number.NEGATIVE_INFINITY);
      expect(existsSync(path.join(outdir, "build-inputs.json"))).toBe(false);
      await writeBuildRecord(outdir, [metafile], [], Date.now());
      expect(existsSync(path.join(outdir, "build-inputs.json"))).toBe(true);
    } finally {
      await rm(outdir, { recursive: true, force: true });
    }
  });
});
