// The sustainable rate, closed-loop at saturation. A batch submitted at once (the first version)
// overstated it about 2.5×: the fetchers finished the batch first and the cleaners then had both
// cores to themselves, while under overload every stage runs at once. Here a window of URLs stays
// in flight (topped up every poll) for the whole calibration, so every stage competes as it will
// under load, and the rate is what ended over the second half, once queues and caches are warm.
import { setTimeout as sleep } from 'node:timers/promises';

export interface Progress {
  /** documents ended (indexed, failed or skipped) of those submitted so far */
  ended: number;
  pending: number;
}

export interface SaturationLoop {
  /** submits the next `count` URLs */
  submit(count: number): Promise<void>;
  read(): Promise<Progress>;
}

const POLL_MS = 2_000;

/** URLs the calibration may need: the window topped up at a rate no run here reaches (150/s). */
export function calibrationCorpusSize(options: { calibrationS: number; calibrationWindow: number }): number {
  return options.calibrationWindow + Math.ceil(options.calibrationS * 150);
}

/** Documents ended per second over the second half of `durationMs`, `window` kept in flight throughout. */
export async function saturatedRate(
  durationMs: number,
  window: number,
  loop: SaturationLoop,
  pollMs = POLL_MS,
): Promise<number> {
  const started = Date.now();
  let half: { at: number; ended: number } | undefined;
  let last = { at: started, ended: 0 };
  while (Date.now() - started < durationMs) {
    const progress = await loop.read();
    last = { at: Date.now(), ended: progress.ended };
    if (!half && last.at - started >= durationMs / 2) half = last;
    if (progress.pending < window) await loop.submit(window - progress.pending);
    await sleep(pollMs);
  }
  if (!half || last.at <= half.at) throw new Error(`calibration too short to measure: ${durationMs} ms`);
  return (last.ended - half.ended) / ((last.at - half.at) / 1_000);
}
