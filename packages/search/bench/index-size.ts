// What per-language analysis costs in index size, on real multilingual articles: the dev set's
// pages, cleaned by @newsflow/extract, indexed three ways into throw-away indices, force-merged to
// one segment, store size compared.
//   neutral:     the language-neutral title/subtitle/body only (no language fields)
//   multi-field: template v3 (every text analysed once per language, as subfields, plus neutral)
//   routing:     the shipped template (v4): neutral fields plus one copy of each text in the fields
//                of the article's own language (`body_lang.de`), in _source too, see README
// Usage: node packages/search/bench/index-size.ts DATASET_DIR [--language-node]
// (DATASET_DIR holds evaldata.json and pages/; --language-node starts a devstack node with the
// language analyzers instead of using ELASTICSEARCH_URL).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { startNativeElasticsearch } from '@newsflow/devstack';
import { languageFieldsOf } from '@newsflow/contracts';
import { extractArticle } from '@newsflow/extract';
import { createEsClient, resolveArticlesTemplate, indexNames } from '../src/index.ts';
import type { ArticlesTemplate, Client } from '../src/index.ts';

interface Text {
  title: string;
  body: string;
  language: string;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'language-node': { type: 'boolean' } },
});
const dataset = positionals[0];
if (!dataset) throw new Error('usage: index-size.ts DATASET_DIR [--language-node]');

function loadTexts(dir: string): Text[] {
  const records = JSON.parse(readFileSync(join(dir, 'evaldata.json'), 'utf8')) as Record<string, { file: string }>;
  return Object.values(records).flatMap((record) => {
    const html = gunzipSync(readFileSync(join(dir, 'pages', `${record.file}.gz`)));
    const article = extractArticle({ html, url: 'https://example.invalid/' });
    // the primary subtag: pages say de-DE or de-CH as often as de
    const language = (article.language ?? 'und').split('-')[0]!.toLowerCase();
    return article.body ? [{ title: article.title ?? '', body: article.body, language }] : [];
  });
}

type Properties = Record<string, Record<string, unknown>>;

/** The three mappings compared; the analysis is what this cluster gets from the shipped template. */
function layouts(template: ArticlesTemplate, languages: string[]): Record<string, Properties> {
  const text = { type: 'text', analyzer: 'newsflow_text' };
  const neutral = { title: text, subtitle: text, body: text, language: { type: 'keyword' } };
  const shipped = (template.template.mappings as { properties: Properties }).properties;
  const subfields = Object.fromEntries(languages.map((code) => [code, { type: 'text', analyzer: `newsflow_${code}` }]));
  const multiField = { ...text, fields: subfields };
  const routing = Object.fromEntries(
    ['title', 'subtitle', 'body', 'title_lang', 'subtitle_lang', 'body_lang'].map((name) => [name, shipped[name]!]),
  );
  return {
    neutral,
    'multi-field': { title: multiField, subtitle: multiField, body: multiField, language: neutral.language },
    routing: { ...routing, language: neutral.language },
  };
}

function documentFor(layout: string, text: Text): Record<string, unknown> {
  const document: Record<string, unknown> = { title: text.title, body: text.body, language: text.language };
  return layout === 'routing' ? { ...document, ...languageFieldsOf(text) } : document;
}

interface Run {
  index: string;
  layout: string;
  properties: Properties;
  analysis: unknown;
  texts: Text[];
}

/** Store bytes of one layout after indexing every text and merging to one segment. */
async function storeBytes(client: Client, run: Run): Promise<number> {
  const settings = { number_of_shards: 1, number_of_replicas: 0, analysis: run.analysis };
  await client.indices.create({
    index: run.index,
    settings: settings as never,
    mappings: { properties: run.properties } as never,
  });
  for (let i = 0; i < run.texts.length; i += 200) {
    const batch = run.texts.slice(i, i + 200);
    const operations = batch.flatMap((text) => [{ index: { _index: run.index } }, documentFor(run.layout, text)]);
    if ((await client.bulk({ operations })).errors) throw new Error(`bulk into ${run.index} failed`);
  }
  await client.indices.refresh({ index: run.index });
  await client.indices.forcemerge({ index: run.index, max_num_segments: 1 });
  const stats = await client.indices.stats({ index: run.index, metric: 'store' });
  return stats._all.primaries?.store?.size_in_bytes ?? 0;
}

async function main(): Promise<void> {
  const node = values['language-node']
    ? await startNativeElasticsearch({ purpose: 'test', log: () => {}, languageAnalyzers: true })
    : undefined;
  const client = createEsClient(node?.url ?? process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200');
  const prefix = `bench-size-${process.pid}`;
  try {
    const texts = loadTexts(dataset!);
    const template = await resolveArticlesTemplate(client, indexNames(prefix));
    const languages = Object.keys(template.template.settings.analysis.analyzer)
      .filter((name) => name !== 'newsflow_text')
      .map((name) => name.replace('newsflow_', ''));
    const kept = Object.keys(template.template.settings.analysis.analyzer).filter(
      (name) => !template._meta?.analyzersFellBack?.includes(name),
    );
    console.log(
      `${texts.length} articles, ${texts.filter((t) => languages.includes(t.language)).length} in ${languages.join('/')}; analyzers kept on this cluster: ${kept.join(', ') || 'none (all fallbacks)'}`,
    );
    const sizes: Record<string, number> = {};
    for (const [layout, properties] of Object.entries(layouts(template, languages))) {
      const index = `${prefix}-${layout}`;
      try {
        const analysis = template.template.settings.analysis;
        sizes[layout] = await storeBytes(client, { index, layout, properties, analysis, texts });
      } finally {
        await client.indices.delete({ index }, { ignore: [404] });
      }
      const ratio = (sizes[layout] / sizes.neutral!).toFixed(2);
      console.log(
        `${layout.padEnd(12)} ${(sizes[layout] / 1024 / 1024).toFixed(2).padStart(7)} MiB  ×${ratio} of neutral`,
      );
    }
  } finally {
    await client.close();
    await node?.stop();
  }
}

await main();
