import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { countArticles, loadTemplate, reindex, searchArticles } from '../src/index.ts';
import type { ArticleDocument } from '@newsflow/contracts';
import { createTestIndex, makeDocument, writeDocuments } from './support/es.ts';
import type { TestIndex } from './support/es.ts';

const SEEDED = 3000;

const write = (es: TestIndex, docs: ArticleDocument[]) => writeDocuments(es.client, es.names.writeAlias, docs);

void describe('reindex under load', () => {
  let es: TestIndex;
  const seeded = Array.from({ length: SEEDED }, (_, i) =>
    makeDocument({ title: `seeded ${i} harbour`, fetchedAt: '2026-11-20T11:00:00Z' }),
  );

  before(async () => {
    es = await createTestIndex();
    for (let i = 0; i < seeded.length; i += 1000) await write(es, seeded.slice(i, i + 1000));
    await es.client.indices.refresh({ index: es.names.readAlias });
  });
  after(async () => es.cleanup());

  void it('swaps aliases with no failed search and no lost or reverted document', async () => {
    let done = false;
    const added: ArticleDocument[] = [];
    const updated: ArticleDocument[] = [];
    let searches = 0;
    const searchErrors: unknown[] = [];
    const writer = (async () => {
      for (let round = 0; !done || round < 3; round += 1) {
        const fresh = Array.from({ length: 20 }, () => makeDocument({ title: `fresh ${round}` }));
        const newer = seeded
          .slice(round * 10, round * 10 + 10)
          .map((doc) => ({ ...doc, title: `updated ${round}`, fetchedAt: '2026-11-21T11:00:00Z' }));
        await write(es, [...fresh, ...newer]);
        added.push(...fresh);
        updated.push(...newer);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const searcher = (async () => {
      while (!done) {
        try {
          const result = await searchArticles(es.client, es.names, { q: 'harbour', size: 5 });
          assert.ok(result.total > 0);
          searches += 1;
        } catch (error) {
          searchErrors.push(error);
        }
      }
    })();

    const result = await reindex(es.client, es.names, { batchSize: 500 });
    done = true;
    await Promise.all([writer, searcher]);

    assert.deepEqual(searchErrors, []);
    assert.ok(searches > 0);
    const shipped = loadTemplate(es.names).version;
    assert.equal(result.from, es.names.versioned(shipped));
    assert.equal(result.to, es.names.versioned(shipped + 1));
    const aliases = await es.client.indices.getAlias({ name: [es.names.readAlias, es.names.writeAlias] });
    assert.deepEqual(Object.keys(aliases), [es.names.versioned(shipped + 1)]);
    await es.client.indices.refresh({ index: es.names.readAlias });
    assert.equal(await countArticles(es.client, es.names), SEEDED + added.length);
    const titles = await es.client.mget<{ title: string }>({
      index: es.names.readAlias,
      ids: updated.map((doc) => doc.docId),
    });
    const latest = new Map(updated.map((doc) => [doc.docId, doc.title]));
    for (const doc of titles.docs)
      assert.equal('found' in doc && doc.found ? doc._source?.title : undefined, latest.get(doc._id));
  });
});
