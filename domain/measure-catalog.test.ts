import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DEFAULT_MEASURES_FILE } from "../db/seed/reference-data";
import { readMeasureCatalog } from "./measure-catalog";

describe("the measure list (data/measures.yaml)", () => {
  it("reserves exit restriction and the court's consumption restrictions to 失信被执行人 (JRP art. 14(10), 14(12))", async () => {
    const catalog = await readMeasureCatalog(DEFAULT_MEASURES_FILE);
    const byCode = new Map(catalog.map((measure) => [measure.code, measure]));
    expect(byCode.get("P10")!.grounds).toEqual(["B07_REFUSE_JUDGEMENT"]);
    expect(byCode.get("P12")!.grounds).toEqual(["B07_REFUSE_JUDGEMENT"]);
    expect(byCode.get("P10")!.title).toBe("限制购买不动产、乘坐飞机、乘坐高等级列车和席次、旅游度假、入住星级以上宾馆及其他高消费行为");
    expect(byCode.get("P05")!.grounds).toEqual([]);
  });

  it("refuses grounds that are not of the measure's list, naming the measure", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "credit-measures-")), "measures.yaml");
    writeFileSync(
      file,
      "measures:\n  - { code: P01, kind: PUNISHMENT, list: BLACK, title: t, decision: BLOCK, target: SUBJECT, grounds: [R01_STATE_HONOUR], scenarios: [FISCAL_FUNDS], basis: b, department: d }\n",
    );
    await expect(readMeasureCatalog(file)).rejects.toThrow(/measures\.0\.grounds: R01_STATE_HONOUR is not a BLACK list grounds/);
  });
});
