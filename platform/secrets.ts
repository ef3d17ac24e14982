import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Config } from "./config";

const IN_MEMORY = "memory://";

/**
 * Returns the bearer-token secret: the configured one, or in development one generated on first start
 * into `<dataDir>/jwt-secret` (mode 0600) and reused afterwards. With `memory://` the secret lives only
 * as long as the process. Production never gets here without `CREDIT_JWT_SECRET` (see `loadConfig`).
 */
export async function ensureJwtSecret(config: Config): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  if (config.dataDir.startsWith(IN_MEMORY)) return randomBytes(48).toString("base64url");
  const file = join(config.dataDir, "jwt-secret");
  try {
    const stored = (await readFile(file, "utf8")).trim();
    if (stored.length >= 32) return stored;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  await mkdir(config.dataDir, { recursive: true });
  const generated = randomBytes(48).toString("base64url");
  await writeFile(file, `${generated}\n`, { mode: 0o600, flag: "w" });
  return generated;
}
