// Publication and modification dates, each with where it came from. Sources in order of trust:
// JSON-LD, meta tags, <time> elements, the URL; a feed/sitemap hint is used when the page has none
// and overrides the page only when the page's best guess is the weak URL date that disagrees.
import type { MetadataSource } from '@newsflow/contracts';
import type { PageIndex } from '../dom/page-index.ts';
import { dateFromUrl, isPlausibleDate, parseDate, toIso } from './dates.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';
import { ldString, type LdObject } from './json-ld.ts';

export interface Dated {
  iso: string;
  source: MetadataSource;
}

interface DateSources {
  index: PageIndex;
  tags: HeadTags;
  article: LdObject | undefined;
  url: string;
  fetchedAt: Date;
  hint: string | undefined;
}

const PUBLISHED_META = [
  'article:published_time',
  'article:published',
  'og:published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'date',
  'dc.date',
  'dc.date.issued',
  'dcterms.created',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'published_time',
  'cxenseparse:recs:publishtime',
];
const MODIFIED_META = [
  'article:modified_time',
  'article:modified',
  'og:updated_time',
  'datemodified',
  'dc.date.modified',
  'dcterms.modified',
  'last-modified',
  'article.updated',
];

export function pickPublished(src: DateSources): Dated | undefined {
  const candidates: Array<[string | undefined, MetadataSource]> = [
    [ldString(src.article?.datePublished ?? src.article?.dateCreated), 'json-ld'],
    [itempropDate(src.index, 'datepublished'), 'microdata'],
    [firstMeta(src.tags, ...PUBLISHED_META), 'meta'],
    [timeElementDate(src.index), 'time-element'],
    [anyPublishMeta(src.tags), 'meta'],
  ];
  const found = firstPlausible(candidates, src.fetchedAt);
  const fromUrl = plausible(dateFromUrl(src.url), src.fetchedAt);
  const hint = plausible(parseDate(src.hint), src.fetchedAt);
  // Structured page dates win; a loose <time> element that disagrees with the feed by days loses.
  if (
    found &&
    hint &&
    found.source === 'time-element' &&
    Math.abs(Date.parse(found.iso) - hint.getTime()) > 2 * 86400_000
  )
    return { iso: toIso(hint), source: 'hint' };
  if (found) return found;
  if (hint && (!fromUrl || Math.abs(hint.getTime() - fromUrl.getTime()) > 2 * 86400_000))
    return { iso: toIso(hint), source: 'hint' };
  return fromUrl ? { iso: toIso(fromUrl), source: 'url' } : undefined;
}

export function pickModified(src: DateSources, published: Dated | undefined): Dated | undefined {
  const found = firstPlausible(
    [
      [ldString(src.article?.dateModified), 'json-ld'],
      [itempropDate(src.index, 'datemodified'), 'microdata'],
      [firstMeta(src.tags, ...MODIFIED_META), 'meta'],
    ],
    src.fetchedAt,
  );
  // A modification before publication is a template bug; drop it rather than guess.
  if (found && published && found.iso < published.iso) return undefined;
  return found;
}

function firstPlausible(candidates: Array<[string | undefined, MetadataSource]>, fetchedAt: Date): Dated | undefined {
  for (const [raw, source] of candidates) {
    const d = plausible(parseDate(raw), fetchedAt);
    if (d) return { iso: toIso(d), source };
  }
  return undefined;
}

function plausible(d: Date | undefined, fetchedAt: Date): Date | undefined {
  return d && isPlausibleDate(d, fetchedAt) ? d : undefined;
}

/** Last resort: a site-specific meta name that still says what it is ("sn-post-date", "pdate"). */
function anyPublishMeta(tags: HeadTags): string | undefined {
  for (const [key, values] of tags.meta) {
    if (
      /(?:^|[^a-z])(?:p|pub|publish(?:ed)?|post(?:ed)?|creat(?:ed|ion))[-_.:]?(?:date|time)|date[-_.:]?(?:pub|publish|post|creat)/.test(
        key,
      )
    )
      return values[0];
  }
  return undefined;
}

function itempropDate(index: PageIndex, prop: string): string | undefined {
  const el = index.itemprops.find((e) => (e.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes(prop));
  return el ? (el.attribs.content ?? el.attribs.datetime) : undefined;
}

function timeElementDate(index: PageIndex): string | undefined {
  const times = index.byTag.get('time') ?? [];
  const pub = times.find((t) =>
    /pub/i.test(`${t.attribs.class ?? ''} ${t.attribs.itemprop ?? ''} ${t.attribs.pubdate !== undefined ? 'pub' : ''}`),
  );
  return (pub ?? times[0])?.attribs.datetime;
}
