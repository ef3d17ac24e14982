/**
 * Prohibited data (PCIM art. 14, JRP art. 15, 征信业管理条例 art. 14): religion, genes, blood type,
 * disease and medical history, fingerprints. A key that names any of these, in English or Chinese, in
 * any case or spelling of separators, anywhere in a submission, refuses the whole submission.
 */
const PROHIBITED_TERMS: ReadonlyArray<{ category: string; terms: readonly string[] }> = [
  { category: "religion", terms: ["religion", "religious", "faith", "宗教", "信仰"] },
  { category: "genes", terms: ["gene", "genes", "genetic", "genome", "genotype", "dna", "基因"] },
  { category: "blood type", terms: ["bloodtype", "bloodgroup", "血型"] },
  {
    category: "disease and medical history",
    terms: ["disease", "illness", "diagnosis", "medicalhistory", "medicalrecord", "healthcondition", "疾病", "病史", "病历", "诊断"],
  },
  { category: "fingerprints", terms: ["fingerprint", "fingerprints", "指纹"] },
];

export type ProhibitedFinding = Readonly<{ path: string; key: string; category: string }>;

function normalizeKey(key: string): string {
  return key.normalize("NFKC").toLowerCase().replace(/[\s_\-.]/g, "");
}

/** Splits camelCase and separators into words so that "genes" matches "patientGenes" but not "generalNote". */
function wordsOf(key: string): string[] {
  return key
    .normalize("NFKC")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[\s_\-.]+/)
    .filter(Boolean);
}

function categoryOfKey(key: string): string | null {
  const whole = normalizeKey(key);
  const words = wordsOf(key);
  const joinedPairs = words.slice(1).map((word, index) => `${words[index]}${word}`);
  for (const { category, terms } of PROHIBITED_TERMS) {
    for (const term of terms) {
      if (/[^\x00-\x7f]/.test(term) ? whole.includes(term) : words.includes(term) || joinedPairs.includes(term) || whole === term) {
        return category;
      }
    }
  }
  return null;
}

/** Every prohibited key in a JSON value, with its path (`attributes.patient[0].bloodType`). */
export function findProhibitedData(value: unknown, path: string): ProhibitedFinding[] {
  if (Array.isArray(value)) return value.flatMap((item, index) => findProhibitedData(item, `${path}[${index}]`));
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => {
    const childPath = `${path}.${key}`;
    const category = categoryOfKey(key);
    return [...(category ? [{ path: childPath, key, category }] : []), ...findProhibitedData(child, childPath)];
  });
}
