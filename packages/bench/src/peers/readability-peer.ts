// Readability.js + jsdom beside Newsflow's cleaner core on the same corpus pages, one after the
// other in one process, CPU per page from process.cpuUsage. Prints one JSON line.
//   node readability-peer.ts CORPUS_OPTIONS_JSON SAMPLE_SIZE
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '@newsflow/extract';
import { corpusPage } from '../corpus/corpus-site.ts';
import { planCorpus } from '../corpus/corpus-plan.ts';
import type { CorpusOptions } from '../corpus/corpus-site.ts';
import { sampleIndices } from '../floors/parse-floor.ts';

export interface ExtractorsResult {
  pages: number;
  newsflowMsPerPage: number;
  readabilityMsPerPage: number;
  /** pages each one returned a non-empty body for */
  newsflowBodies: number;
  readabilityBodies: number;
}

function cpuMs(work: () => void): number {
  const before = process.cpuUsage();
  work();
  const spent = process.cpuUsage(before);
  return (spent.user + spent.system) / 1000;
}

export function compareExtractors(options: CorpusOptions, sampleSize: number): ExtractorsResult {
  const plan = planCorpus(options);
  const pages = sampleIndices(plan.entries.length, sampleSize).map((index) => corpusPage(plan, index));
  const url = 'http://127.0.1.1/news/page.html';
  let newsflowBodies = 0;
  let readabilityBodies = 0;
  const newsflow = cpuMs(() => {
    for (const html of pages) if (extractArticle({ html, url, contentType: 'text/html' }).body.trim()) newsflowBodies++;
  });
  const virtualConsole = new VirtualConsole();
  const readability = cpuMs(() => {
    for (const html of pages) {
      const dom = new JSDOM(html, { url, virtualConsole });
      if (new Readability(dom.window.document).parse()?.textContent?.trim()) readabilityBodies++;
      dom.window.close();
    }
  });
  return {
    pages: pages.length,
    newsflowMsPerPage: newsflow / pages.length,
    readabilityMsPerPage: readability / pages.length,
    newsflowBodies,
    readabilityBodies,
  };
}

if (process.argv[1] === import.meta.filename) {
  const [options = '{}', sample = '500'] = process.argv.slice(2);
  process.stdout.write(`${JSON.stringify(compareExtractors(JSON.parse(options) as CorpusOptions, Number(sample)))}\n`);
}
