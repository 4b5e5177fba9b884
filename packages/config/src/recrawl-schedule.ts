// RECRAWL_SCHEDULE: when an indexed article is fetched again, as offsets from its first fetch.

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const OFFSET = /^(\d+(?:\.\d+)?)(s|m|h|d)$/;
const OFF = new Set(['', 'off', 'none', 'never']);

/**
 * `1h,6h,24h,72h` → offsets in ms after the first fetch, strictly ascending; `off` (or empty) → none,
 * which disables re-crawling. Throws a sentence naming the bad entry.
 */
export function parseRecrawlSchedule(value: string): number[] {
  const text = value.trim().toLowerCase();
  if (OFF.has(text)) return [];
  const offsets = text.split(',').map((entry) => offsetMs(entry.trim()));
  for (let i = 1; i < offsets.length; i++)
    if (offsets[i]! <= offsets[i - 1]!) throw new Error(`offsets must ascend: ${value}`);
  return offsets;
}

function offsetMs(entry: string): number {
  const match = OFFSET.exec(entry);
  if (!match) throw new Error(`"${entry}" is not an offset like 90s, 15m, 1h or 3d`);
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  if (ms <= 0) throw new Error(`"${entry}" is not after the first fetch`);
  return ms;
}

/** Whether the text parses: the schema's check, so a bad schedule stops the process at start. */
export function isRecrawlSchedule(value: string): boolean {
  try {
    parseRecrawlSchedule(value);
    return true;
  } catch {
    return false;
  }
}
