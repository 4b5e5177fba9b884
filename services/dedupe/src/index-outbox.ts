import type { ArticleDocument } from '@newsflow/contracts';
import { retryWhileRedisUnavailable } from '@newsflow/runtime';

/**
 * The one call the outbox makes: enqueue one upsert job for these documents (enqueueUpsert from
 * @newsflow/runtime, whose job id names the documents and their versions, so a replayed identical
 * batch is a no-op).
 */
export type AddUpsert = (documents: ArticleDocument[]) => Promise<unknown>;

export interface OutboxLimits {
  /** Documents per index job: a full batch is sent at once. */
  maxDocs: number;
  /** Longest a document waits for others before its batch is sent anyway. */
  flushMs: number;
}

export interface IndexOutbox {
  /** Resolves once an index job carrying this document is in the queue; rejects if adding it failed. */
  submit(document: ArticleDocument): Promise<void>;
  /** Sends what is pending now and waits for it. */
  flush(): Promise<void>;
}

interface Waiter {
  document: ArticleDocument;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Coalesces the documents decided by concurrent dedupe jobs into one upsert job per flush (by count
 * or age): BullMQ's cost per job, not Elasticsearch, limited the indexer
 * at one job per document. Each dedupe job awaits the flush carrying its document, so a crash before
 * the flush leaves that job uncompleted and BullMQ runs it again (assignment is idempotent); a
 * document sent twice in two batches is harmless (external versioning by fetchedAt).
 */
export function createIndexOutbox(addUpsert: AddUpsert, limits: OutboxLimits): IndexOutbox {
  let pending: Waiter[] = [];
  let timer: NodeJS.Timeout | undefined;

  const send = async (batch: Waiter[]): Promise<void> => {
    try {
      // A failover rides out here rather than failing every waiting job into its retry backoff.
      const documents = batch.map((waiter) => waiter.document);
      await retryWhileRedisUnavailable(() => addUpsert(documents));
      for (const waiter of batch) waiter.resolve();
    } catch (error) {
      for (const waiter of batch) waiter.reject(error);
    }
  };

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    const batch = pending;
    pending = [];
    if (batch.length > 0) await send(batch);
  };

  const submit = (document: ArticleDocument): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      pending.push({ document, resolve, reject });
      if (pending.length >= limits.maxDocs) void flush();
      else timer ??= setTimeout(() => void flush(), limits.flushMs);
    });

  return { submit, flush };
}

/**
 * The dedupe stage's writer for documents to upsert: the job completes only once an index job
 * carries each of its documents (at-least-once across a crash).
 */
export function outboxWriter(outbox: IndexOutbox): (documents: ArticleDocument[]) => Promise<void> {
  return async (documents) => {
    await Promise.all(documents.map((document) => outbox.submit(document)));
  };
}
