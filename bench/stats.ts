export type Summary = Readonly<{
  samples: number;
  p50: number;
  p95: number;
  mean: number;
  min: number;
  max: number;
  throughput: number;
}>;

/** Nearest-rank percentile of an ascending series; NaN for an empty one. */
export function percentile(sorted: readonly number[], fraction: number): number {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1));
  return sorted[index] ?? Number.NaN;
}

/** Latency figures in milliseconds and sequential throughput (requests per second) of one series. */
export function summarize(milliseconds: readonly number[]): Summary {
  const sorted = [...milliseconds].sort((a, b) => a - b);
  const mean = sorted.reduce((sum, value) => sum + value, 0) / sorted.length;
  return {
    samples: sorted.length,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    mean,
    min: sorted[0]!,
    max: sorted.at(-1)!,
    throughput: 1000 / mean,
  };
}

export const format = (value: number, digits = 1) => value.toFixed(digits);
