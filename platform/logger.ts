import { pino, type Logger } from "pino";
import type { Config } from "./config";

export type { Logger };

/**
 * One structured logger per process, writing to stderr so that commands keep stdout for their output
 * (tokens, exports); secrets and bearer tokens are redacted wherever they appear.
 */
export function createLogger(config: Pick<Config, "logLevel">, name = "credit-federation"): Logger {
  return pino(
    {
      name,
      level: config.logLevel,
      redact: ["req.headers.authorization", "headers.authorization", "*.jwtSecret", "jwtSecret"],
    },
    pino.destination(2),
  );
}
