// The index stage passes the stage contract on real Redis and Elasticsearch (an upsert job in, its
// document indexed at its version; a replay leaves it as it was).
import { randomBytes } from 'node:crypto';
import { after } from 'node:test';
import { createLogger, resolveConfig } from '@newsflow/config';
import { encodeUpsertPayload, upsertJobIdFor, upsertRefOf } from '@newsflow/contracts';
import { storeUpsertPayload } from '@newsflow/runtime';
import { createEsClient, ensureArticlesIndex, indexNames } from '@newsflow/search';
import { makeArticleDocument, stageContract, TEST_ELASTICSEARCH_URL, TEST_REDIS_URL } from '@newsflow/testkit';
import { startIndexer } from '../src/indexer.ts';

const client = createEsClient(TEST_ELASTICSEARCH_URL);
const names = indexNames(`t-contract-${randomBytes(4).toString('hex')}`);
const document = makeArticleDocument();

after(async () => {
  const existing = Object.keys(await client.indices.get({ index: names.pattern, allow_no_indices: true }));
  if (existing.length > 0) await client.indices.delete({ index: existing });
  await client.indices.deleteIndexTemplate({ name: names.templateName }, { ignore: [404] });
  await client.close();
});

stageContract('index', {
  start: async (prefix) => {
    await ensureArticlesIndex(client, names);
    const config = resolveConfig({
      REDIS_URL: TEST_REDIS_URL,
      ELASTICSEARCH_URL: TEST_ELASTICSEARCH_URL,
      NEWSFLOW_QUEUE_PREFIX: prefix,
      INDEX_FLUSH_MS: '50',
    });
    return startIndexer({ config, log: createLogger('test', 'silent'), client, names });
  },
  validJob: async (prefix, redis) => {
    const refs = [upsertRefOf(document)];
    const data = await storeUpsertPayload(redis, prefix, upsertJobIdFor(refs), refs, encodeUpsertPayload([document]));
    return { name: 'index', data };
  },
  effect: async () => {
    await client.indices.refresh({ index: names.readAlias });
    const stored = await client.get<{ title: string }>({ index: names.readAlias, id: document.docId });
    return { version: stored._version, title: stored._source?.title };
  },
});
