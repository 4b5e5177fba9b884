// Reads <meta>, <link>, <title> and <html lang> into simple lookups.
import type { Element } from 'domhandler';
import type { PageIndex } from '../dom/page-index.ts';
import { textOf } from '../dom/walk.ts';
import { collapseSpace } from '../text/normalize.ts';

export interface HeadTags {
  meta: Map<string, string[]>;
  canonical: string | undefined;
  titleText: string;
  lang: string | undefined;
}

export function readHeadTags(index: PageIndex): HeadTags {
  const meta = new Map<string, string[]>();
  for (const el of index.byTag.get('meta') ?? []) addMeta(meta, el);
  const htmlEl = index.byTag.get('html')?.[0];
  return {
    meta,
    canonical: findCanonical(index.byTag.get('link') ?? []),
    titleText: collapseSpace(textOf(index.byTag.get('title')?.[0] ?? index.doc).slice(0, 1000)),
    lang: htmlEl?.attribs.lang ?? htmlEl?.attribs['xml:lang'],
  };
}

function addMeta(meta: Map<string, string[]>, el: Element): void {
  const a = el.attribs;
  const key = (a.property ?? a.name ?? a.itemprop ?? a['http-equiv'] ?? '').toLowerCase().trim();
  const value = collapseSpace(a.content ?? '');
  if (!key || !value) return;
  const list = meta.get(key);
  if (list) list.push(value);
  else meta.set(key, [value]);
}

function findCanonical(links: Element[]): string | undefined {
  const el = links.find((l) => (l.attribs.rel ?? '').toLowerCase().split(/\s+/).includes('canonical'));
  return el?.attribs.href;
}

export function firstMeta(tags: HeadTags, ...keys: string[]): string | undefined {
  for (const key of keys) {
    const v = tags.meta.get(key)?.[0];
    if (v) return v;
  }
  return undefined;
}
