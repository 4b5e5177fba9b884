// JSON-LD: finds the Article-like object (NewsArticle, BlogPosting, ...) among all scripts and
// @graph entries. Malformed JSON is common (trailing commas, raw newlines); such blocks are skipped.
import type { PageIndex } from '../dom/page-index.ts';
import { textOf } from '../dom/walk.ts';

export type LdObject = Record<string, unknown>;

const ARTICLE_TYPE = /article|posting|report|newsarticle|blogposting|analysisnewsarticle|opinionnewsarticle/i;
const MAX_SCRIPT_CHARS = 500_000;

export function readJsonLd(index: PageIndex): LdObject[] {
  const out: LdObject[] = [];
  for (const script of index.byTag.get('script') ?? []) {
    if (!/ld\+json/i.test(script.attribs.type ?? '')) continue;
    const raw = textOf(script);
    if (raw.length > MAX_SCRIPT_CHARS) continue;
    for (const obj of flatten(safeParse(raw))) out.push(obj);
  }
  return out;
}

function safeParse(raw: string): unknown {
  try {
    return JSON.parse(raw.replace(/^\s*<!--|-->\s*$/g, ''));
  } catch {
    return undefined;
  }
}

/** Iterative flattening of arrays and @graph containers (bounded, hostile input can nest deep). */
function flatten(root: unknown): LdObject[] {
  const out: LdObject[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0 && out.length < 200) {
    const cur = stack.pop();
    if (Array.isArray(cur)) stack.push(...cur.slice(0, 100));
    else if (isObject(cur)) {
      out.push(cur);
      if (Array.isArray(cur['@graph'])) stack.push(cur['@graph']);
    }
  }
  return out;
}

export function isObject(v: unknown): v is LdObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function typesOf(obj: LdObject): string[] {
  const t = obj['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

export function findArticle(objects: LdObject[]): LdObject | undefined {
  return objects.find((o) => typesOf(o).some((t) => ARTICLE_TYPE.test(t)));
}

export function ldString(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (typeof v === 'number') return String(v);
  if (Array.isArray(v)) return ldString(v[0]);
  if (isObject(v)) return ldString(v.name ?? v.url ?? v['@value']);
  return undefined;
}

/** Names from author-like values: strings, Person objects, or arrays of either. */
export function ldNames(v: unknown): string[] {
  const list = Array.isArray(v) ? v : [v];
  const names: string[] = [];
  for (const item of list.slice(0, 20)) {
    const name = typeof item === 'string' ? item : isObject(item) ? ldString(item.name) : undefined;
    if (name) names.push(name);
  }
  return names;
}
