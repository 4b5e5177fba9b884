// The remaining descriptive fields: subtitle, canonical URL, site name, section, tags
// and lead image. URLs are resolved against the page URL and kept only when they parse.
import { cleanMetaText, collapseSpace } from '../text/normalize.ts';
import { firstMeta, type HeadTags } from './head-tags.ts';
import { isObject, ldString, type LdObject } from './json-ld.ts';

export interface Extras {
  subtitle?: string;
  canonicalUrl?: string;
  siteName?: string;
  section?: string;
  tags: string[];
  leadImage?: string;
}

export function pickExtras(tags: HeadTags, article: LdObject | undefined, url: string): Extras {
  const publisher = isObject(article?.publisher) ? article.publisher : undefined;
  return {
    subtitle: optional(
      ldString(article?.description) ?? firstMeta(tags, 'og:description', 'description', 'twitter:description'),
    ),
    canonicalUrl: absoluteUrl(tags.canonical ?? firstMeta(tags, 'og:url'), url),
    siteName: siteNameOf(firstMeta(tags, 'og:site_name', 'application-name') ?? ldString(publisher?.name)),
    section: optional(
      ldString(article?.articleSection) ?? firstMeta(tags, 'article:section', 'section', 'parsely-section'),
    ),
    tags: pickTags(tags, article),
    leadImage: absoluteUrl(
      firstMeta(tags, 'og:image', 'og:image:url', 'twitter:image') ?? ldString(article?.image),
      url,
    ),
  };
}

function optional(s: string | undefined): string | undefined {
  const t = cleanMetaText(s ?? '');
  return t ? t.slice(0, 1000) : undefined;
}

/** "Site | tagline | more" keeps the name; a URL given as a name becomes its host. */
function siteNameOf(raw: string | undefined): string | undefined {
  const name = optional(raw)?.split(/\s+\|\s+/)[0];
  if (!name || !/^https?:\/\//i.test(name)) return name;
  return absoluteUrl(name, name) ? new URL(name).hostname.replace(/^www\./, '') : undefined;
}

function pickTags(tags: HeadTags, article: LdObject | undefined): string[] {
  const raw = [
    ...(tags.meta.get('article:tag') ?? []),
    ...(tags.meta.get('news_keywords') ?? tags.meta.get('keywords') ?? []),
  ];
  const ld = article?.keywords;
  if (typeof ld === 'string') raw.push(ld);
  else if (Array.isArray(ld)) raw.push(...ld.filter((k): k is string => typeof k === 'string'));
  const split = raw
    .flatMap((t) => t.split(/\s*[,;]\s*/))
    .map((t) => collapseSpace(t))
    .filter((t) => t.length > 1 && t.length < 80);
  return [...new Set(split)].slice(0, 30);
}

export function normalizeLang(raw: string | undefined): string | undefined {
  const m = /^([a-z]{2,3})(?:[-_]([a-z]{2,4}))?/i.exec((raw ?? '').trim());
  if (!m) return undefined;
  return m[2] ? `${m[1]!.toLowerCase()}-${m[2].toUpperCase()}` : m[1]!.toLowerCase();
}

export function absoluteUrl(raw: string | undefined, base: string): string | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw.trim(), base);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}
