import { Agent, request } from 'undici';
import { StageError } from '@newsflow/contracts';
import type { Config } from '@newsflow/config';
import { guardedConnector, parseAllowList, toStageError } from '@newsflow/fetcher';
import { SIGNATURE_HEADER, sign } from './signature.ts';

export interface WebhookCall {
  url: string;
  secret: string;
  event: string;
  deliveryId: string;
  body: string;
}

/** How one call ended: a 2xx, another status (retried), or no answer at all. */
export type WebhookOutcome = { ok: true; status: number } | { ok: false; status?: number; error: StageError };

export type WebhookConfig = Pick<
  Config,
  'FETCH_ALLOW_PRIVATE' | 'FETCH_USER_AGENT' | 'FETCH_CONNECT_TIMEOUT_MS' | 'WEBHOOK_TIMEOUT_MS'
>;

/**
 * POSTs signed payloads through the fetcher's SSRF guard: loopback, private, link-local and
 * metadata targets are refused before any packet leaves unless FETCH_ALLOW_PRIVATE lets them
 * through, names are checked on every record they resolve to, and redirects are not followed.
 */
export function createWebhookSender(config: WebhookConfig) {
  const allow = parseAllowList(config.FETCH_ALLOW_PRIVATE);
  const agent = new Agent({
    connect: guardedConnector(allow, config.FETCH_CONNECT_TIMEOUT_MS),
    headersTimeout: config.WEBHOOK_TIMEOUT_MS,
    bodyTimeout: config.WEBHOOK_TIMEOUT_MS,
  });
  const send = async (call: WebhookCall): Promise<WebhookOutcome> => {
    const deadline = AbortSignal.timeout(config.WEBHOOK_TIMEOUT_MS);
    try {
      const response = await request(call.url, {
        method: 'POST',
        dispatcher: agent,
        signal: deadline,
        body: call.body,
        headers: {
          'content-type': 'application/json',
          'user-agent': config.FETCH_USER_AGENT,
          'newsflow-event': call.event,
          'newsflow-delivery': call.deliveryId,
          [SIGNATURE_HEADER]: sign(call.secret, call.body, Math.floor(Date.now() / 1000)),
        },
      });
      await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
      if (response.statusCode >= 200 && response.statusCode < 300) return { ok: true, status: response.statusCode };
      const reason = response.statusCode >= 500 ? 'http-5xx' : response.statusCode === 429 ? 'http-429' : 'http-4xx';
      const error = new StageError(reason, `webhook answered ${response.statusCode}`);
      return { ok: false, status: response.statusCode, error };
    } catch (error) {
      return { ok: false, error: toStageError(error, deadline) };
    }
  };
  return { send, close: () => agent.close() };
}

export type WebhookSender = ReturnType<typeof createWebhookSender>;
