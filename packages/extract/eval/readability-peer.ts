// The peer extractor: Mozilla Readability.js on a jsdom document, used the way the benchmark's
// own readability_js runner uses it (textContent of the parsed article).
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Extracted } from './snippet-metric.ts';

const quiet = new VirtualConsole();

export function readabilityText(html: string, url: string): string {
  return readabilityArticle(html, url).body;
}

/** Title, text, byline and published time as Readability reports them. */
export function readabilityArticle(html: string, url: string): Extracted {
  try {
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    const parsed = new Readability(dom.window.document).parse();
    dom.window.close();
    return {
      title: parsed?.title ?? '',
      body: parsed?.textContent ?? '',
      authors: parsed?.byline ? [parsed.byline] : [],
      published: parsed?.publishedTime ?? undefined,
      language: parsed?.lang ?? undefined,
    };
  } catch {
    return { title: '', body: '', authors: [], published: undefined };
  }
}
