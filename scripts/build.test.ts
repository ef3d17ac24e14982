import { describe, expect, it } from "vitest";
import { buildDistUnlessCurrent, isCurrent, readBuildRecord } from "./build";

// The tests' global setup built dist/ (or found it current): the record is there.
describe("dist/ is rebuilt when anything it was built from changed", () => {
  it("is current right after the global setup, and the record names what each build read", async () => {
    expect(await buildDistUnlessCurrent()).toBe("current");
    const record = (await readBuildRecord())!;
    expect(Object.keys(record.inputs)).toEqual(expect.arrayContaining(["scripts/start.ts", "gateway/server.ts", "portal/main.tsx", "db/pglite.ts", `db/migrations/${record.migrations.at(-1)}`, "package-lock.json", "portal/index.html"]));
    expect(record.outputs).toEqual(expect.arrayContaining(["start.js", "pglite-template.tar.gz"]));
  });

  it("is stale when one input's content, the list of migrations or an output differs", async () => {
    const record = (await readBuildRecord())!;
    expect(await isCurrent(record)).toBe(true);
    expect(await isCurrent({ ...record, inputs: { ...record.inputs, "gateway/server.ts": "0".repeat(64) } })).toBe(false);
    expect(await isCurrent({ ...record, inputs: { ...record.inputs, "db/a-file-that-is-gone.ts": "0".repeat(64) } })).toBe(false);
    expect(await isCurrent({ ...record, migrations: record.migrations.slice(0, -1) })).toBe(false);
    expect(await isCurrent({ ...record, outputs: [...record.outputs, "an-output-that-is-gone.js"] })).toBe(false);
  });
});
