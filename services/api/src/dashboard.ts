import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';

export const DASHBOARD_PATH = '/dashboard';

/**
 * bull-board is a React app: its own scripts and stylesheet, inline style attributes, a <base>
 * tag and JSON calls to its API. It can retry and delete jobs, so no other site may frame it
 * (clickjacking) and nothing may load from elsewhere (its Google Fonts link is simply refused).
 */
export const DASHBOARD_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** bull-board on the API server, showing every stage queue (render included) in pipeline order. */
export async function registerDashboard(app: FastifyInstance, queues: StageQueues): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Newsflow' } },
  });
  app.addHook('onSend', async (request, reply) => {
    // The path without its query: "/dashboard?x" serves the same page and must not escape these headers.
    const path = request.url.split('?', 1)[0];
    if (path !== DASHBOARD_PATH && !path?.startsWith(`${DASHBOARD_PATH}/`)) return;
    reply
      .header('content-security-policy', DASHBOARD_CSP)
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer');
  });
  await app.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
