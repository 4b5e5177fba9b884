// cheerio/slim parses with htmlparser2 only (no parse5): several times faster on real pages and
// forgiving enough for extraction. Inputs are capped so a 20 MB page cannot stall a worker.
import { load } from 'cheerio/slim';
import type { Document } from 'domhandler';
import { capNesting } from './cap-nesting.ts';

/** Characters of HTML we parse; articles are far smaller, anything beyond is ads and inline data. */
export const MAX_HTML_CHARS = 4_000_000;

export function parseHtml(html: string): Document {
  const capped = html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html;
  const $ = load(capNesting(capped), { xml: false });
  return $.root()[0] as Document;
}
