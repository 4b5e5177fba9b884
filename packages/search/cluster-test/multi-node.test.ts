// On a real local 3-node Elasticsearch cluster (devstack; about two minutes to green on a shared
// 2-core machine, so outside the default suite: `npm run test:cluster`): the default layout puts a
// replica of the articles shard on another node, and when the node holding the primary, which is
// also the first URL the client knows, is killed -9, writes and searches carry on without loss.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { startElasticsearchCluster } from '@newsflow/devstack';
import { makeArticleDocument, waitFor } from '@newsflow/testkit';
import { countArticles, createEsClient, ensureArticlesIndex, indexNames, toEsDocument } from '../src/index.ts';
import type { Client, IndexNames } from '../src/index.ts';

interface ShardCopy {
  prirep: string;
  state: string;
  node: string | null;
}

async function shardCopies(client: Client, index: string): Promise<ShardCopy[]> {
  return (await client.cat.shards({ index, format: 'json', h: 'prirep,state,node' })) as ShardCopy[];
}

async function write(client: Client, names: IndexNames, count: number): Promise<void> {
  const operations = Array.from({ length: count }, () => makeArticleDocument()).flatMap((doc) => [
    { index: { _index: names.writeAlias, _id: doc.docId } },
    toEsDocument(doc),
  ]);
  const response = await client.bulk({ operations, refresh: 'wait_for' });
  assert.equal(response.errors, false, JSON.stringify(response.items.find((item) => item.index?.error)));
}

void test(
  '3 nodes: a replica on another node, and the client survives the kill of its first node',
  { timeout: 600_000 },
  async (t) => {
    const local = await startElasticsearchCluster({ log: (line) => t.diagnostic(line) });
    const names = indexNames('multi-node');
    try {
      const probe = createEsClient(local.env.ELASTICSEARCH_URL);
      const index = await ensureArticlesIndex(probe, names);
      await probe.cluster.health({ index, wait_for_status: 'green', timeout: '60s' });
      const copies = await shardCopies(probe, index);
      const primary = copies.find((copy) => copy.prirep === 'p');
      const replica = copies.find((copy) => copy.prirep === 'r');
      assert.equal(copies.length, 2, `one primary and one replica: ${JSON.stringify(copies)}`);
      assert.ok(primary?.node && replica?.node && primary.node !== replica.node, JSON.stringify(copies));
      await probe.close();

      // the client's first URL is the primary's node: the one the issue saw the indexer stall on
      const victim = local.nodes.find((node) => node.name === primary.node)!;
      const urls = [
        local.urls[local.nodes.indexOf(victim)]!,
        ...local.urls.filter((_, i) => local.nodes[i] !== victim),
      ];
      const client = createEsClient(urls.join(','), { requestTimeout: 5_000 });
      await write(client, names, 50);
      await victim.kill();
      const killedAt = Date.now();
      await waitFor('a write after the kill', async () => (await write(client, names, 50), true), 60_000, 200);
      const recoveredMs = Date.now() - killedAt;
      assert.equal(await countArticles(client, names), 100, 'nothing lost, nothing doubled');
      const health = await client.cluster.health({ index });
      t.diagnostic(
        `primary node ${victim.name} killed: writes and searches succeeded ${recoveredMs} ms later; index ${health.status}`,
      );
      assert.notEqual(health.status, 'red');
      await client.close();
    } finally {
      await local.stop();
    }
  },
);
