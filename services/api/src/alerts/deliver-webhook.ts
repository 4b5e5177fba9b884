import { UnrecoverableError } from 'bullmq';
import type { Job } from 'bullmq';
import type { SavedStore } from './saved-store.ts';
import type { WebhookJob } from './webhook-jobs.ts';
import type { WebhookSender } from './webhook-sender.ts';

/** Targets that no retry will change: the guard refused the address, or the URL is not one. */
const REFUSALS = new Set(['ssrf-blocked', 'invalid-url']);

/**
 * One try of one delivery. A non-2xx answer or a network failure throws, so BullMQ retries it
 * with exponential backoff; a refused target fails at once. The last try's outcome is recorded
 * either way, so GET /api/saved-searches/:id/deliveries lists what was delivered and what failed.
 */
export async function deliverWebhook(job: Job<WebhookJob>, store: SavedStore, sender: WebhookSender): Promise<void> {
  const { savedSearchId, deliveryId, event, payload } = job.data;
  const saved = await store.get(savedSearchId);
  if (!saved?.webhookUrl || !saved.secret) return; // deleted since: nobody to tell
  const body = JSON.stringify(payload);
  const outcome = await sender.send({ url: saved.webhookUrl, secret: saved.secret, event, deliveryId, body });
  const attempts = job.attemptsMade + 1;
  const record = { deliveryId, event, attempts, at: new Date().toISOString() };
  const httpStatus = outcome.status === undefined ? {} : { httpStatus: outcome.status };
  if (outcome.ok) return store.recordDelivery(savedSearchId, { ...record, ...httpStatus, status: 'delivered' });
  const refused = REFUSALS.has(outcome.error.reason);
  if (refused || attempts >= (job.opts.attempts ?? 1))
    await store.recordDelivery(savedSearchId, {
      ...record,
      ...httpStatus,
      status: 'failed',
      error: outcome.error.message,
    });
  throw refused ? new UnrecoverableError(outcome.error.message) : outcome.error;
}
