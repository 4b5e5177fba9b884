import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter } from '@bull-board/fastify';
import type { FastifyInstance } from 'fastify';
import type { StageQueues } from '@newsflow/runtime';

export const DASHBOARD_PATH = '/dashboard';

/** bull-board on the API server, showing the four stage queues in pipeline order. */
export async function registerDashboard(app: FastifyInstance, queues: StageQueues): Promise<void> {
  const adapter = new FastifyAdapter();
  adapter.setBasePath(DASHBOARD_PATH);
  createBullBoard({
    queues: Object.values(queues).map((queue) => new BullMQAdapter(queue)),
    serverAdapter: adapter,
    options: { uiConfig: { boardTitle: 'Newsflow' } },
  });
  await app.register(adapter.registerPlugin(), { prefix: DASHBOARD_PATH });
}
