import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { newsPage, paragraphs } from './helpers.ts';

const CLI = join(import.meta.dirname, '../src/cli/extract-command.ts');
const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
}

describe('extract command', () => {
  const story = paragraphs(4);
  const page = (title: string) =>
    newsPage({
      head: `<title>${title}</title>`,
      body: `<article><h1>${title}</h1>${story.map((p) => `<p>${p}</p>`).join('')}</article>`,
    });
  writeFileSync(join(dir, 'a.html.gz'), gzipSync(page('Gzipped page title')));
  writeFileSync(
    join(dir, 'b.html'),
    iconv.encode(
      page('Café crème à Genève').replace('<meta charset="utf-8">', '<meta charset="windows-1252">'),
      'windows-1252',
    ),
  );
  writeFileSync(join(dir, 'notes.txt'), 'not a page');

  it('writes one JSON line per page file with the required fields', () => {
    const out = join(dir, 'out.jsonl');
    const res = run(dir, '--out', out);
    assert.equal(res.status, 0, res.stderr);
    const lines = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => l.file),
      ['a.html.gz', 'b.html'],
    );
    for (const l of lines) for (const key of ['title', 'authors', 'body', 'flags']) assert.ok(key in l, key);
    assert.equal(lines[1]!.title, 'Café crème à Genève');
    assert.equal(lines[0]!.body, story.join('\n\n'));
  });

  it('prints one Article for a single file', () => {
    const res = run(join(dir, 'a.html.gz'), '--url', 'https://n.example/a');
    assert.equal(res.status, 0, res.stderr);
    const a = JSON.parse(res.stdout) as { url: string; title: string };
    assert.deepEqual([a.url, a.title], ['https://n.example/a', 'Gzipped page title']);
  });

  it('fails clearly on bad usage and missing input', () => {
    assert.equal(run().status, 2);
    assert.equal(run('--nope', dir).status, 2);
    const missing = run(join(dir, 'missing.html'));
    assert.equal(missing.status, 1);
    assert.match(missing.stderr, /no such file/);
  });
});
