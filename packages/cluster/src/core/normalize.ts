// Text normalisation: everything that differs between two outlets' copies of one wire story but
// says nothing about the story itself (typography, case, agency credits, copyright lines, page
// headers) is removed here, so shingles compare only the reported text.

/** Lines that outlets add or drop around a wire story. Matched against the lower-cased line. */
const BOILERPLATE_LINES: RegExp[] = [
  /^some (information|material|details) (for|in) this (report|story|article)\b/,
  /^\(?\s*(additional )?(reporting|writing|editing|compiled|compiling) by\b.*\)?$/,
  /^\(?\s*(reuters|ap|afp|associated press|bloomberg)\s*\)?$/,
  /\ball rights reserved\b/,
  /^(copyright|\(c\)|©)\b/,
  /\bmay not be (published|reproduced|redistributed)\b/,
  /^(read more|related|see also|advertisement|accessibility links|breaking news|share this( article)?|click here\b.*)\s*:?$/,
  /^(https?:\/\/|www\.)\S*$/,
  /^[\d\s./:,-]+$/,
];

const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u2035`\u00b4]/g;
const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u2036\u00ab\u00bb]/g;
const DASHES = /[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]/g;
const TOKEN = /[\p{L}\p{N}]+/gu;

const NON_ASCII = /[^\t\n\r\x20-\x7e]/;

/** Case, Unicode compatibility forms, quotes, dashes and whitespace folded to one spelling. */
export function normalizeLine(line: string): string {
  // Most lines are plain ASCII: skip the Unicode passes for them (tokenising is the hot path).
  if (!NON_ASCII.test(line)) return line.toLowerCase().replace(/\s+/g, ' ').trim();
  return line
    .normalize('NFKC')
    .toLowerCase()
    .replace(SINGLE_QUOTES, "'")
    .replace(DOUBLE_QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Boilerplate lines are short; a long line is a paragraph of the story, not worth 9 regexes. */
const MAX_BOILERPLATE_CHARS = 400;

export function isBoilerplate(normalizedLine: string): boolean {
  return (
    normalizedLine.length <= MAX_BOILERPLATE_CHARS && BOILERPLATE_LINES.some((pattern) => pattern.test(normalizedLine))
  );
}

export function tokenize(normalized: string): string[] {
  return normalized.match(TOKEN) ?? [];
}

/**
 * The body's word tokens after dropping boilerplate lines and lines that merely repeat the
 * headline (some copies carry a "title / date / URL" header above the body). The title itself is
 * not shingled: copies routinely get another headline. It is used only when the body is too
 * short to say anything on its own.
 */
export function contentTokens(title: string, body: string, minBodyTokens = 20): string[] {
  const normalizedTitle = normalizeLine(title);
  const tokens: string[] = [];
  for (const raw of body.split(/\r\n|\r|\n/)) {
    const line = normalizeLine(raw);
    if (line === '' || line === normalizedTitle || isBoilerplate(line)) continue;
    for (const token of tokenize(line)) tokens.push(token);
  }
  if (tokens.length >= minBodyTokens) return tokens;
  return [...tokenize(normalizedTitle), ...tokens];
}
