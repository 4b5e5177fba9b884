import { Agent, createServer, request as httpRequest } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/**
 * pass: forward every request to the real server; down: reset every connection (the server is
 * gone); 429 / 503: answer every request with that status and an Elasticsearch-shaped error body,
 * as an overloaded (rejected execution) or unavailable (no master, shards not ready) node does.
 */
export type HttpFaultMode = 'pass' | 'down' | 429 | 503;

export interface HttpFaultProxy {
  url: string;
  readonly mode: HttpFaultMode;
  setMode(mode: HttpFaultMode): void;
  /** requests answered per mode since start (pass = forwarded; down counts refused connections too) */
  counts(): Record<string, number>;
  close(): Promise<void>;
}

const ERROR_BODIES: Record<429 | 503, object> = {
  429: { error: { type: 'es_rejected_execution_exception', reason: 'rejected execution (fault proxy)' }, status: 429 },
  503: { error: { type: 'cluster_block_exception', reason: 'no master (fault proxy)' }, status: 503 },
};

/**
 * An HTTP proxy in front of a real server (Elasticsearch) that can be switched to fail: the real
 * server keeps its data and state, only what reaches the clients changes. Not a mock: in 'pass'
 * every byte of the request and the answer goes through unchanged.
 */
export async function startHttpFaultProxy(target: string): Promise<HttpFaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const sockets = new Set<Socket>();
  const counts: Record<string, number> = {};
  let mode: HttpFaultMode = 'pass';
  const server = createServer((request, response) => {
    counts[String(mode)] = (counts[String(mode)] ?? 0) + 1;
    if (mode === 'down') return void request.socket.resetAndDestroy();
    if (mode === 429 || mode === 503) return void answerError(response, mode);
    forward(upstream, agent, request, response);
  });
  server.keepAliveTimeout = 5_000;
  server.on('connection', (socket: Socket) => {
    if (mode === 'down') {
      counts.down = (counts.down ?? 0) + 1;
      return void socket.resetAndDestroy();
    }
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    get mode() {
      return mode;
    },
    setMode: (next) => {
      mode = next;
      // kept-alive connections (and requests waiting on them) would otherwise outlive the outage
      if (next === 'down') for (const socket of sockets) socket.resetAndDestroy();
    },
    counts: () => ({ ...counts }),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      agent.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answerError(response: ServerResponse, status: 429 | 503): void {
  const body = JSON.stringify(ERROR_BODIES[status]);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function forward(upstream: URL, agent: Agent, request: IncomingMessage, response: ServerResponse): void {
  const outgoing = httpRequest(
    {
      host: upstream.hostname,
      port: upstream.port,
      method: request.method,
      path: request.url,
      headers: { ...request.headers, host: upstream.host },
      agent,
    },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  outgoing.on('error', () => request.socket.destroy());
  response.on('close', () => outgoing.destroy());
  request.pipe(outgoing);
}
