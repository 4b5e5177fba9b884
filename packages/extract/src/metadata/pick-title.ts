// Title: the page's own headline (JSON-LD, og:title, <h1>) is preferred to <title>, which usually
// carries a " | Site Name" suffix. A feed hint is used only when the page offers nothing better.
import type { MetadataSource } from '@newsflow/contracts';
import type { AnyNode, Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { isElement, textOf } from '../dom/walk.ts';
import { cleanMetaText, matchKey } from '../text/normalize.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';
import { ldString, type LdObject } from './json-ld.ts';
import { siteNames, stripNamedSite, stripSiteName } from './site-name.ts';

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
    [stripSiteName(tags.titleText, siteNames(tags)), 'title-element'],
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
        ? stripSiteName(title, siteNames(tags))
        : source === 'json-ld'
          ? stripNamedSite(title, siteNames(tags))
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
  if (!key || key === site || key.split(' ').length < 2 || key.length < own.length * 0.5) return undefined;
  // The same words: the heading keeps the page's own typography (curly quotes, dashes).
  if (key === own) return { title: heading, source: 'heading' };
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
    const key = matchKey(source === 'title-element' ? stripSiteName(title, { site, hosts: [] }) : title);
    if (source !== 'hint' && key && key !== site && (key === want || key.startsWith(want) || want.startsWith(key)))
      return { title, source };
  }
  return undefined;
}

function firstHeading(index: PageIndex): string | undefined {
  const h1 = (index.byTag.get('h1') ?? []).find((el) => textOf(el).trim().length > 10);
  return h1 ? headingText(h1).slice(0, 500) : undefined;
}

/** A kicker or overline set inside the <h1> ("Klimaschutz" above the headline) is not the headline. */
const KICKER = /kicker|overline|dachzeile|topline|eyebrow|supertitle|roofline|spitzmarke/i;

function headingText(h1: Element): string {
  const isKicker = (n: AnyNode): boolean => isElement(n) && KICKER.test(`${n.attribs.class ?? ''}`);
  if (!h1.children.some(isKicker)) return textOf(h1);
  const rest = h1.children.filter((n) => !isKicker(n)).map((n) => textOf(n));
  // The kicker's separator (": ", " - ") stays behind when the kicker goes.
  return (
    rest
      .join('')
      .replace(/^[\s:|–—-]+/u, '')
      .trim() || textOf(h1)
  );
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
  const keyed = headings.map((h) => [h, matchKey(textOf(h, 1000)), matchKey(headingText(h))] as const);
  for (const title of titles) {
    const found = keyed.find(([, key, own]) => key === title || own === title);
    if (found) return found[0];
  }
  return headings.find((h) => textOf(h, 200).trim());
}
