// npm run extract -- DIR --out FILE.jsonl   one JSON line per .html/.html.gz file in DIR
// npm run extract -- FILE|URL [--url URL]   print that page's Article as JSON
// Exit codes: 0 done, 1 some input could not be read or fetched, 2 bad usage.
import { createWriteStream, existsSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { extractArticle } from '../extract-article.ts';
import { fetchPage, isDirectory, isHttpUrl, listPageFiles, readPageFile, type PageBytes } from './read-input.ts';

const USAGE = `usage: npm run extract -- DIR [--out FILE.jsonl]
       npm run extract -- FILE.html[.gz] [--url PAGE_URL]
       npm run extract -- https://example.com/article`;

class UsageError extends Error {}

function extract(page: PageBytes) {
  return extractArticle({ html: page.bytes, url: page.url, contentType: page.contentType, fetchedAt: new Date() });
}

async function runDirectory(dir: string, out: string | undefined): Promise<number> {
  const files = listPageFiles(dir);
  if (files.length === 0) throw new UsageError(`no .html or .html.gz files in ${dir}`);
  const sink = out ? createWriteStream(out) : process.stdout;
  let failures = 0;
  for (const file of files) {
    try {
      sink.write(JSON.stringify({ file: basename(file), ...extract(readPageFile(file)) }) + '\n');
    } catch (err) {
      failures++;
      console.error(`${file}: ${message(err)}`);
    }
  }
  if (out) await new Promise<void>((done) => (sink as ReturnType<typeof createWriteStream>).end(done));
  console.error(`${files.length - failures} of ${files.length} pages extracted${out ? ` to ${out}` : ''}`);
  return failures > 0 ? 1 : 0;
}

async function runSingle(target: string, url: string | undefined): Promise<number> {
  const page = isHttpUrl(target) ? await fetchPage(target) : readPageFile(target, url);
  console.log(JSON.stringify(extract(page), null, 2));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { out: { type: 'string', short: 'o' }, url: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return (console.log(USAGE), 0);
  const target = positionals[0];
  if (!target || positionals.length > 1) throw new UsageError('expected exactly one DIR, FILE or URL');
  if (!isHttpUrl(target) && !existsSync(target)) throw new Error(`${target}: no such file or directory`);
  if (!isHttpUrl(target) && isDirectory(target)) return runDirectory(target, values.out);
  return runSingle(target, values.url);
}

/** fetch() reports "fetch failed" and hides the reason in `cause` (ECONNREFUSED, ENOTFOUND…). */
function message(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${err.message}${cause}`;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    const usage =
      err instanceof UsageError ||
      (err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'));
    console.error(`extract: ${message(err)}${usage ? `\n${USAGE}` : ''}`);
    process.exitCode = usage ? 2 : 1;
  },
);
