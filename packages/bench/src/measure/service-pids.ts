import type { Redis } from 'ioredis';
import type { Client } from '@newsflow/search';

/**
 * The process ids of Redis and Elasticsearch, asked of the servers themselves (INFO server,
 * nodes info), so /proc can be read whoever started them. Undefined for a remote or containerised
 * server whose pid is not ours to see.
 */
export async function servicePids(redis: Redis, es: Client): Promise<{ redis?: number; elasticsearch?: number }> {
  const info = await redis.info('server');
  const redisPid = Number(/^process_id:(\d+)/m.exec(info)?.[1]);
  const nodes = await es.nodes.info({ metric: 'process' });
  const esPid = Object.values(nodes.nodes)[0]?.process?.id;
  return { redis: visible(redisPid), elasticsearch: visible(Number(esPid)) };
}

function visible(pid: number): number | undefined {
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: it exists but belongs to another user (Elasticsearch as its own user); /proc is still readable
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}

/** Redis's used_memory in bytes. */
export async function redisUsedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}
