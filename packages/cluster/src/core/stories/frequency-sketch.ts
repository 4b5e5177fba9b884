// Document frequencies as a count-min sketch: DEPTH rows of WIDTH 16-bit counters; a key adds one
// to one counter per row (chosen by a hash with the row's seed) and its count is the smallest of
// them. In Redis a row set is one string, so an article's ~600-1,200 increments are one BITFIELD
// call (per 1,000 keys) instead of one HINCRBY each, and its reads one BITFIELD_RO per epoch. The
// memory store keeps the same sketch, so both return the same counts and the eval measures it.
// A count can only be overestimated, by collisions. One row of 8 Mi counters, not two of 4 Mi:
// the same 16 MB, half the counters touched per article (the story step's Redis CPU fell 36%,
// 3.3 -> 2.1 ms an article), while a key shares its counter with another about n / 8 Mi of the
// time (n distinct keys in the window: 2.5% at 200k) instead of (n / 4 Mi)^2; the key it shares
// with is almost always a rare one, so a count is raised by one or two, which moves a rare key's
// IDF by at most ~0.5 of its ~9. The eval's story figures are the same with either.
import type { FrequencySnapshot } from './frequencies.ts';

export const SKETCH_DEPTH = 1;
/** Counters per row (a power of two): 8 Mi × 1 row × 2 bytes = 16 MB per epoch. */
export const SKETCH_WIDTH = 1 << 23;
/** Counters saturate here (a window would need more than 65,535 articles holding one key). */
export const SKETCH_MAX = 0xffff;
const SEEDS = [0x811c9dc5, 0x9747b28c];

/** FNV-1a over UTF-16 code units with a seed: fast, and the same in every process. */
function hash(key: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h ^ (h >>> 15)) >>> 0;
}

/** The counter indices of a key, one per row, as offsets into the whole sketch (row-major). */
export function sketchCells(key: string): number[] {
  return Array.from(cellsInto(key, new Uint32Array(SKETCH_DEPTH)));
}

/**
 * Every key's cells in one array (key i's rows at i * SKETCH_DEPTH...), as the little-endian
 * uint32 bytes a Redis script unpacks: one argument instead of one (or three) per cell.
 */
export function packedSketchCells(keys: readonly string[]): Buffer {
  const packed = Buffer.allocUnsafe(keys.length * SKETCH_DEPTH * 4);
  const cells = new Uint32Array(SKETCH_DEPTH);
  keys.forEach((key, i) => {
    cellsInto(key, cells);
    for (let row = 0; row < SKETCH_DEPTH; row++) packed.writeUInt32LE(cells[row]!, (i * SKETCH_DEPTH + row) * 4);
  });
  return packed;
}

/** Key i's count from counters read positionally for packedSketchCells(keys): the smallest of its rows. */
export function packedCount(counters: readonly number[], i: number): number {
  let min = SKETCH_MAX;
  for (let row = 0; row < SKETCH_DEPTH; row++) min = Math.min(min, counters[i * SKETCH_DEPTH + row] ?? 0);
  return min;
}

/** A key's count from its cells' counters (`read(cell)`): the smallest one. */
export function sketchCount(key: string, read: (cell: number) => number): number {
  return Math.min(...sketchCells(key).map(read));
}

/** One key's cells written into `into` (reused across keys: the hot paths allocate nothing). */
function cellsInto(key: string, into: Uint32Array): Uint32Array {
  for (let row = 0; row < SKETCH_DEPTH; row++)
    into[row] = row * SKETCH_WIDTH + (hash(key, SEEDS[row]!) & (SKETCH_WIDTH - 1));
  return into;
}

function smallest(counters: Uint16Array, cells: Uint32Array): number {
  let min = SKETCH_MAX;
  for (let row = 0; row < SKETCH_DEPTH; row++) min = Math.min(min, counters[cells[row]!]!);
  return min;
}

/** The sketch in process memory (the memory store's table for one epoch). */
export class FrequencySketch implements FrequencySnapshot {
  documents = 0;
  readonly counters = new Uint16Array(SKETCH_DEPTH * SKETCH_WIDTH);
  private readonly cells = new Uint32Array(SKETCH_DEPTH);

  count(key: string): number {
    return smallest(this.counters, cellsInto(key, this.cells));
  }

  add(keys: readonly string[]): void {
    this.documents++;
    for (const key of keys) {
      cellsInto(key, this.cells);
      for (let row = 0; row < SKETCH_DEPTH; row++) {
        const cell = this.cells[row]!;
        if (this.counters[cell]! < SKETCH_MAX) this.counters[cell]!++;
      }
    }
  }
}

/** Several epochs' sketches read as one (their sum), hashing each key once for all of them. */
export function summedSketches(parts: readonly FrequencySketch[]): FrequencySnapshot {
  const cells = new Uint32Array(SKETCH_DEPTH);
  const counters = parts.map((p) => p.counters);
  return {
    documents: parts.reduce((sum, p) => sum + p.documents, 0),
    count(key) {
      cellsInto(key, cells);
      let sum = 0;
      for (const c of counters) sum += smallest(c, cells);
      return sum;
    },
  };
}
