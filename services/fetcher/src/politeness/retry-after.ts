/**
 * Milliseconds to wait from a Retry-After header (RFC 9110 §10.2.3): delta-seconds or an
 * HTTP-date. Unparseable values give undefined; dates in the past give 0; the result is capped.
 */
export function parseRetryAfter(value: string | undefined, now: number, capMs: number): number | undefined {
  if (value === undefined) return undefined;
  const trimmed = value.trim();
  let waitMs: number;
  if (/^\d+$/.test(trimmed)) waitMs = Number(trimmed) * 1000;
  else {
    if (!/[a-z]/i.test(trimmed)) return undefined;
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return undefined;
    waitMs = at - now;
  }
  return Math.min(Math.max(0, waitMs), capMs);
}
