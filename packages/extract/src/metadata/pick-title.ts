// Title: the page's own headline (JSON-LD, og:title, <h1>) is preferred to <title>, which usually
// carries a " | Site Name" suffix. A feed hint is used only when the page offers nothing better.
import type { MetadataSource } from '@newsflow/contracts';
import type { Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { textOf } from '../dom/walk.ts';
import { cleanMetaText, matchKey } from '../text/normalize.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';
import { ldString, type LdObject } from './json-ld.ts';

export interface Titled {
  title: string;
  source: MetadataSource | undefined;
}

export function pickTitle(index: PageIndex, tags: HeadTags, article: LdObject | undefined, hint?: string): Titled {
  const h1 = firstHeading(index);
  const candidates: Array<[string | undefined, MetadataSource]> = [
    [ldString(article?.headline), 'json-ld'],
    [firstMeta(tags, 'og:title', 'twitter:title'), 'opengraph'],
    [h1, 'heading'],
    [stripSiteName(tags.titleText, firstMeta(tags, 'og:site_name')), 'title-element'],
    [hint, 'hint'],
  ];
  const site = matchKey(firstMeta(tags, 'og:site_name') ?? '');
  const agreed = hint ? agreeingCandidate(candidates, hint, site) : undefined;
  if (agreed) return agreed;
  for (const [raw, source] of candidates) {
    const title = cleanMetaText(raw ?? '');
    // Some templates put the site name in og:title; that is not the headline.
    if (title.length < 3 || title.length > 400 || matchKey(title) === site) continue;
    const stripped =
      source === 'title-element' || source === 'opengraph'
        ? stripSiteName(title, firstMeta(tags, 'og:site_name'))
        : title;
    return visibleHeadline(stripped, h1, site) ?? { title: stripped, source };
  }
  return { title: '', source: undefined };
}

/**
 * The headline as the page shows it, when the metadata title is that headline plus a site name,
 * a section label or a second line ("Headline - Site", "Chronik: Headline"): the <h1> is then a
 * large part of it, at its start or end.
 */
function visibleHeadline(chosen: string, h1: string | undefined, site: string): Titled | undefined {
  const heading = cleanMetaText(h1 ?? '');
  const [key, own] = [matchKey(heading), matchKey(chosen)];
  if (!key || key === own || key === site || key.split(' ').length < 2 || key.length < own.length * 0.5)
    return undefined;
  return own.startsWith(key) || own.endsWith(key) ? { title: heading, source: 'heading' } : undefined;
}

/** The page's own wording of the feed title, when one of the page's candidates matches it. */
function agreeingCandidate(
  candidates: Array<[string | undefined, MetadataSource]>,
  hint: string,
  site: string,
): Titled | undefined {
  const want = matchKey(hint);
  for (const [raw, source] of candidates) {
    const title = cleanMetaText(raw ?? '');
    const key = matchKey(source === 'title-element' ? stripSiteName(title, site) : title);
    if (source !== 'hint' && key && key !== site && (key === want || key.startsWith(want) || want.startsWith(key)))
      return { title, source };
  }
  return undefined;
}

function firstHeading(index: PageIndex): string | undefined {
  const h1 = (index.byTag.get('h1') ?? []).find((el) => textOf(el).trim().length > 10);
  return h1 ? textOf(h1).slice(0, 500) : undefined;
}

/**
 * "Headline | Site", "Site | Headline", "Headline - Section - Site": drops the site name (and short
 * trailing section parts) at the ends, never a part of the headline ("Biden - Putin summit" stays).
 */
export function stripSiteName(title: string, siteName = ''): string {
  const site = matchKey(siteName);
  const parts = title.split(/(\s+[|–—-]\s+|\s+[»·]\s+)/);
  while (parts.length >= 3 && isTrailingSite(parts[parts.length - 1]!, title, site)) parts.splice(-2, 2);
  if (parts.length >= 3 && isLeadingLabel(parts[0]!, parts[1]!, title, site)) parts.splice(0, 2);
  return parts.join('').trim() || title;
}

/** "Site | Headline" or a short section label before a bar: "Opinion | Headline". */
function isLeadingLabel(part: string, separator: string, whole: string, site: string): boolean {
  if (site && matchKey(part) === site) return true;
  return separator.trim() === '|' && part.trim().split(/\s+/).length <= 3 && part.length <= whole.length * 0.25;
}

function isTrailingSite(part: string, whole: string, site: string): boolean {
  if (site && matchKey(part) === site) return true;
  return part.trim().split(/\s+/).length <= 4 && part.length <= whole.length * 0.35;
}

/** All texts the title could appear as in the body (headline, og:title, h1), as match keys. */
export function titleKeys(index: PageIndex, tags: HeadTags, chosen: string): Set<string> {
  const keys = new Set([matchKey(chosen), matchKey(tags.titleText), matchKey(firstMeta(tags, 'og:title') ?? '')]);
  const h1 = firstHeading(index);
  if (h1) keys.add(matchKey(h1));
  keys.delete('');
  return keys;
}

/**
 * The heading that shows the page's headline (else the first h1): where the byline and date sit.
 * Keys are tried in their order, chosen title first: a site logo in an <h1> can match the <title>.
 */
export function headlineElement(index: PageIndex, titles: Set<string>): Element | undefined {
  const headings = index.byTag.get('h1') ?? [];
  const keyed = headings.map((h) => [h, matchKey(textOf(h, 1000))] as const);
  for (const title of titles) {
    const found = keyed.find(([, key]) => key === title);
    if (found) return found[0];
  }
  return headings.find((h) => textOf(h, 200).trim());
}
