/** The q-quantile (0..1) of `values` by nearest rank; NaN when empty. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Least-squares slope of y over x (units of y per unit of x); 0 with fewer than two points. */
export function slope(points: ReadonlyArray<readonly [number, number]>): number {
  if (points.length < 2) return 0;
  const n = points.length;
  const mx = points.reduce((sum, [x]) => sum + x, 0) / n;
  const my = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const sxy = points.reduce((sum, [x, y]) => sum + (x - mx) * (y - my), 0);
  const sxx = points.reduce((sum, [x]) => sum + (x - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/**
 * Steady-state rate from a progress series [ms, done]: the slope between the moments 10% and 90%
 * of `total` were done, so start-up and the drain of the last stragglers do not count.
 */
export function steadyRate(series: ReadonlyArray<readonly [number, number]>, total: number): number {
  const at = (share: number): readonly [number, number] | undefined => series.find(([, done]) => done >= share * total);
  const start = at(0.1);
  const end = at(0.9);
  if (!start || !end || end[0] <= start[0]) {
    const last = series.at(-1);
    const first = series[0];
    return last && first && last[0] > first[0] ? ((last[1] - first[1]) * 1000) / (last[0] - first[0]) : Number.NaN;
  }
  return ((end[1] - start[1]) * 1000) / (end[0] - start[0]);
}
