// Date parsing and sanity checks. Everything leaves as ISO 8601 with a zone; a date without a
// zone is read as UTC. Dates in the future (after fetchedAt) or before the web existed are dropped.
const EARLIEST = Date.UTC(1995, 0, 1);
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ISO_RE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;
const TEXT_RE =
  /\b(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(?:(\d{1,2})(?:st|nd|rd|th)?,?\s+)?(\d{4})(?:\D{1,6}(\d{1,2}):(\d{2})\s*([ap]\.?m\.?)?)?/i;

export function parseDate(raw: string | undefined): Date | undefined {
  if (!raw) return undefined;
  const s = raw.trim().slice(0, 200);
  const d = parseIso(s) ?? parseCompact(s) ?? parseText(s) ?? parseEpoch(s);
  return d && !Number.isNaN(d.getTime()) ? d : undefined;
}

function parseIso(s: string): Date | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', zone] = m;
  const z = !zone ? 'Z' : zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${z}`);
}

function parseText(s: string): Date | undefined {
  const m = TEXT_RE.exec(s);
  if (!m) return undefined;
  const [, d1, mon, d2, y, h, mi, ampm] = m;
  const day = Number(d1 ?? d2 ?? 1);
  let hour = Number(h ?? 0);
  if (ampm && /p/i.test(ampm) && hour < 12) hour += 12;
  if (ampm && /a/i.test(ampm) && hour === 12) hour = 0;
  const month = MONTHS.indexOf(mon!.slice(0, 3).toLowerCase());
  return new Date(Date.UTC(Number(y), month, day, hour, Number(mi ?? 0)));
}

function parseCompact(s: string): Date | undefined {
  const m = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(s);
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}

function parseEpoch(s: string): Date | undefined {
  if (!/^\d{10}(\d{3})?$/.test(s)) return undefined;
  return new Date(s.length === 10 ? Number(s) * 1000 : Number(s));
}

/** Dates from URL paths like /2019/11/19/ or /2019-11-19-. */
export function dateFromUrl(url: string): Date | undefined {
  const m = /[/_-]((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url);
  if (!m) return undefined;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

export function isPlausibleDate(d: Date, fetchedAt: Date): boolean {
  const t = d.getTime();
  // A day of slack for time zones: pages state local dates that can be ahead of UTC.
  return t >= EARLIEST && t <= fetchedAt.getTime() + 24 * 3600 * 1000;
}

export function toIso(d: Date): string {
  return d.toISOString();
}
