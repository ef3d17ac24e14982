import { verifyAuditChain } from "../audit-log/verifier";
import { bootstrap } from "./bootstrap";

const { connection } = await bootstrap({ seed: false });
try {
  const result = await verifyAuditChain(connection.db);
  if (result.verified) {
    console.log(`audit chain verified: ${result.length} events, every hash and link intact`);
  } else {
    console.error(
      `audit chain BROKEN after ${result.length} intact events: first bad event ${result.brokenAt}: ${result.reason}`,
    );
    process.exitCode = 1;
  }
} finally {
  await connection.close();
}
