import { parseArgs } from "node:util";
import { loadConfig } from "../platform/config";
import { ensureJwtSecret } from "../platform/secrets";
import { mintToken } from "../platform/tokens";
import { isRole, ROLES } from "../platform/viewer";

const usage = `usage: npm run token -- --role ROLE [--org CODE] [--subject IDENTIFIER] [--ttl 1h] [--sub NAME]
roles: ${ROLES.join(", ")}`;

let values;
try {
  ({ values } = parseArgs({
    options: {
      role: { type: "string" },
      org: { type: "string" },
      subject: { type: "string" },
      ttl: { type: "string", default: "1h" },
      sub: { type: "string" },
    },
  }));
} catch (error) {
  console.error(`${(error as Error).message}\n${usage}`);
  process.exit(2);
}
if (!isRole(values.role)) {
  console.error(`--role is required and must be a role\n${usage}`);
  process.exit(2);
}
if (!/^\d+[smhd]$/.test(values.ttl)) {
  console.error(`--ttl is a number and a unit, e.g. 30m, 1h, 7d\n${usage}`);
  process.exit(2);
}
const secret = await ensureJwtSecret(loadConfig());
console.log(await mintToken(secret, { role: values.role, org: values.org, subject: values.subject, ttl: values.ttl, sub: values.sub }));
