// Author sanitising: strips byline lead-ins in many languages ("By", "Von", "Text:", "Par",
// "Por", "Di", "Door"…), splits lists, cuts trailing roles and outlets, and rejects what is not a
// person's name (relative times, "Staff", "Redaktion", the site's own name, URLs, dates, sentences).
import { cleanMetaText } from '../text/normalize.ts';

const NOT_A_NAME =
  /(?<!\p{L})(?:ago|hours?|minutes?|seconds?|days?|staff|admin|administrator|editor(?:ial)?s?|desk|team|newsroom|contributors?|correspondents?|writer|updated|published|posted|am|pm|gmt|utc|edt|est|share|facebook|twitter|instagram|email|subscribe|follow|folgt?|read|more|copyright|getty|images?|photos?|monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|redaktion|rédaction|redacción|redazione|redactie|redakcja|unknown|anonym(?:ous)?|no author|guest|gast|webmaster|support|über|about|datum|quelle|autor|author|gesponserte?|auteur|autore|autora|verlag|gmbh|abo|login|anmelden|kommentare?|comments?|commentaires?|comentarios?|commenti|reacties)(?!\p{L})/iu;
const SEPARATORS = /\s*(?:[,;&|/]|(?<!\p{L})(?:and|und|et|y|e|en|with)(?!\p{L}))\s*/iu;
/** Lead-ins of a byline in the languages the cleaner reads (label, then "by"). */
export const BYLINE_LEAD =
  /^(?:(?:written|posted|reported|words|story|published|veröffentlicht|eingestellt|geschrieben|verfasst|ein beitrag|ein artikel|artikel|publié|écrit|publicado|escrito|pubblicato|scritto|geplaatst|geschreven|opublikowane|napisane)\s+)?(?:by|von|vom|par|por|di|door|przez|af|av)\s*:?\s+|^(?:text|texte|autor(?:in)?|author|verfasser(?:in)?|interview|auteur|autore|autora|tekst|door|von|by|redaktion)\s*:\s*|^(?:autoren|authors|auteurs|autori|autores)\s+(?=\p{Lu})/iu;
/** A trailing role or outlet after the name: "Jane Doe Chefredakteur", "Jane Doe, example.com". */
const TRAILING_ROLE =
  /\s+(?:(?:chef)?redakteur(?:in)?|editor(?:-in-chief)?|reporter(?:in)?|journalist(?:in)?|korrespondent(?:in)?|correspondent|columnist|kolumnist(?:in)?|autor(?:in)?|experte?|expertin|\S+\.(?:com|de|net|org|at|ch|fr|es|it|nl|pl|info)(?!\p{L})|https?(?!\p{L})).*$/iu;

/** A role before the name: "FOCUS-Online-Experte Robin Tschöpe", "Redakteurin Jane Doe". */
const LEADING_ROLE =
  /^\S*(?:experte|expertin|redakteur(?:in)?|korrespondent(?:in)?|reporter(?:in)?|kolumnist(?:in)?|autor(?:in)?)\s+(?=\p{Lu})/iu;

export interface NameContext {
  /** Site name and host: an outlet named as author is not a person. */
  site?: string | undefined;
  host?: string | undefined;
  /** Structured sources may give handles ("jesusfreak"); running text must give capitalised names. */
  allowHandles?: boolean;
}

export function cleanAuthors(raw: string[], ctx: NameContext = {}): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const outlets = outletKeys(ctx);
  for (const entry of raw) {
    // "Jobs & Hire": the outlet's name is checked whole before it is split into "names".
    if (outlets.has(compact(stripLead(cleanMetaText(entry))))) continue;
    for (const part of splitNames(entry)) {
      const key = part.toLowerCase();
      if (isPlausibleName(part, ctx.allowHandles) && !seen.has(key) && !outlets.has(compact(part))) {
        seen.add(key);
        out.push(part);
      }
    }
  }
  return out.slice(0, 10);
}

function splitNames(entry: string): string[] {
  const text = stripLead(cleanMetaText(entry)).replace(/\s*\(.*$/u, '');
  // "Jane Doe. Agency Name": a full stop after a whole word (not an initial) ends the name.
  return text
    .split(/(?<=\p{L}{2})\.\s+/u)
    .flatMap((t) => t.split(SEPARATORS))
    .map((s) =>
      stripLead(s)
        .replace(LEADING_ROLE, '')
        .replace(TRAILING_ROLE, '')
        .replace(/^['"‘“]+|['"’”]+$/gu, '')
        .replace(/\s+[-–—|]+$/u, '')
        .replace(/(?<!(?:^|\s)\p{Lu})[.,:;\s]+$/u, '')
        .trim(),
    );
}

/**
 * A date line the byline shares: "Posted on September 21, 2020 by X", "05.02.2020 - Redaktion: X".
 * Dropped (with a leading "posted on") so the lead-in after it can be read.
 */
const LEADING_DATE = new RegExp(
  String.raw`^(?:(?:posted|published|veröffentlicht|publié|publicado|pubblicato|geplaatst)\s+(?:on|am|le|el|il|op)?\s*)?` +
    String.raw`(?:\p{L}+\.?,?\s+)?(?:\d{1,2}[./]\s*\d{1,2}[./]\s*\d{2,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}|\d{4}-\d{2}-\d{2})` +
    String.raw`(?:,?\s*(?:-\s*)?\d{1,2}[:.]\d{2}(?:\s*(?:uhr|am|pm))?)?\s*[-|–—,/]?\s*`,
  'iu',
);
/** A date after the name in the same line: "Moritz Gathmann am 21. April 2020", "Jane Doe on 3 May 2021". */
const TRAILING_DATE = /\s+(?:am|on|le|el|il|op|den)\s+(?:\p{L}+,?\s+)?\d.*$/iu;

/** The byline with leading punctuation ("| By", "---- by") and a leading date line removed. */
export function bylineText(text: string): string {
  return text
    .replace(/^[\s\p{P}\p{S}]+/u, '')
    .replace(LEADING_DATE, '')
    .replace(/^[\s\p{P}\p{S}]+/u, '');
}

const DATE_PART =
  /^(?:\d{1,2}[./]\s*\d{1,2}[./]\s*\d{2,4}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}[:.]\d{2}(?:\s*(?:uhr|h|am|pm))?)\s*/iu;

/**
 * The name in a date line without a lead-in word: "04.02.2022 | 13:10 Uhr | Uta Helkenberg",
 * "25.10.2022 - Reiner Nagel". At least two words, no digits, after a date and a separator.
 */
export function nameAfterDate(text: string): string | undefined {
  let rest = text.trim();
  let dated = false;
  for (let m = DATE_PART.exec(rest); m; m = DATE_PART.exec(rest)) {
    rest = rest.slice(m[0].length).replace(/^[|–—\-/,]\s*/u, '');
    dated = true;
  }
  if (!dated || rest.length > 40 || /\d/.test(rest) || rest.split(/\s+/).length < 2) return undefined;
  return text
    .trim()
    .slice(0, text.trim().length - rest.length)
    .match(/[|–—\-/,]\s*$/u)
    ? rest
    : undefined;
}

function stripLead(text: string): string {
  return bylineText(text).replace(BYLINE_LEAD, '').replace(TRAILING_DATE, '').trim();
}

export function isPlausibleName(name: string, allowHandles = false): boolean {
  if (name.length < 2 || name.length > 60) return false;
  if (/https?:|www\.|@|\d|[<>{}[\]=()]/.test(name) && !(allowHandles && /^[\p{L}\d._-]+$/u.test(name))) return false;
  if (NOT_A_NAME.test(name) || LEAD_WORD.test(name) || /:|^(?:https?|www)$|^www\.|\.[a-z]{2,4}$/i.test(name))
    return false;
  const words = name.split(/\s+/);
  if (words.length > 5 || !words.every((w) => /\p{L}/u.test(w))) return false;
  if (allowHandles) return /\p{L}{2}/u.test(name);
  // In running text a name is capitalised word by word, bar particles ("von", "de la", "van der").
  return name.length >= 3 && words.every((w) => /^\p{Lu}/u.test(w) || PARTICLE.test(w));
}

const LEAD_WORD = /(?:^|\s)(?:von|vom|by|par|por|di|door|przez)$/iu;
const PARTICLE = /^(?:von|van|vom|zu|der|den|de|del|della|da|das|do|dos|du|la|le|di|ter|ten|bin|al|el|y|e)$/u;

function outletKeys(ctx: NameContext): Set<string> {
  const keys = new Set<string>();
  if (ctx.site) keys.add(compact(ctx.site));
  const host = ctx.host?.replace(/^www\./, '');
  if (host) {
    keys.add(compact(host));
    const labels = host.split('.');
    keys.add(compact(labels.slice(0, -1).join('')));
    if (labels.length > 2) keys.add(compact(labels.slice(1).join('')));
    for (const label of labels.slice(0, -1)) if (label.length > 3) keys.add(compact(label));
  }
  keys.delete('');
  return keys;
}

function compact(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFD')
    .replace(/[^\p{L}\p{N}]/gu, '');
}
