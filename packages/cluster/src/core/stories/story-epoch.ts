// The story window as epochs: time cut into spans of one window. An article counts into, is filed
// under and is stored in the epoch of its time, and looks up candidates and frequencies in that
// epoch and the one before, which together cover at least one window back. A store keeps only the
// newest epoch and the one before it, so dropping the state that fell out of the window is dropping
// whole epochs (in Redis: unlinking a few keys), whatever the corpus size.
import type { FrequencySnapshot } from './frequencies.ts';

/** Articles without a time (the eval's dev set) all fall in epoch 0: one window. */
export function epochOf(time: number | null, windowMillis: number): number {
  return time === null ? 0 : Math.floor(time / windowMillis);
}

/**
 * The epoch an article is filed in, given the newest one a store has seen: a late article (older
 * than the oldest epoch kept) goes to the oldest kept one rather than into state already dropped.
 */
export function liveEpoch(epoch: number, newest: number | null): number {
  return newest === null ? epoch : Math.max(epoch, newest - 1);
}

/** Epochs an article in `epoch` reads from: its own and the one before. */
export function readEpochs(epoch: number): [number, number] {
  return [epoch - 1, epoch];
}

/** Frequencies over several epochs: their sum (IDF over the window, not the whole corpus). */
export function summedFrequencies(parts: readonly FrequencySnapshot[]): FrequencySnapshot {
  return {
    documents: parts.reduce((sum, p) => sum + p.documents, 0),
    count: (key) => parts.reduce((sum, p) => sum + p.count(key), 0),
  };
}
