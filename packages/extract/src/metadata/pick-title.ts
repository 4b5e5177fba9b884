// Title: the page's own headline (JSON-LD, og:title, <h1>) is preferred to <title>, which usually
// carries a " | Site Name" suffix. A feed hint is used only when the page offers nothing better.
import type { MetadataSource } from '@newsflow/contracts';
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
    [stripSiteName(tags.titleText), 'title-element'],
    [hint, 'hint'],
  ];
  const site = matchKey(firstMeta(tags, 'og:site_name') ?? '');
  const agreed = hint ? agreeingCandidate(candidates, hint, site) : undefined;
  if (agreed) return agreed;
  for (const [raw, source] of candidates) {
    const title = cleanMetaText(raw ?? '');
    // Some templates put the site name in og:title; that is not the headline.
    if (title.length < 3 || title.length > 400 || matchKey(title) === site) continue;
    return { title: source === 'title-element' || source === 'opengraph' ? stripSiteName(title) : title, source };
  }
  return { title: '', source: undefined };
}

/** The page's own wording of the feed title, when one of the page's candidates matches it. */
function agreeingCandidate(candidates: Array<[string | undefined, MetadataSource]>, hint: string, site: string): Titled | undefined {
  const want = matchKey(hint);
  for (const [raw, source] of candidates) {
    const title = cleanMetaText(raw ?? '');
    const key = matchKey(source === 'title-element' ? stripSiteName(title) : title);
    if (source !== 'hint' && key && key !== site && (key === want || key.startsWith(want) || want.startsWith(key))) return { title, source };
  }
  return undefined;
}

function firstHeading(index: PageIndex): string | undefined {
  const h1 = (index.byTag.get('h1') ?? []).find((el) => textOf(el).trim().length > 10);
  return h1 ? textOf(h1).slice(0, 500) : undefined;
}

/** "Headline | Site" / "Headline - Site": keep the longest part when a separator is present. */
export function stripSiteName(title: string): string {
  const parts = title.split(/\s+[|–—-]\s+|\s+[:»·]\s+(?=[^:]*$)/);
  if (parts.length < 2) return title;
  const longest = parts.reduce((a, b) => (b.length > a.length ? b : a));
  return longest.length >= title.length * 0.4 ? longest.trim() : title;
}

/** All texts the title could appear as in the body (headline, og:title, h1), as match keys. */
export function titleKeys(index: PageIndex, tags: HeadTags, chosen: string): Set<string> {
  const keys = new Set([matchKey(chosen), matchKey(tags.titleText), matchKey(firstMeta(tags, 'og:title') ?? '')]);
  const h1 = firstHeading(index);
  if (h1) keys.add(matchKey(h1));
  keys.delete('');
  return keys;
}
