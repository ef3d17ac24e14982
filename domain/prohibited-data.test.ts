import { describe, expect, it } from "vitest";
import { findProhibitedData } from "./prohibited-data";

const CASES: Array<[string, string]> = [
  ["religion", "religion"],
  ["Religious_Belief", "religion"],
  ["宗教信仰", "religion"],
  ["genes", "genes"],
  ["geneticTest", "genes"],
  ["DNA", "genes"],
  ["基因", "genes"],
  ["bloodType", "blood type"],
  ["BLOOD-TYPE", "blood type"],
  ["blood_group", "blood type"],
  ["血型", "blood type"],
  ["disease", "disease and medical history"],
  ["medicalHistory", "disease and medical history"],
  ["Medical_History", "disease and medical history"],
  ["疾病", "disease and medical history"],
  ["病史", "disease and medical history"],
  ["fingerprint", "fingerprints"],
  ["FingerPrints", "fingerprints"],
  ["指纹", "fingerprints"],
];

describe("findProhibitedData", () => {
  it.each(CASES)("finds %s at the top level as %s", (key, category) => {
    expect(findProhibitedData({ [key]: "x" }, "attributes")).toEqual([{ path: `attributes.${key}`, key, category }]);
  });

  it.each(CASES)("finds %s nested in objects and arrays", (key, category) => {
    expect(findProhibitedData({ person: { history: [{ ok: 1 }, { [key]: { value: 1 } }] } }, "attributes")).toEqual([
      { path: `attributes.person.history[1].${key}`, key, category },
    ]);
  });

  it("lets ordinary keys through, including look-alikes", () => {
    expect(findProhibitedData({ generalNote: "x", penaltyAmount: 5, bloodDonationCount: 2, general: { genre: "a" }, 行政处罚: 1 }, "attributes")).toEqual([]);
  });
});
