// Where a document's Redis bytes go: samples MEMORY USAGE per key family and scales the average
// by the family's key count (known for the sharded families, one per document for the rest).
import type { Redis } from 'ioredis';

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

async function averageUsage(redis: Redis, keys: string[]): Promise<number> {
  const usages = await Promise.all(keys.map((key) => redis.memory('USAGE', key)));
  const sizes = usages.map((u) => (typeof u === 'number' ? u : 0));
  return sizes.reduce((a, b) => a + b, 0) / Math.max(1, sizes.length);
}

function sampleOf<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

/** Bytes per document by key family, for `docs` documents in `clusters` clusters under `prefix`. */
export async function memoryBreakdown(
  redis: Redis,
  prefix: string,
  docs: number,
  clusters: number,
  docIds: string[],
  lshShards = 65536,
): Promise<Record<string, number>> {
  const pick = (n: number) => Math.floor(Math.random() * n);
  const clusterIds = await Promise.all(docIds.map((id) => redis.hget(`${prefix}:d:${id}`, 'c')));
  const seq = Number(await redis.get(`${prefix}:seq`));
  const perDoc = (average: number, keys: number) => (average * keys) / docs;
  return {
    lshBuckets: perDoc(
      await averageUsage(
        redis,
        sampleOf(400, () => `${prefix}:l:${pick(lshShards)}`),
      ),
      lshShards,
    ),
    passagePostings: perDoc(
      await averageUsage(
        redis,
        sampleOf(400, () => `${prefix}:f:${pick(lshShards)}`),
      ),
      lshShards,
    ),
    refMap: perDoc(
      await averageUsage(
        redis,
        sampleOf(50, () => `${prefix}:i:${pick(Math.ceil(seq / 128))}`),
      ),
      Math.ceil(seq / 128),
    ),
    exactPointers: perDoc(
      await averageUsage(
        redis,
        sampleOf(200, () => `${prefix}:x:${B64URL[pick(64)]}${B64URL[pick(64)]}`),
      ),
      4096,
    ),
    docHashWithSignatureAndPassages: await averageUsage(
      redis,
      docIds.map((id) => `${prefix}:d:${id}`),
    ),
    clusterMembers: perDoc(
      await averageUsage(
        redis,
        clusterIds.filter((c) => c !== null).map((c) => `${prefix}:m:${c}`),
      ),
      clusters,
    ),
    log: ((await redis.memory('USAGE', `${prefix}:log`, 'SAMPLES', 1000)) ?? 0) / docs,
  };
}
