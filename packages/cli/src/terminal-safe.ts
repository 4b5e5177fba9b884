/*
 * Everything the CLI prints from server data (titles, URLs, error messages) passes through here:
 * a page title is attacker-written, and a terminal obeys control characters in it (ESC sequences
 * set the window title, colours, OSC 8 fake hyperlinks, clear the screen; C1 CSI does the same on
 * some terminals; bidi overrides make text read differently from what it is).
 */

/**
 * C0 controls (tab and newline too: they would fake table rows), DEL, C1, bidi and invisible marks,
 * interlinear annotations and Unicode tag characters (invisible text a terminal shows as nothing:
 * "ASCII smuggling"; found by the hostile catalogue).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\u{e0000}-\u{e007f}]/gu;

const visibleEscape = (char: string): string => {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x100) return `\\x${code.toString(16).padStart(2, '0')}`;
  return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** The text with every unsafe character shown as a visible escape (`\x1b`, `\u202e`), never obeyed. */
export function escapeForTerminal(text: string): string {
  return text.replace(UNSAFE, visibleEscape);
}

/** A copy of a parsed JSON value with every string (keys too) made safe for the terminal. */
export function terminalSafe<T>(value: T): T {
  if (typeof value === 'string') return escapeForTerminal(value) as T;
  if (Array.isArray(value)) return value.map(terminalSafe) as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [escapeForTerminal(key), terminalSafe(item)]),
    ) as T;
  return value;
}

const JSON_UNSAFE =
  /[\u007f-\u009f\u061c\u200b-\u200f\u2028\u2029\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]|\udb40[\udc00-\udc7f]/g;

/**
 * JSON for a terminal or a pipe: JSON.stringify already writes C0 controls as \u escapes; DEL, C1
 * and bidi characters get the same treatment, which is lossless (a JSON parser reads them back).
 */
export function jsonForTerminal(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    JSON_UNSAFE,
    // A tag character is a surrogate pair: each half written as its own escape, as JSON spells it.
    (chars) =>
      [...Array(chars.length).keys()].map((i) => `\\u${chars.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''),
  );
}
