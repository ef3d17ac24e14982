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
const ttl = /^(\d+)([smhd])$/.exec(values.ttl);
if (!ttl) {
  console.error(`--ttl is a number and a unit, e.g. 30m, 1h, 12h\n${usage}`);
  process.exit(2);
}
const config = loadConfig();
const UNIT_SECONDS = { s: 1, m: 60, h: 3_600, d: 86_400 } as const;
if (Number(ttl[1]) * UNIT_SECONDS[ttl[2] as keyof typeof UNIT_SECONDS] > config.maxTokenAgeSeconds) {
  console.error(
    `--ttl is longer than the gateway accepts (CREDIT_MAX_TOKEN_AGE_SECONDS=${config.maxTokenAgeSeconds})\n${usage}`,
  );
  process.exit(2);
}
const secret = await ensureJwtSecret(config);
console.log(
  await mintToken(secret, {
    role: values.role,
    org: values.org,
    subject: values.subject,
    ttl: values.ttl,
    sub: values.sub,
  }),
);
