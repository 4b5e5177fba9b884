import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  startTime: number;
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  file: string;
  /** ms sampled outside (idle) */
  busyMs: number;
  /** self time by where the code lives: a package, a repository folder, node:*, gc, native */
  byPlace: Array<{ place: string; ms: number }>;
  /** the hottest functions by self time */
  topFunctions: Array<{ fn: string; ms: number }>;
}

const REPO_ROOT = join(import.meta.dirname, '../../../..');

/** A span of CLOCK_MONOTONIC in µs: V8 stamps profiles with it, and so does process.hrtime in any process. */
export interface ProfileWindow {
  fromUs: number;
  toUs: number;
}

export function monotonicUs(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

/** Self time per profile node, from the samples taken inside `window` (start-up and shutdown left out). */
function selfTimes(profile: CpuProfile, window?: ProfileWindow): Map<number, number> {
  const self = new Map<number, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (window && (at < window.fromUs || at > window.toUs)) return;
    self.set(id, (self.get(id) ?? 0) + delta / 1000);
  });
  return self;
}

/** Where a frame's code lives: `pkg` for node_modules, `services/x` / `packages/x` for ours. */
export function placeOf(frame: ProfileNode['callFrame']): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return frame.url;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(frame.url);
  if (modules) return modules[1] as string;
  const path = relative(REPO_ROOT, frame.url.replace(/^file:\/\//, ''));
  return path.split('/').slice(0, 4).join('/');
}

export function summarizeProfile(file: string, window?: ProfileWindow, top = 12): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const self = selfTimes(profile, window);
  const byPlace = new Map<string, number>();
  const byFn = new Map<string, number>();
  let busyMs = 0;
  for (const node of profile.nodes) {
    const ms = self.get(node.id) ?? 0;
    if (ms === 0 || node.callFrame.functionName === '(idle)') continue;
    busyMs += ms;
    const place = placeOf(node.callFrame);
    byPlace.set(place, (byPlace.get(place) ?? 0) + ms);
    const fn = `${node.callFrame.functionName || '(anonymous)'} ${place}:${node.callFrame.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + ms);
  }
  const sorted = <K extends string>(map: Map<string, number>, key: K) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, ms]) => ({ [key]: name, ms }) as { [P in K]: string } & { ms: number });
  return { file, busyMs, byPlace: sorted(byPlace, 'place'), topFunctions: sorted(byFn, 'fn') };
}

/** The profiles Node wrote into `dir` (one per process, CPU.<date>.<pid>...cpuprofile). */
export function profilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((file) => file.endsWith('.cpuprofile'))
      .map((file) => join(dir, file));
  } catch {
    return [];
  }
}
