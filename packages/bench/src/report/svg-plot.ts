import { escapeUTF8 as e } from 'entities';
import type { MemorySample } from '../stages/soak.ts';

const COLORS = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22'];
const W = 760;
const H = 360;
const PAD = { left: 60, right: 200, top: 20, bottom: 40 };

/** A line chart of memory (MiB) over time (minutes), one line per series, as a standalone SVG. */
export function memoryPlot(samples: readonly MemorySample[], title: string): string {
  const names = Object.keys(samples[0]?.series ?? {});
  const maxT = Math.max(1, ...samples.map((s) => s.t));
  const maxY = Math.max(1, ...samples.flatMap((s) => Object.values(s.series))) / 2 ** 20;
  const x = (t: number): number => PAD.left + (t / maxT) * (W - PAD.left - PAD.right);
  const y = (bytes: number): number => H - PAD.bottom - (bytes / 2 ** 20 / maxY) * (H - PAD.top - PAD.bottom);
  const lines = names.map((name, i) => {
    const points = samples.map((s) => `${x(s.t).toFixed(1)},${y(s.series[name] ?? 0).toFixed(1)}`).join(' ');
    const color = COLORS[i % COLORS.length] ?? '#000';
    const legend = `<text x="${W - PAD.right + 10}" y="${PAD.top + 14 * (i + 1)}" fill="${color}" font-size="11">${e(name)}</text>`;
    return `<polyline fill="none" stroke="${color}" stroke-width="1.5" points="${points}"/>${legend}`;
  });
  const axes = `<line x1="${PAD.left}" y1="${H - PAD.bottom}" x2="${W - PAD.right}" y2="${H - PAD.bottom}" stroke="#333"/><line x1="${PAD.left}" y1="${PAD.top}" x2="${PAD.left}" y2="${H - PAD.bottom}" stroke="#333"/>`;
  const labels = `<text x="${PAD.left}" y="${H - 10}" font-size="11">0</text><text x="${W - PAD.right - 40}" y="${H - 10}" font-size="11">${(maxT / 60).toFixed(1)} min</text><text x="4" y="${PAD.top + 10}" font-size="11">${maxY.toFixed(0)} MiB</text><text x="4" y="${H - PAD.bottom}" font-size="11">0</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif"><text x="${PAD.left}" y="14" font-size="13">${e(title)}</text>${axes}${labels}${lines.join('')}</svg>\n`;
}
