import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { findProhibitedDataAbout, locateProhibitedData } from "./domain/prohibited-data";
import { checkSubjectRef } from "./domain/subject-ref";
const c = parse(readFileSync(`domain/prohibited-data.corpus/${process.argv[2]}.yaml`, "utf8"));
function refused(kind: string, text: string) {
  if (kind === "person") return findProhibitedDataAbout("NATURAL_PERSON", { t: text }, "r").length > 0;
  if (kind === "organisation") return findProhibitedDataAbout("LEGAL_PERSON", { t: text }, "r").length > 0;
  if (kind === "organisation-person-field") return findProhibitedDataAbout("LEGAL_PERSON", { legalRepresentative: { n: text } }, "r").length > 0;
  const p: any[] = [];
  if (kind === "uscc") checkSubjectRef({ identifier: text, name: "淮安市测试贸易有限公司", kind: "LEGAL_PERSON" }, "s", p, "2026-12-07");
  else checkSubjectRef({ identifier: kind === "person-name" ? "320801198001011010" : "91320800DNA010101Q", name: text, kind: kind === "person-name" ? "NATURAL_PERSON" : "LEGAL_PERSON" }, "s", p, "2026-12-07");
  if (p.length) (globalThis as any).why = p.map((x) => x.reason).join("; ");
  return p.length > 0;
}
let tp = 0, fp = 0, fn = 0;
for (const [k, xs] of Object.entries(c.refuse)) for (const x of xs as string[]) { if (refused(k, x)) tp++; else { fn++; console.log("MISS", k, JSON.stringify(x)); } }
for (const [k, xs] of Object.entries(c.accept)) for (const x of xs as string[]) { if (refused(k, x)) { fp++; console.log("FA", k, JSON.stringify(x), JSON.stringify(locateProhibitedData(x).map((h) => h.term)), (globalThis as any).why ?? ""); (globalThis as any).why = undefined; } }
console.log({ tp, fp, fn, precision: tp / (tp + fp), recall: tp / (tp + fn) });
