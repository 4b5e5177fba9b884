// Some blog templates ship the post as markup inside <script type="text/template"> and render it
// with a script: without the script the page shows nothing. That markup is the article.
import { indexPage, type PageIndex } from './page-index.ts';
import { parseHtml } from './parse.ts';

const TEMPLATE_TYPES = /^text\/(?:template|html|x-template)$/i;
/** Shorter templates are widgets (a share button, a comment form), not a post. */
const MIN_TEMPLATE_CHARS = 500;

/** The largest markup template on the page, parsed and indexed as a page of its own. */
export function templateIndex(index: PageIndex): PageIndex | undefined {
  let best = '';
  for (const script of index.byTag.get('script') ?? []) {
    if (!TEMPLATE_TYPES.test(script.attribs.type ?? '')) continue;
    const text = script.children.map((c) => (c.type === 'text' ? c.data : '')).join('');
    if (text.length > best.length) best = text;
  }
  if (best.length < MIN_TEMPLATE_CHARS) return undefined;
  return indexPage(parseHtml(`<html><body>${best}</body></html>`));
}
