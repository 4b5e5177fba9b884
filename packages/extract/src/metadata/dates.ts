// Date parsing and sanity checks. A date leaves as ISO 8601 with the offset the page stated, so
// its day stays the page's day ("2021-03-03T00:30:00+01:00" is not moved to March 2 in UTC); a
// date without a zone is read as UTC. Dates after fetchedAt or before the web existed are dropped.
import { dayIso, findTextDates } from './text-dates.ts';

const EARLIEST = Date.UTC(1995, 0, 1);
const ISO_RE = /^(\d{4})[-/](\d{2})[-/](\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?/i;
const CLOCK_RE = /(?<!\d)(\d{1,2})[:.](\d{2})(?![\d.])\s*([ap]\.?m\.?)?/i;

/** A parsed date: the instant, and its ISO form in the page's own offset. */
export interface StatedDate {
  at: Date;
  iso: string;
}

export function parseStatedDate(raw: string | undefined, monthFirst = true): StatedDate | undefined {
  if (!raw) return undefined;
  const s = raw.trim().slice(0, 200);
  const d = parseIso(s) ?? parseCompact(s) ?? parseEpoch(s) ?? parseText(s, monthFirst);
  return d && !Number.isNaN(d.at.getTime()) ? d : undefined;
}

/** The instant only (kept for callers that compare times). */
export function parseDate(raw: string | undefined): Date | undefined {
  return parseStatedDate(raw)?.at;
}

function parseIso(s: string): StatedDate | undefined {
  const m = ISO_RE.exec(s);
  if (!m) return undefined;
  const [, y, mo, d, h = '00', mi = '00', sec = '00', zone] = m;
  const z = !zone || zone.toUpperCase() === 'Z' ? 'Z' : zone.replace(/^([+-]\d{2}):?(\d{2})$/, '$1:$2');
  const local = `${y}-${mo}-${d}T${h}:${mi}:${sec}`;
  const at = new Date(local + z);
  return { at, iso: z === 'Z' || Number.isNaN(at.getTime()) ? utcIso(at) : local + z };
}

/** toISOString, or an unparsable marker that fails every later check instead of throwing. */
function utcIso(at: Date): string {
  return Number.isNaN(at.getTime()) ? 'invalid' : at.toISOString();
}

/** A written date ("Published November 19, 2019 3:05 pm", "3. März 2021, 14:20 Uhr"). */
function parseText(s: string, monthFirst: boolean): StatedDate | undefined {
  const found = findTextDates(s, monthFirst)[0];
  if (!found) return undefined;
  const clock = CLOCK_RE.exec(s.slice(found.index + 6));
  let [hour, minute] = clock ? [Number(clock[1]), Number(clock[2])] : [0, 0];
  if (clock?.[3] && /p/i.test(clock[3]) && hour < 12) hour += 12;
  if (clock?.[3] && /a/i.test(clock[3]) && hour === 12) hour = 0;
  if (hour > 23 || minute > 59) [hour, minute] = [0, 0];
  const at = new Date(`${dayIso(found)}T${pad(hour)}:${pad(minute)}:00Z`);
  return { at, iso: utcIso(at) };
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function parseCompact(s: string): StatedDate | undefined {
  const m = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(s);
  return m ? parseIso(`${m[1]}-${m[2]}-${m[3]}`) : undefined;
}

function parseEpoch(s: string): StatedDate | undefined {
  if (!/^\d{10}(\d{3})?$/.test(s)) return undefined;
  const at = new Date(s.length === 10 ? Number(s) * 1000 : Number(s));
  return { at, iso: at.toISOString() };
}

/** Dates from URL paths like /2019/11/19/ or /2019-11-19-, or day first as in /meldungen/29-10-2021. */
export function dateFromUrl(url: string): StatedDate | undefined {
  const m = /[/_-]((?:19|20)\d{2})[/_-](0?[1-9]|1[0-2])[/_-](0?[1-9]|[12]\d|3[01])(?:[/_.-]|$)/.exec(url);
  if (m) return parseIso(`${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`);
  const d = /[/_-]([12]\d|3[01]|0[1-9])[-_.](0[1-9]|1[0-2])[-_.]((?:19|20)\d{2})(?:[/_.?#-]|$)/.exec(url);
  return d ? parseIso(`${d[3]}-${d[2]}-${d[1]}`) : undefined;
}

export function isPlausibleDate(d: Date, fetchedAt: Date): boolean {
  const t = d.getTime();
  // A day of slack for time zones: pages state local dates that can be ahead of UTC.
  return t >= EARLIEST && t <= fetchedAt.getTime() + 24 * 3600 * 1000;
}
