import { createHash } from 'node:crypto';
import type { EsArticle } from '@newsflow/contracts';
import type { SavedSearch } from './saved-search.ts';

export const WEBHOOK_QUEUE = 'webhooks';
export type WebhookEvent = 'article.matched' | 'story.matched';

/** What a webhook job carries; the URL and secret are read at send time (an edit or delete applies). */
export interface WebhookJob {
  savedSearchId: string;
  deliveryId: string;
  event: WebhookEvent;
  payload: WebhookPayload;
}

export interface WebhookPayload {
  id: string;
  event: WebhookEvent;
  savedSearch: { id: string; name?: string; query: string };
  article: Pick<Partial<EsArticle>, 'docId' | 'url' | 'title' | 'siteName' | 'domain' | 'publishedAt' | 'indexedAt'>;
  /** The story the article belongs to (storyId, else its copy cluster): GET /api/stories/{id}. */
  story: { id: string };
}

/**
 * A pure function of what was matched: the same article (or story) matching the same saved search
 * is the same job, so a run repeated after a crash or by a second API process queues nothing new.
 */
export function deliveryIdFor(savedSearchId: string, event: WebhookEvent, subject: string): string {
  // Story ids may hold ':', which BullMQ refuses in job ids; a digest keeps the id a function of it.
  const key = event === 'article.matched' ? subject : createHash('sha256').update(subject).digest('hex').slice(0, 24);
  return `${savedSearchId}-${event === 'article.matched' ? 'article' : 'story'}-${key}`;
}

export function webhookJob(saved: SavedSearch, event: WebhookEvent, article: Partial<EsArticle>): WebhookJob {
  const storyId = article.storyKey ?? article.storyId ?? article.clusterId ?? '';
  const deliveryId = deliveryIdFor(saved.id, event, event === 'article.matched' ? (article.docId ?? '') : storyId);
  const { docId, url, title, siteName, domain, publishedAt, indexedAt } = article;
  return {
    savedSearchId: saved.id,
    deliveryId,
    event,
    payload: {
      id: deliveryId,
      event,
      savedSearch: { id: saved.id, ...(saved.name ? { name: saved.name } : {}), query: saved.filters.q ?? '' },
      article: { docId, url, title, siteName, domain, publishedAt, indexedAt },
      story: { id: storyId },
    },
  };
}
