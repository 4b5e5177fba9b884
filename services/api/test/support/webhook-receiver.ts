import type { Queue } from 'bullmq';
import { createServer } from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedCall {
  headers: IncomingHttpHeaders;
  body: string;
  /** The status this call was answered with. */
  status: number;
}

/** A real HTTP server on loopback that records webhook calls; `failNext` answers that many with 500. */
export async function startReceiver(): Promise<{
  url: string;
  port: number;
  calls: ReceivedCall[];
  failNext(count: number): void;
  close(): Promise<void>;
}> {
  const calls: ReceivedCall[] = [];
  let failures = 0;
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures > 0 ? 500 : 204;
      if (failures > 0) failures -= 1;
      calls.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    calls,
    failNext: (count) => void (failures = count),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** Polls until the condition holds; fails the test after the deadline instead of hanging it. */
export async function eventually(
  condition: () => Promise<boolean> | boolean,
  what: string,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Runs `work` while no saved-search check runs: the check queue is paused (in Redis, so no worker
 * takes the next run) and the running one, if any, is waited out.
 */
export async function withChecksPaused(checks: Queue, work: () => Promise<void>): Promise<void> {
  await checks.pause();
  try {
    await eventually(async () => (await checks.getActiveCount()) === 0, 'the running check to end');
    await work();
  } finally {
    await checks.resume();
  }
}
