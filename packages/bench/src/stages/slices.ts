/** The URLs each measured phase gets (see PipelineBenchOptions.slice). */
export interface PhaseSlices {
  /** stages alone, the 1-process pipeline and Crawlee: the same inputs */
  a: readonly string[];
  /** the 2-process pipeline */
  b: readonly string[];
  /** the open-loop latency run */
  rest: readonly string[];
}

/**
 * Disjoint slices of `size` URLs in corpus order (the corpus is shuffled, so every slice has the
 * same mix of hosts, real pages and syndicated copies); size 0, or a corpus too small for two
 * slices and some rest, gives every phase all URLs.
 */
export function phaseSlices(urls: readonly string[], size: number): PhaseSlices {
  if (size <= 0 || size * 2 >= urls.length) return { a: urls, b: urls, rest: urls };
  return { a: urls.slice(0, size), b: urls.slice(size, 2 * size), rest: urls.slice(2 * size) };
}
