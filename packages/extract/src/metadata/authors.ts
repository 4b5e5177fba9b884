// Author sanitising: strips "By", splits lists, and rejects what is not a person's name
// (relative times, "Staff", URLs, e-mail addresses, dates, whole sentences).
import { cleanMetaText } from '../text/normalize.ts';

const NOT_A_NAME =
  /\b(?:ago|hours?|minutes?|seconds?|days?|staff|admin|administrator|editor(?:ial)?s?|desk|team|newsroom|contributors?|correspondents?|writer|updated|published|posted|am|pm|gmt|utc|edt|est|share|facebook|twitter|email|subscribe|follow|read|more|copyright|getty|images?|photos?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december)\b/i;
const SEPARATORS = /\s*(?:,|;|\band\b|&|\||\/|\bwith\b)\s*/i;

export function cleanAuthors(raw: string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const entry of raw) {
    for (const part of splitNames(entry)) {
      const key = part.toLowerCase();
      if (isPlausibleName(part) && !seen.has(key)) {
        seen.add(key);
        out.push(part);
      }
    }
  }
  return out.slice(0, 10);
}

function splitNames(entry: string): string[] {
  const text = cleanMetaText(entry).replace(/^(?:(?:written|posted|reported|words)\s+)?by\s*:?\s*/i, '');
  // "Jane Doe. Agency Name": a full stop after a whole word (not an initial) ends the name.
  return text
    .split(/(?<=\p{L}{2})\.\s+/u)
    .flatMap((t) => t.split(SEPARATORS))
    .map((s) =>
      s
        .replace(/^by\s+/i, '')
        .replace(/[.,:;\s]+$/, '')
        .trim(),
    );
}

export function isPlausibleName(name: string): boolean {
  if (name.length < 3 || name.length > 60) return false;
  if (/https?:|www\.|@|\d|[<>{}[\]=()]/.test(name)) return false;
  if (NOT_A_NAME.test(name)) return false;
  const words = name.split(/\s+/);
  return words.length <= 5 && /\p{Lu}/u.test(name) && words.every((w) => /\p{L}/u.test(w));
}
