import { clientErrorOf } from "../platform/errors";

/**
 * The contract's error code a call is refused with, as the one error boundary (platform/errors.ts) maps what it
 * throws — a role-table refusal is FORBIDDEN — or "OK" when it is not refused: for tests of a service's refusals
 * at its own height.
 */
export async function refusalOf(call: () => unknown): Promise<string> {
  try {
    await call();
  } catch (error) {
    return clientErrorOf(error, () => {}).extensions.code;
  }
  return "OK";
}
