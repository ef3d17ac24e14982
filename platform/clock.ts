/**
 * The service's one clock: every date rule (expiry, deadlines, repair periods, working days, consent
 * validity) and every audit timestamp read "now" from here, never from `new Date()`. Security clocks that
 * must agree with the outside world (bearer-token and signature expiry, rate-limit windows) stay on the
 * machine's clock.
 */
export type Clock = Readonly<{
  now(): Date;
  /** Where "now" comes from, for the start-up log: the machine's clock or `CREDIT_NOW`. */
  describe(): string;
}>;

export const systemClock: Clock = Object.freeze({
  now: () => new Date(),
  describe: () => "the machine's clock",
});

/**
 * `CREDIT_NOW` (development and tests): reads `start` when the process starts and runs on from there at
 * the machine's pace, so that events stay in order and time windows still move.
 */
export function clockStartingAt(start: Date): Clock {
  const offset = start.getTime() - Date.now();
  return Object.freeze({
    now: () => new Date(Date.now() + offset),
    describe: () => `CREDIT_NOW=${start.toISOString()} (running on from there)`,
  });
}
