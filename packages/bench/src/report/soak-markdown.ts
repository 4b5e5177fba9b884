import type { SoakReport } from './report-types.ts';

/** Memory is called flat when no series grows faster than this (MiB per hour, over the soak's last half). */
export const FLAT_MIB_PER_HOUR = 20;

function verdict(slope: number): string {
  if (slope > FLAT_MIB_PER_HOUR) return 'GROWING';
  return slope < -FLAT_MIB_PER_HOUR ? 'shrinking' : 'flat';
}

export function renderSoakMarkdown(report: SoakReport, command: string): string {
  const { soak } = report;
  const rows = Object.entries(soak.slopeMiBPerHour).map(([name, slope]) => {
    const last = soak.samples.at(-1)?.series[name] ?? 0;
    const lastHalf = soak.lastHalfSlopeMiBPerHour[name] ?? slope;
    return `| ${name} | ${(last / 2 ** 20).toFixed(0)} MiB | ${slope.toFixed(1)} | ${lastHalf.toFixed(1)} | ${verdict(lastHalf)} |`;
  });
  const { latency, accounting } = soak.run;
  return `# Soak

Printed by \`${command}\`, from ${report.startedAt}: ${soak.ratePerSecond} URLs/s for ${soak.minutes} min (open loop, 1 process per stage), memory sampled every 10 s (${soak.samples.length} samples); slopes are least squares after the first minute and over the last half. Flat means |last-half slope| ≤ ${FLAT_MIB_PER_HOUR} MiB/h. Redis is expected to grow by design while completed jobs are kept for the one-day re-crawl window (up to 200,000 per queue) and the cluster store fills its retention window; a soak shorter than that shows this growth, not a leak.

| series | last | slope MiB/h after 1 min | slope MiB/h last half | verdict |
|---|---|---|---|---|
${rows.join('\n')}

Latency over the soak: p50 ${latency.p50.toFixed(0)} ms, p95 ${latency.p95.toFixed(0)} ms, p99 ${latency.p99.toFixed(0)} ms; submitted ${accounting.submitted}, indexed ${accounting.indexed}, unaccounted ${accounting.unaccounted}.

![memory during the soak](soak-memory.svg)
`;
}
