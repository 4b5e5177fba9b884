// Page-level verdicts. Each is decided from generic signals: challenge-page wording, how little
// text a script-heavy page renders, paywall markers, and listing-page shape (URL, og:type, links).
import type { ArticleFlags } from '@newsflow/contracts';
import type { PageIndex } from '../dom/page-index.ts';
import { textOf } from '../dom/walk.ts';
import { firstMeta, type HeadTags } from '../metadata/head-tags.ts';
import type { LdObject } from '../metadata/json-ld.ts';
import { isListingUrl } from './listing-url.ts';

export interface FlagInput {
  index: PageIndex;
  tags: HeadTags;
  article: LdObject | undefined;
  body: string;
  url: string;
}

const BLOCK_RE =
  /\b(?:captcha|access denied|attention required|are you a (?:robot|human)|verify (?:that )?(?:you are|you're) (?:a )?human|checking your browser|unusual traffic|request unsuccessful|pardon our interruption|bot detection|ddos protection|error 1020|403 forbidden|you have been blocked|access to this page has been denied)\b/i;
const JS_RE =
  /\b(?:enable javascript|javascript (?:is )?(?:required|disabled)|requires javascript|turn on javascript|you need to enable javascript)\b/i;
const PAYWALL_RE =
  /\b(?:subscribe to (?:continue|read)|to continue reading|subscribers? only|already a subscriber|for subscribers|this (?:article|content) is (?:for|available to) (?:subscribers|members)|you(?:'ve| have) reached your (?:free )?(?:article )?limit|create a free account to continue)\b/i;

export function detectFlags(input: FlagInput): ArticleFlags {
  const visible = input.index.totalText;
  const blocked = isBlocked(input, visible);
  const jsShell = !blocked && isJsShell(input, visible);
  const paywall = isPaywalled(input);
  // A paywalled teaser (a lead paragraph and a subscribe box) is not the article either.
  const teaserOnly = paywall && input.body.length < 500;
  return { blocked, jsShell, paywall, notArticle: blocked || jsShell || teaserOnly || isNotArticle(input) };
}

function isBlocked(input: FlagInput, visible: number): boolean {
  if (visible > 3000 || input.body.length > 1500) return false;
  const head = `${input.tags.titleText} ${bodyText(input.index).slice(0, 3000)}`;
  return BLOCK_RE.test(head);
}

function isJsShell(input: FlagInput, visible: number): boolean {
  if (input.body.length > 400) return false;
  const scripts = input.index.byTag.get('script') ?? [];
  const scriptChars = scripts.reduce((n, s) => n + (s.children.length > 0 ? textOf(s).length : 0), 0);
  const mountPoint = hasEmptyMountPoint(input.index);
  return (
    mountPoint ||
    (visible < 500 && (scripts.length >= 3 || scriptChars > 5000)) ||
    (visible < 1500 && JS_RE.test(bodyText(input.index)))
  );
}

function hasEmptyMountPoint(index: PageIndex): boolean {
  const body = index.body;
  if (!body || index.totalText > 300) return false;
  return body.children.some(
    (c) => c.type === 'tag' && /^(?:root|app|__next|__nuxt|main-app|svelte)$/.test(c.attribs.id ?? ''),
  );
}

function isPaywalled(input: FlagInput): boolean {
  const free = input.article?.isAccessibleForFree;
  if (free === false || free === 'False' || free === 'false') return true;
  const restricted = firstMeta(input.tags, 'article:content_tier', 'content_tier');
  if (restricted && /locked|metered|premium|subscriber/i.test(restricted)) return true;
  return input.body.length < 2500 && PAYWALL_RE.test(bodyText(input.index).slice(0, 20000));
}

function isNotArticle(input: FlagInput): boolean {
  if (input.body.length < 250) return true;
  const ogType = firstMeta(input.tags, 'og:type')?.toLowerCase();
  if (input.article || ogType === 'article') return false;
  if (isListingUrl(input.url)) return true;
  const stats = input.index.body ? input.index.stats.get(input.index.body) : undefined;
  const linkShare = stats ? stats.link / Math.max(1, stats.text) : 0;
  return ogType === 'website' && linkShare > 0.5 && input.body.length < 2000;
}

function bodyText(index: PageIndex): string {
  return index.body ? textOf(index.body).replace(/\s+/g, ' ') : '';
}
