import { createConnection, createServer } from 'node:net';
import type { Server, Socket } from 'node:net';

/** pass: forward; refuse: reset new and open connections; drop: accept and never answer. */
export type FaultMode = 'pass' | 'refuse' | 'drop';

export interface FaultProxy {
  url: string;
  setMode(mode: FaultMode): void;
  close(): Promise<void>;
}

/** A TCP proxy in front of a real server (Redis, Elasticsearch) that can be switched to fail, for outage tests. */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const open = new Set<Socket>();
  let mode: FaultMode = 'pass';
  const server: Server = createServer((client) => {
    open.add(client);
    client.on('close', () => open.delete(client));
    client.on('error', () => undefined);
    if (mode === 'refuse') {
      client.resetAndDestroy();
      return;
    }
    if (mode === 'drop') return;
    const upstream = createConnection({ host: hostname, port: Number(port) });
    open.add(upstream);
    upstream.on('close', () => open.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `${new URL(target).protocol}//127.0.0.1:${address.port}`,
    setMode: (next) => {
      mode = next;
      // Kept-alive connections would otherwise keep working through a "refusing" proxy.
      if (next !== 'pass') for (const socket of open) socket.destroy();
    },
    close: async () => {
      for (const socket of open) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
