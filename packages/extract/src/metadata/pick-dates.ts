// Publication and modification dates, each with where it came from. Sources in order of trust:
// the article's JSON-LD, publication meta tags, microdata, other JSON-LD items (WebPage,
// VideoObject…), then the dates shown on the page ranked by position (visible-dates.ts), then the
// URL. A feed/sitemap hint is used when the page has none and overrides the page only when the
// page's best guess is weak (a shown date, the URL) and disagrees by days.
import type { MetadataSource } from '@newsflow/contracts';
import type { Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { dateFromUrl, isPlausibleDate, parseStatedDate, type StatedDate } from './dates.ts';
import type { HeadTags } from './head-tags.ts';
import { ldString, typesOf, type LdObject } from './json-ld.ts';
import { visibleDates, type VisibleDate } from './visible-dates.ts';

export interface Dated {
  iso: string;
  source: MetadataSource;
}

export interface DateSources {
  index: PageIndex;
  tags: HeadTags;
  article: LdObject | undefined;
  ld: LdObject[];
  /** The headline or main text element: shown dates are ranked by their distance to it. */
  anchor: Element | undefined;
  url: string;
  fetchedAt: Date;
  hint: string | undefined;
}

const PUBLISHED_META = [
  'article:published_time',
  'og:article:published_time',
  'article:published',
  'article:published_date',
  'og:published_time',
  'published_time',
  'datepublished',
  'pubdate',
  'publishdate',
  'publish-date',
  'publish_date',
  'publication_date',
  'date.published',
  'dc.date.issued',
  'dcterms.issued',
  'sailthru.date',
  'parsely-pub-date',
  'article.published',
  'citation_publication_date',
  'citation_date',
  'cxenseparse:recs:publishtime',
  'og:release_date',
  'uploaddate',
];
/**
 * Names that say "a date" without saying which: content systems fill them with the creation or the
 * last edit of the record, so the page's microdata and other JSON-LD items are asked first.
 */
const GENERIC_META = ['dc.date.created', 'dcterms.created', 'dcterms:created', 'dc.date', 'dcterms.date', 'date'];
const MODIFIED_META = [
  'article:modified_time',
  'og:article:modified_time',
  'article:modified',
  'og:updated_time',
  'datemodified',
  'dc.date.modified',
  'dcterms.modified',
  'last-modified',
  'article.updated',
];
/** JSON-LD items whose dates are about the site or a party, not this page. */
const NOT_PAGE_TYPES =
  /^(?:WebSite|Organization|NewsMediaOrganization|Corporation|Person|Brand|Place|LocalBusiness|ImageObject|BreadcrumbList|SiteNavigationElement)$/i;

/** Score of a shown date close to the headline (a few nodes away) or introduced by "published". */
const STRONG_SHOWN = -40;

type Candidate = [StatedDate | undefined, MetadataSource];

export function pickPublished(src: DateSources): Dated | undefined {
  const found = publishedOnPage(src);
  return found && { ...found, iso: localMidnight(found.iso, src.tags.lang) };
}

/**
 * "2022-11-06T23:00:00.000Z" on a page not in English is a date picked in a European zone (local
 * midnight) serialised in UTC: the same instant restated in that offset keeps the page's own day.
 */
function localMidnight(iso: string, lang: string | undefined): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(22|23):00:00(?:\.0+)?Z$/.exec(iso);
  if (!m || /^en\b/i.test(lang ?? 'en')) return iso;
  const next = new Date(Date.parse(`${m[1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return `${next}T00:00:00${m[2] === '23' ? '+01:00' : '+02:00'}`;
}

function publishedOnPage(src: DateSources): Dated | undefined {
  const shown = shownDates(src).filter((d) => !d.modified);
  const structured = firstPlausible(
    [
      [
        parseStatedDate(ldString(src.article?.datePublished ?? src.article?.dateCreated), monthFirst(src.tags.lang)),
        'json-ld',
      ],
      [firstMetaDate(src.tags, PUBLISHED_META) ?? anyPublishMeta(src.tags), 'meta'],
      [parseStatedDate(itempropDate(src.index, 'datepublished')), 'microdata'],
      [otherLdDate(src.ld, src.article), 'json-ld'],
      [firstMetaDate(src.tags, GENERIC_META), 'meta'],
    ],
    src.fetchedAt,
  );
  const best = shown[0];
  // A date shown by the headline or byline is what readers see: it beats a structured date that
  // disagrees (stale template dates, modified given as published, a UTC shift across midnight).
  if (structured && best && best.score >= STRONG_SHOWN && !sameDay(best, structured.iso))
    return { iso: best.date.iso, source: best.fromTimeElement ? 'time-element' : 'text' };
  if (structured) return structured;
  const shownBest = best && best.score >= STRONG_SHOWN ? best : (onlyLabelledUpdate(src, best) ?? best);
  const page = shownBest
    ? ({ iso: shownBest.date.iso, source: shownBest.fromTimeElement ? 'time-element' : 'text' } as Dated)
    : undefined;
  const fromUrl = plausible(dateFromUrl(src.url), src.fetchedAt);
  const hint = plausible(parseStatedDate(src.hint), src.fetchedAt);
  const weak = page ?? (fromUrl ? { iso: fromUrl.iso, source: 'url' as const } : undefined);
  if (hint && (!weak || daysApart(weak.iso, hint.iso) > 2)) return { iso: hint.iso, source: 'hint' };
  return weak;
}

/**
 * A page without structured dates whose only labelled date is "updated …" / "zuletzt am … geändert"
 * (a wiki, a press page) is dated by it: the page states nothing else about itself, while a weak
 * shown date that ranks below the update line is a stray one (a citation, a coming event).
 */
function onlyLabelledUpdate(src: DateSources, best: VisibleDate | undefined): VisibleDate | undefined {
  const updates = shownDates(src).filter((d) => d.modified);
  const first = updates[0];
  if (!first || !updates.every((d) => sameDay(d, first.date.iso))) return undefined;
  // An update line in the prose ("article mis à jour le …") ranks below the page's date line.
  return !best || first.score > best.score ? first : undefined;
}

export function pickModified(src: DateSources, published: Dated | undefined): Dated | undefined {
  const found = firstPlausible(
    [
      [parseStatedDate(ldString(src.article?.dateModified), monthFirst(src.tags.lang)), 'json-ld'],
      [parseStatedDate(itempropDate(src.index, 'datemodified')), 'microdata'],
      [firstMetaDate(src.tags, MODIFIED_META), 'meta'],
      [shownDates(src).find((d) => d.modified)?.date, 'text'],
    ],
    src.fetchedAt,
  );
  // A modification before publication is a template bug; drop it rather than guess.
  if (found && published && Date.parse(found.iso) < Date.parse(published.iso)) return undefined;
  return found;
}

const SHOWN = Symbol('shownDates');
type Memo = DateSources & { [SHOWN]?: VisibleDate[] };

/** Shown dates are read once per page and shared by the published and modified pickers. */
function shownDates(src: Memo): VisibleDate[] {
  if (!src[SHOWN]) {
    const all = visibleDates(src.index, src.anchor, monthFirst(src.tags.lang));
    src[SHOWN] = all.filter((d) => isPlausibleDate(d.date.at, src.fetchedAt));
  }
  return src[SHOWN];
}

/** 03/04/2021 is March 4 in US English only. */
function monthFirst(lang: string | undefined): boolean {
  return /^en(?:[-_]us)?$/i.test(lang ?? 'en');
}

/** The shown date agrees with the structured one, also when its numeric form can be read both ways. */
function sameDay(shown: VisibleDate, iso: string): boolean {
  const day = iso.slice(0, 10);
  return shown.date.iso.slice(0, 10) === day || shown.swapped === day;
}

function daysApart(a: string, b: string): number {
  return Math.abs(Date.parse(a) - Date.parse(b)) / 86_400_000;
}

function firstPlausible(candidates: Candidate[], fetchedAt: Date): Dated | undefined {
  for (const [d, source] of candidates) if (d && isPlausibleDate(d.at, fetchedAt)) return { iso: d.iso, source };
  return undefined;
}

function plausible(d: StatedDate | undefined, fetchedAt: Date): StatedDate | undefined {
  return d && isPlausibleDate(d.at, fetchedAt) ? d : undefined;
}

function firstMetaDate(tags: HeadTags, keys: string[]): StatedDate | undefined {
  for (const key of keys) {
    for (const value of tags.meta.get(key) ?? []) {
      // "10/05/2022" in a Spanish page's meta is 10 May: numeric order follows the page's language.
      const d = parseStatedDate(value, monthFirst(tags.lang));
      if (d) return d;
    }
  }
  return undefined;
}

/** Last resort: a site-specific meta name that still says what it is ("sn-post-date", "pdate"). */
function anyPublishMeta(tags: HeadTags): StatedDate | undefined {
  for (const [key, values] of tags.meta) {
    if (
      /(?:^|[^a-z])(?:p|pub|publish(?:ed)?|post(?:ed)?|creat(?:ed|ion))[-_.:]?(?:date|time)|date[-_.:]?(?:pub|publish|post|creat)/.test(
        key,
      )
    )
      return parseStatedDate(values[0], monthFirst(tags.lang));
  }
  return undefined;
}

/** datePublished (or uploadDate, dateCreated) of a JSON-LD item other than the article itself. */
function otherLdDate(ld: LdObject[], article: LdObject | undefined): StatedDate | undefined {
  for (const obj of ld) {
    if (obj === article || typesOf(obj).some((t) => NOT_PAGE_TYPES.test(t))) continue;
    const d = parseStatedDate(ldString(obj.datePublished ?? obj.uploadDate ?? obj.dateCreated));
    if (d) return d;
  }
  return undefined;
}

function itempropDate(index: PageIndex, prop: string): string | undefined {
  const el = index.itemprops.find((e) => (e.attribs.itemprop ?? '').toLowerCase().split(/\s+/).includes(prop));
  return el
    ? (el.attribs.content ?? el.attribs.datetime ?? el.children.map((c) => ('data' in c ? c.data : '')).join(''))
    : undefined;
}
