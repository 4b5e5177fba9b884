// The cleaner's pure core: HTML (+ URL) in, Article out. `extractArticle` never throws: a page that
// cannot be parsed or read ends as an empty Article flagged notArticle. The pipeline calls
// `extractArticleStrict`, which lets an unexpected error through so it is reported, not hidden.
import type { Article, ArticleFlags } from '@newsflow/contracts';
import { decodeHtml } from './decode/decode-html.ts';
import { indexPage, type PageIndex } from './dom/page-index.ts';
import { parseHtml } from './dom/parse.ts';
import { extractBody } from './extract-body.ts';
import { detectFlags } from './flags/detect-flags.ts';
import { readHeadTags } from './metadata/head-tags.ts';
import { findArticle, readJsonLd } from './metadata/json-ld.ts';
import { pickAuthors } from './metadata/pick-authors.ts';
import { pickModified, pickPublished } from './metadata/pick-dates.ts';
import { pickExtras } from './metadata/pick-extras.ts';
import { pickLanguage } from './metadata/pick-language.ts';
import { headlineElement, pickTitle, titleKeys } from './metadata/pick-title.ts';
import { countWords } from './text/normalize.ts';
import type { ExtractInput } from './types.ts';

export function extractArticle(input: ExtractInput): Article {
  try {
    return extractArticleStrict(input);
  } catch {
    return emptyArticle(input.url);
  }
}

export function extractArticleStrict(input: ExtractInput): Article {
  const html = typeof input.html === 'string' ? input.html : decodeHtml(capBytes(input.html), input.contentType).text;
  const index = indexPage(parseHtml(html));
  const tags = readHeadTags(index);
  const ld = readJsonLd(index);
  const article = findArticle(ld);
  const { title, source: titleSource } = pickTitle(index, tags, article, input.hints?.title);
  const titles = titleKeys(index, tags, title);
  const extracted = extractBody(index, { titles, ldBody: ldBodyOf(article) });
  const body = extracted.paragraphs.join('\n\n');
  const fetchedAt = input.fetchedAt ?? new Date();
  const anchor = headlineElement(index, titles) ?? extracted.container;
  const dateSources = { index, tags, article, ld, anchor, url: input.url, fetchedAt, hint: input.hints?.publishedAt };
  const published = pickPublished(dateSources);
  const modified = pickModified(dateSources, published);
  const extras = pickExtras(tags, article, input.url);
  const site = { site: extras.siteName, host: hostOf(input.url) };
  const authors = pickAuthors({ index, tags, article, ld, anchor, bylines: extracted.bylines, site });
  const language = pickLanguage(tags, article, `${title}\n${body}`);
  const flags = detectFlags({ index, tags, article, body, url: input.url });
  return {
    url: input.url,
    ...definedOnly(extras),
    ...(language.language ? { language: language.language } : {}),
    title,
    authors: authors.authors,
    ...(published ? { publishedAt: published.iso } : {}),
    ...(modified ? { modifiedAt: modified.iso } : {}),
    body,
    wordCount: countWords(body),
    provenance: definedOnly({
      title: titleSource,
      authors: authors.source,
      publishedAt: published?.source,
      modifiedAt: modified?.source,
      language: language.source,
    }),
    flags,
  } as Article;
}

/** Bytes beyond what the parser will read are not worth decoding (4 M chars is at most 16 MB of UTF-8). */
const MAX_HTML_BYTES = 16 * 1024 * 1024;

function capBytes(bytes: Uint8Array): Uint8Array {
  return bytes.length > MAX_HTML_BYTES ? bytes.subarray(0, MAX_HTML_BYTES) : bytes;
}

function ldBodyOf(article: Record<string, unknown> | undefined): string | undefined {
  const body = article?.articleBody;
  return typeof body === 'string' ? body : undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname;
  } catch {
    return undefined;
  }
}

/** Drops undefined keys so the JSON stays small and optional fields stay absent. */
function definedOnly<T extends object>(obj: T): T {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as T;
}

const NOT_ARTICLE: ArticleFlags = { paywall: false, jsShell: false, blocked: false, notArticle: true };

export function emptyArticle(url: string): Article {
  return { url, title: '', authors: [], tags: [], body: '', wordCount: 0, provenance: {}, flags: { ...NOT_ARTICLE } };
}

export type { PageIndex };
