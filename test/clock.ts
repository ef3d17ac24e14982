import type { Clock } from "../platform/clock";

/**
 * The service's clock in tests: pinned to an instant and running on from there at the machine's pace
 * (like `CREDIT_NOW`), and moved by the test with `set` to take the next step "on another day".
 */
export class TestClock implements Clock {
  private offset: number;

  constructor(start: Date | string = new Date()) {
    this.offset = new Date(start).getTime() - Date.now();
  }

  now(): Date {
    return new Date(Date.now() + this.offset);
  }

  describe(): string {
    return `a test clock at ${this.now().toISOString()}`;
  }

  /** From now on the clock reads `instant` (and runs on from there). */
  set(instant: Date | string): void {
    this.offset = new Date(instant).getTime() - Date.now();
  }
}
