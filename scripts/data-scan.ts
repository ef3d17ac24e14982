import { scanStoredProhibitedData } from "../db/scan-prohibited-data";
import { bootstrap } from "./bootstrap";

const { connection } = await bootstrap({ seed: false });
try {
  const findings = await scanStoredProhibitedData(connection.db);
  for (const finding of findings)
    console.log(`${finding.table}\t${finding.id}\t${finding.path}\t${finding.category}`);
  console.log(
    findings.length === 0
      ? "no stored prohibited data"
      : `${findings.length} stored values carry prohibited data (PCIM art. 14): object to or purge them`,
  );
  if (findings.length > 0) process.exitCode = 1;
} finally {
  await connection.close();
}
