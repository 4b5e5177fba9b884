// Authors with provenance: JSON-LD author, then microdata, then meta tags, then a visible byline.
import type { MetadataSource } from '@newsflow/contracts';
import type { PageIndex } from '../dom/page-index.ts';
import { textOf } from '../dom/walk.ts';
import { cleanAuthors } from './authors.ts';
import type { HeadTags } from './head-tags.ts';
import { ldNames, type LdObject } from './json-ld.ts';

export interface Authored {
  authors: string[];
  source: MetadataSource | undefined;
}

export function pickAuthors(
  index: PageIndex,
  tags: HeadTags,
  article: LdObject | undefined,
  bylines: string[],
): Authored {
  const candidates: Array<[string[], MetadataSource]> = [
    [ldNames(article?.author ?? article?.creator), 'json-ld'],
    [microdataAuthors(index), 'microdata'],
    [metaAuthors(tags), 'meta'],
    [bylines, 'text'],
  ];
  for (const [raw, source] of candidates) {
    const authors = cleanAuthors(raw);
    if (authors.length > 0) return { authors, source };
  }
  return { authors: [], source: undefined };
}

function microdataAuthors(index: PageIndex): string[] {
  const els = index.itemprops.filter((e) => /^(author|creator)$/i.test(e.attribs.itemprop ?? ''));
  return els.slice(0, 5).map((el) => {
    const named = el.attribs.content ?? textOf(el);
    return named.slice(0, 200);
  });
}

function metaAuthors(tags: HeadTags): string[] {
  const keys = [
    'author',
    'article:author',
    'dc.creator',
    'byl',
    'sailthru.author',
    'parsely-author',
    'citation_author',
  ];
  return keys.flatMap((k) => tags.meta.get(k) ?? []).filter((v) => !/^https?:/i.test(v));
}
