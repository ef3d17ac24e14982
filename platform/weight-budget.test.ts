import { describe, expect, it } from "vitest";
import { WeightBudget } from "./weight-budget";

const MINUTE = 60_000;

describe("WeightBudget: heavy work per caller and hour", () => {
  it("grants while the bucket holds the weight, then says how long until it would", () => {
    const budget = new WeightBudget(600);
    expect(budget.take("a", 250, 0)).toBe(0);
    expect(budget.take("a", 250, 0)).toBe(0);
    // 100 left, 250 asked: 150 more units, at 10 a minute, in 15 minutes.
    expect(budget.take("a", 250, 0)).toBe(15 * 60);
    expect(budget.take("a", 250, 15 * MINUTE)).toBe(0);
    expect(budget.take("b", 250, 0)).toBe(0);
  });

  it("lets a full bucket pay for a job heavier than the hour's budget once, then owes it", () => {
    const budget = new WeightBudget(600);
    expect(budget.take("a", 1_200, 0)).toBe(0);
    expect(budget.take("a", 10, 30 * MINUTE)).toBeGreaterThan(0);
  });

  it("refuses before weighing a caller that cannot pay for a job as heavy as its last", () => {
    const budget = new WeightBudget(600);
    expect(budget.secondsUntilLast("a", 0)).toEqual({ seconds: 0, weight: 0 });
    budget.take("a", 400, 0);
    expect(budget.secondsUntilLast("a", 0)).toEqual({ seconds: 20 * 60, weight: 400 });
    expect(budget.secondsUntilLast("a", 20 * MINUTE).seconds).toBe(0);
    budget.take("b", 100, 0);
    expect(budget.secondsUntilLast("b", 0).seconds).toBe(0);
  });
});
