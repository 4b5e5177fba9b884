// The peer extractor: Mozilla Readability.js on a jsdom document, used the way the benchmark's
// own readability_js runner uses it (textContent of the parsed article).
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';

const quiet = new VirtualConsole();

export function readabilityText(html: string, url: string): string {
  try {
    const dom = new JSDOM(html, { url, virtualConsole: quiet });
    const text = new Readability(dom.window.document).parse()?.textContent ?? '';
    dom.window.close();
    return text;
  } catch {
    return '';
  }
}
