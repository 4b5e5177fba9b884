// A redis-server of the fault suite's own, with an append-only file, so that a kill -9 and a
// restart on the same directory and port bring back what was acknowledged (fsync every second,
// as production runs it): the restart a real crash of the Redis host would be.
import { startLocalRedis } from '@newsflow/testkit';

export interface AofRedis {
  url: string;
  /** SIGKILL, no grace: whatever was not yet in the AOF is gone, as in a crash */
  kill(): Promise<void>;
  /** the same port and directory: redis replays the AOF before it answers */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startAofRedis(): Promise<AofRedis> {
  const aof = ['--appendonly', 'yes', '--appendfsync', 'everysec', '--maxmemory-policy', 'noeviction'];
  const redis = await startLocalRedis(aof, 60_000);
  return { url: redis.url, kill: redis.kill, restart: redis.start, stop: redis.stop };
}
